#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (clang 14, ASan+UBSan, build/fuzz) and runs each for
# SECONDS_PER_TARGET (default 60) over a scratch copy of its seed corpus (tests/fuzz/corpus/<target>;
# the source tree is never written). Prints executions, exec/s and crashes per target and fails when
# any target crashed; crashing inputs are kept in build/fuzz/artifacts/<target>/.
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]      (no TARGET: all of them)
# SWITCHBOARD_FUZZ_RUNS=N stops each target after N executions instead (the time still bounds it);
# SWITCHBOARD_FUZZ_JOBS=N runs N targets at a time (default 1).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
shift || true
build="$root/build/fuzz"
CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSWITCHBOARD_FUZZ=ON -DBUILD_TESTING=OFF -DSWITCHBOARD_GUI=OFF >/dev/null
targets=("$@")
if ((${#targets[@]} == 0)); then
    mapfile -t targets < <(sed -n 's/^add_switchboard_fuzzer(\([a-z0-9_]*\) .*/\1/p' "$root/tests/fuzz/CMakeLists.txt")
fi
cmake --build "$build" --target "${targets[@]}"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export QT_QPA_PLATFORM=offscreen
# One target: its summary line in $scratch/<target>.line, its log tail on stderr when it crashed.
run_target() {
    local target="$1" corpus="$scratch/corpus/$1" artifacts="$build/artifacts/$1" limit=() status=0
    mkdir -p "$corpus" "$artifacts"
    [[ -d "$root/tests/fuzz/corpus/$target" ]] && cp -r "$root/tests/fuzz/corpus/$target/." "$corpus/"
    local before
    before=$(find "$artifacts" -type f | wc -l)
    [[ -n "${SWITCHBOARD_FUZZ_RUNS:-}" ]] && limit=(-runs="$SWITCHBOARD_FUZZ_RUNS")
    echo "== $target: ${seconds} s${SWITCHBOARD_FUZZ_RUNS:+ or $SWITCHBOARD_FUZZ_RUNS runs}" >&2
    "$build/tests/fuzz/$target" -max_total_time="$seconds" "${limit[@]}" -print_final_stats=1 -timeout=10 \
        -artifact_prefix="$artifacts/" "$corpus" >"$scratch/$target.log" 2>&1 || status=$?
    local executions speed crashes
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$scratch/$target.log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$scratch/$target.log" | tail -1)
    crashes=$(($(find "$artifacts" -type f | wc -l) - before))
    ((status != 0 && crashes == 0)) && crashes=1
    printf '%-34s %12s %9s %8s\n' "$target" "${executions:-?}" "${speed:-?}" "$crashes" >"$scratch/$target.line"
    if ((crashes > 0)); then
        tail -60 "$scratch/$target.log" >&2
        return 1
    fi
}

# SWITCHBOARD_FUZZ_JOBS targets at a time (default 1).
jobs="${SWITCHBOARD_FUZZ_JOBS:-1}"
running=0
for target in "${targets[@]}"; do
    if ((running >= jobs)); then
        wait -n || true
        running=$((running - 1))
    fi
    run_target "$target" &
    running=$((running + 1))
done
wait || true
failed=()
printf '%-34s %12s %9s %8s\n' target executions exec/s crashes >"$scratch/summary"
for target in "${targets[@]}"; do
    if [[ -f "$scratch/$target.line" ]]; then
        cat "$scratch/$target.line" >>"$scratch/summary"
        [[ "$(awk '{print $4}' "$scratch/$target.line")" == 0 ]] || failed+=("$target")
    else
        printf '%-34s %12s %9s %8s\n' "$target" "?" "?" "did not run" >>"$scratch/summary"
        failed+=("$target")
    fi
done
cat "$scratch/summary"
if ((${#failed[@]})); then
    echo "fuzzing found crashes in: ${failed[*]} (inputs in $build/artifacts/)" >&2
    exit 1
fi

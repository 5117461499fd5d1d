#!/usr/bin/env bash
# Builds Switchboard with its tests (the Debug and the sanitized builds treat warnings as errors) and
# runs, in this order:
#  0. the format check: every C++ source follows .clang-format (scripts/check-format.sh);
#  1. the whole suite with ctest (Debug: compiles fastest) in build/test; extra arguments go to this
#     ctest run;
#  2. the unit and integration suites again, built RelWithDebInfo (-O2, where optimiser-only bugs such
#     as dangling temporaries show) with AddressSanitizer and UndefinedBehaviorSanitizer, in
#     build/asan (headless build: the GUI suite is not part of it); integration tests start that
#     build's sanitized switchboard binary;
#  3. a short run of every fuzz target (scripts/fuzz.sh, two at a time) in build/fuzz.
# SWITCHBOARD_SANITIZE=0 skips step 2; SWITCHBOARD_FUZZ_SECONDS (seconds per target, default 60; 0
# skips step 3) sets step 3's length.
# The Debug and the sanitized runs share one throwaway PostgreSQL cluster (scripts/pg-cluster.sh,
# started before the first ctest run and stopped when this script exits); SWITCHBOARD_TEST_PG_URL
# points the PostgreSQL suites at it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh" --test
export QT_QPA_PLATFORM=offscreen
started=$SECONDS
stage() { echo "== $1 (at $((SECONDS - started)) s)" >&2; }

stage "format check"
"$root/scripts/check-format.sh"

stage "throwaway PostgreSQL cluster"
eval "$("$root/scripts/pg-cluster.sh" start)"
trap '"$root/scripts/pg-cluster.sh" stop "$SWITCHBOARD_TEST_PG_DIR"' EXIT

stage "Debug build and the whole suite"
build="${SWITCHBOARD_TEST_BUILD_DIR:-$root/build/test}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBUILD_TESTING=ON -DSWITCHBOARD_WERROR=ON >/dev/null
cmake --build "$build"
ctest --test-dir "$build" --output-on-failure -j2 "$@"

if [[ "${SWITCHBOARD_SANITIZE:-1}" != 0 ]]; then
    stage "ASan+UBSan build (RelWithDebInfo) and the unit and integration suites"
    asan="$root/build/asan"
    sanitize="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
    cmake -S "$root" -B "$asan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON \
        -DSWITCHBOARD_WERROR=ON -DSWITCHBOARD_GUI=OFF -DCMAKE_CXX_FLAGS="$sanitize" \
        -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
    cmake --build "$asan"
    # Reports go to files as well as failing the process: a finding in a switchboard server that an
    # integration test started (and whose exit status the test may not look at) fails the run too.
    reports="$asan/sanitizer-reports"
    rm -rf "$reports" && mkdir -p "$reports"
    status=0
    ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1:check_initialization_order=1:log_path=$reports/asan" \
        LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0" \
        UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$reports/ubsan" \
        ctest --test-dir "$asan" --output-on-failure -j2 -L '^(unit|integration)$' || status=$?
    if [[ -n "$(ls -A "$reports")" ]]; then
        cat "$reports"/* >&2
        echo "sanitizer findings above (also in $reports)" >&2
        status=1
    fi
    ((status == 0)) || exit "$status"
fi

seconds="${SWITCHBOARD_FUZZ_SECONDS:-60}"
if [[ "$seconds" != 0 ]]; then
    stage "fuzz targets, $seconds s each"
    SWITCHBOARD_FUZZ_JOBS="${SWITCHBOARD_FUZZ_JOBS:-2}" "$root/scripts/fuzz.sh" "$seconds"
fi
stage "done"

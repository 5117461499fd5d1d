#!/usr/bin/env bash
# Hostile-client benchmark (not a test): builds Release, starts a headless Switchboard and, for each
# of 1,000 pipelined requests in one write, 1,000 slow connections and a 300 MB chunked upload,
# prints the server's peak RSS and the /healthz latency measured during the attack.
# Targets: peak RSS under 100 MB and /healthz within 100 ms in every case.
# Usage: scripts/bench-security.sh [--slow-seconds 15]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
command -v python3 >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3; }
build="${SWITCHBOARD_BENCH_DIR:-$root/build/bench}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DSWITCHBOARD_GUI=OFF >/dev/null
cmake --build "$build" >/dev/null

work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
# The attack opens 1,000 sockets besides the probes.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
SWITCHBOARD_API_KEY="bench-key" "$build/app/switchboard" --headless --listen 127.0.0.1:0 --data-dir "$work/data" \
    >"$work/stdout" 2>"$work/stderr" &
pid=$!
for _ in $(seq 100); do grep -q "listening on" "$work/stdout" 2>/dev/null && break; sleep 0.1; done
url="$(sed -n 's/^listening on //p' "$work/stdout")"
[[ -n "$url" ]] || { cat "$work/stderr"; exit 1; }
port="${url##*:}"
echo "Switchboard $(git -C "$root" rev-parse --short HEAD) on $url, $(nproc) cores; open-file limit $(awk '/Max open files/ {print $4}' /proc/$pid/limits)"
python3 "$root/scripts/bench_attacks.py" --port "$port" --pid "$pid" "$@"
kill -0 "$pid" 2>/dev/null && echo "server still running after every attack" || { echo "server died"; exit 1; }

#!/usr/bin/env bash
# Builds Switchboard (Release) and starts the console; headless when there is no display.
# Arguments are passed to switchboard, e.g.: scripts/run.sh --demo --listen 127.0.0.1:8080
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
build="${SWITCHBOARD_BUILD_DIR:-$root/build/release}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" >&2 # stdout carries only the server's "listening on" line
args=("$@")
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
    echo "no display: starting headless (Ctrl+C stops it)" >&2
    args=(--headless "${args[@]}")
fi
exec "$build/app/switchboard" "${args[@]}"

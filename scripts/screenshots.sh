#!/usr/bin/env bash
# Writes a PNG of every console view, over --demo data, into the directory given (default: shots/):
#   scripts/screenshots.sh [DIR] [LANG]      e.g. scripts/screenshots.sh /tmp/shots de
# Builds the test tree like scripts/test.sh and runs the screenshot test under Xvfb.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh" --test
build="${SWITCHBOARD_TEST_BUILD_DIR:-$root/build/test}"
out="$(realpath -m "${1:-$root/shots}")"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBUILD_TESTING=ON >/dev/null
cmake --build "$build" --target tst_viewshots tst_webhooksview >&2
mkdir -p "$out"
export SWITCHBOARD_SCREENSHOT_DIR="$out" SWITCHBOARD_SCREENSHOT_LANG="${2:-}"
xvfb-run -a -s "-screen 0 1400x900x24" "$build/tests/ui/tst_viewshots" >&2
xvfb-run -a -s "-screen 0 1400x900x24" "$build/tests/ui/tst_webhooksview" screenshots >&2
ls "$out"/*.png

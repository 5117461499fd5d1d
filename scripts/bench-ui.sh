#!/usr/bin/env bash
# Console benchmark (not a test): builds Release, fills 1,000,000 deliveries into a temporary
# database and measures, on the GUI thread, opening the Deliveries view, scrolling to deep pages
# and applying filters (each must stay under 100 ms), then the longest event-loop stall while
# wrk ingests 5,000 signed webhooks/s through the real server. Prints the figures.
# Usage: scripts/bench-ui.sh [--rows N] [--ingest-seconds S]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rows=1000000
seconds=10
while (($#)); do
    case "$1" in
        --rows) rows="$2"; shift 2 ;;
        --ingest-seconds) seconds="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
build="${SWITCHBOARD_BENCH_UI_DIR:-$root/build/bench-ui}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=ON -DSWITCHBOARD_GUI=ON >/dev/null
cmake --build "$build" --target bench_deliveries >/dev/null
# Offscreen still renders every frame into an image, so painting is part of the figures.
QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" BENCH_ROWS="$rows" BENCH_INGEST_SECONDS="$seconds" \
    "$build/tests/ui/bench_deliveries"

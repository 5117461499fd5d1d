#!/usr/bin/env bash
# Outbound delivery benchmark (not a test): N pending deliveries are queued in the database, a
# local sink (Node's http server) answers 200, and a headless Switchboard delivers them all, every
# attempt persisted. Prints deliveries per second and the server's peak RSS.
# Usage: scripts/bench-dispatch.sh [N]   (default 50000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
count="${1:-50000}"
"$root/scripts/install-deps.sh"
for tool in curl node python3; do command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 2; }; done
build="${SWITCHBOARD_BENCH_DIR:-$root/build/bench}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DSWITCHBOARD_GUI=OFF >/dev/null
cmake --build "$build" >/dev/null

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# The sink: answers every POST with 200.
cat >"$work/sink.js" <<'JS'
const http = require('http');
const server = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200); res.end('ok'); }); });
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
JS
node "$work/sink.js" >"$work/sink.port" &
pids+=($!)
for _ in $(seq 50); do [[ -s "$work/sink.port" ]] && break; sleep 0.1; done
sink="http://127.0.0.1:$(cat "$work/sink.port")/hook"

start_server() {
    SWITCHBOARD_API_KEY=bench-key "$build/app/switchboard" --headless --listen 127.0.0.1:0 --data-dir "$work/data" \
        --rate-limit 0 >"$work/stdout" 2>"$work/stderr" &
    server=$!
    pids+=("$server")
    for _ in $(seq 100); do grep -q "listening on" "$work/stdout" 2>/dev/null && break; sleep 0.1; done
    url="$(sed -n 's/^listening on //p' "$work/stdout")"
}

# 1. A configuration for the sink.
start_server
curl -s -o /dev/null -X POST "$url/api/webhooks/config" -H 'X-API-Key: bench-key' -H 'Content-Type: application/json' \
    -d "{\"name\":\"sink\",\"url\":\"$sink\",\"eventTypes\":[\"lead.created\"]}"
kill -TERM "$server"; wait "$server" || true

# 2. Queue N pending deliveries while the server is stopped.
python3 - "$work/data/switchboard.db" "$count" <<'PY'
import sqlite3, sys, time, os, json
db = sqlite3.connect(sys.argv[1]); n = int(sys.argv[2]); now = int(time.time() * 1000)
body = json.dumps({"event": "lead.created", "timestamp": "2026-01-01T00:00:00.000Z", "lead_id": 1, "first_name": "Robert"}, separators=(",", ":"))
rows = [("msg_bench%08d" % i, 1, "evt_bench%08d" % i, "lead.created", "bench", body.encode(), "pending", 0, now, now, now) for i in range(n)]
db.executemany("INSERT INTO deliveries(id, config_id, event_id, event_type, source, payload, status, attempts, next_attempt_at, created_at, updated_at) VALUES(?,?,?,?,?,?,?,?,?,?,?)", rows)
db.commit()
PY

# 3. Deliver them all and time it.
begin=$(date +%s.%N)
start_server
while :; do
    delivered="$(curl -s -H 'X-API-Key: bench-key' "$url/api/webhooks/events?direction=outbound&status=delivered&limit=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')"
    [[ "${delivered:-0}" -ge "$count" ]] && break
    sleep 0.2
done
end=$(date +%s.%N)
attempts="$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from delivery_attempts').fetchone()[0])" "$work/data/switchboard.db")"
awk -v n="$count" -v a="$begin" -v b="$end" 'BEGIN { printf "delivered %d webhooks in %.2f s (incl. start-up): %.0f deliveries/s\n", n, b - a, n / (b - a) }'
echo "attempts persisted: $attempts"
echo "server peak RSS: $(awk '/VmHWM/ {print $2, $3}' /proc/$server/status)"

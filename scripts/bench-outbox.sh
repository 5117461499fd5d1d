#!/usr/bin/env bash
# Outbox benchmark (not a test). A Release headless Switchboard sends SMS through the durable outbox
# to a local fake Twilio (Node's http server answering 201 with a Message resource, as Twilio's
# Programmable Messaging API does).
#   1. Pacing off: a backlog of N queued sends drained; prints sends/s at the fake, the attempts
#      persisted and the server's peak RSS; then N/4 sends queued through POST /api/twilio/send-sms
#      by concurrent keep-alive clients while the outbox sends (end to end).
#   2. Paced: a registered Twilio service with messages_per_second R (default 20) sends R*10 messages;
#      prints the rate measured at the fake (arrival times) and its deviation from R.
# Usage: scripts/bench-outbox.sh [N] [R]   (default 20000, 20)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
count="${1:-20000}"
rate="${2:-20}"
for tool in curl node python3; do command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 2; }; done
build="${SWITCHBOARD_BENCH_DIR:-$root/build/bench}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DSWITCHBOARD_GUI=OFF >/dev/null
cmake --build "$build" --target switchboard >/dev/null

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

sid="AC0123456789abcdef0123456789abcdef"
# The fake Twilio: every POST .../Messages.json answered 201 {sid, status: queued, ...}; the arrival
# time (ms, high resolution) of each request appended to arrivals.txt.
cat >"$work/twilio.js" <<'JS'
const http = require('http');
const fs = require('fs');
const crypto = require('crypto');
const log = fs.openSync(process.argv[2], 'a');
const server = http.createServer((req, res) => {
  const at = Number(process.hrtime.bigint() / 1000n) / 1000;
  req.resume();
  req.on('end', () => {
    if (req.method !== 'POST' || !/\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Messages\.json$/.test(req.url)) {
      res.writeHead(404, {'Content-Type': 'application/json'});
      res.end(JSON.stringify({code: 20404, message: 'The requested resource was not found', status: 404}));
      return;
    }
    fs.writeSync(log, at.toFixed(3) + '\n');
    const messageSid = 'SM' + crypto.randomBytes(16).toString('hex');
    res.writeHead(201, {'Content-Type': 'application/json'});
    res.end(JSON.stringify({sid: messageSid, status: 'queued', error_code: null, error_message: null}));
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
JS
node "$work/twilio.js" "$work/arrivals.txt" >"$work/twilio.port" &
pids+=($!)
for _ in $(seq 50); do [[ -s "$work/twilio.port" ]] && break; sleep 0.1; done
twilio="http://127.0.0.1:$(cat "$work/twilio.port")"

start_server() { # $1: pacing 0/1
    SWITCHBOARD_API_KEY=bench-key TWILIO_ACCOUNT_SID="$sid" TWILIO_AUTH_TOKEN=bench-token \
        TWILIO_PHONE_NUMBER=+14155550100 TWILIO_API_BASE_URL="$twilio" SWITCHBOARD_OUTBOX_PACING="$1" \
        "$build/app/switchboard" --headless --listen 127.0.0.1:0 --data-dir "$work/data$1" --rate-limit 0 \
        >"$work/stdout$1" 2>"$work/stderr$1" &
    server=$!
    pids+=("$server")
    for _ in $(seq 100); do grep -q "listening on" "$work/stdout$1" 2>/dev/null && break; sleep 0.1; done
    url="$(sed -n 's/^listening on //p' "$work/stdout$1")"
}

# Queues $2 sends through the API with 8 keep-alive clients; extra JSON fields in $3.
queue() {
    python3 - "$1" "$2" "$3" <<'PY'
import http.client, json, sys, threading, urllib.parse
url, n, extra = urllib.parse.urlparse(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3])
failures = []
def worker(k):
    c = http.client.HTTPConnection(url.hostname, url.port)
    for i in range(k, n, 8):
        body = dict(extra, to="+141555501%02d" % (i % 100), body="bench %d" % i)
        c.request("POST", "/api/twilio/send-sms", json.dumps(body), {"Content-Type": "application/json", "X-API-Key": "bench-key"})
        r = c.getresponse(); r.read()
        if r.status != 202: failures.append(r.status)
threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
[t.start() for t in threads]; [t.join() for t in threads]
if failures: print("refused:", len(failures), "e.g.", failures[0]); sys.exit(1)
PY
}

sent_count() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from outbox where status='sent'\").fetchone()[0])" "$1"; }

# 1. Pacing off, a backlog: one send queued through the API gives the real message and outbox rows;
#    with the server stopped, the backlog is made of N copies of them (as after a provider outage or a
#    campaign's enqueue); the server is started again and drains it. Sends/s = N over the time from
#    the first to the last request at the fake, and every attempt must be persisted.
start_server 0
queue "$url" 1 '{}'
while [[ "$(sent_count "$work/data0/switchboard.db")" -lt 1 ]]; do sleep 0.1; done
kill -TERM "$server"; wait "$server" || true
python3 - "$work/data0/switchboard.db" "$count" <<'PY'
import sqlite3, sys, time, json
db = sqlite3.connect(sys.argv[1]); n = int(sys.argv[2]); now = int(time.time() * 1000)
m = db.execute("select * from messages where direction='outbound' order by id limit 1").fetchone()
mcols = [d[0] for d in db.execute("select * from messages limit 0").description]
o = db.execute("select * from outbox order by id limit 1").fetchone()
ocols = [d[0] for d in db.execute("select * from outbox limit 0").description]
db.execute("delete from outbox_attempts"); db.execute("delete from outbox"); db.execute("delete from message_events")
db.execute("delete from messages")
mrow = dict(zip(mcols, m)); orow = dict(zip(ocols, o)); request = json.loads(orow["request"])
for i in range(n):
    mr = dict(mrow, id=None, status="queued", provider_message_id="bench:%d" % i, body="bench %d" % i, created_at=now, updated_at=now)
    cur = db.execute("insert into messages(%s) values(%s)" % (",".join(mr), ",".join("?" * len(mr))), list(mr.values()))
    orr = dict(orow, id=None, message_id=cur.lastrowid, request=json.dumps(dict(request, body="bench %d" % i)),
               idempotency_key="bench:%d" % i, status="pending", attempts=0, next_attempt_at=now, last_status=None,
               last_error=None, provider_id=None, created_at=now, updated_at=now)
    db.execute("insert into outbox(%s) values(%s)" % (",".join(orr), ",".join("?" * len(orr))), list(orr.values()))
db.commit()
PY
: >"$work/arrivals.txt"
start_server 0
while [[ "$(sent_count "$work/data0/switchboard.db")" -lt "$count" ]]; do sleep 0.1; done
attempts="$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from outbox_attempts').fetchone()[0])" "$work/data0/switchboard.db")"
python3 - "$work/arrivals.txt" "$count" <<'PY'
import sys
times = sorted(float(l) for l in open(sys.argv[1]) if l.strip())
span = (times[-1] - times[0]) / 1000.0
print("pacing off: backlog of %s sends drained in %.2f s: %.0f sends/s (first to last request at the fake)"
      % (sys.argv[2], span, (len(times) - 1) / span))
PY
echo "attempts persisted: $attempts (fake Twilio received $(wc -l <"$work/arrivals.txt"))"
echo "server peak RSS: $(awk '/VmHWM/ {print $2, $3}' /proc/$server/status)"
kill -TERM "$server"; wait "$server" || true

# 1b. Pacing off, through the API: N/4 sends queued by 8 keep-alive clients while the outbox sends.
: >"$work/arrivals.txt"
rm -rf "$work/data0"
start_server 0
api=$((count / 4))
begin=$(date +%s.%N)
queue "$url" "$api" '{}'
while [[ "$(sent_count "$work/data0/switchboard.db")" -lt "$api" ]]; do sleep 0.1; done
end=$(date +%s.%N)
awk -v n="$api" -v a="$begin" -v b="$end" 'BEGIN { printf "pacing off, API + outbox: %d SMS queued and sent in %.2f s: %.0f sends/s\n", n, b - a, n / (b - a) }'
kill -TERM "$server"; wait "$server" || true

# 2. Paced: a registered service with messages_per_second = rate, rate*10 sends.
: >"$work/arrivals.txt"
start_server 1
paced=$((rate * 10))
service="$(curl -s -X POST "$url/api/communications/external-services/" -H 'X-API-Key: bench-key' \
    -H 'Content-Type: application/json' -d "{\"name\":\"paced\",\"service_type\":\"sms\",\"provider\":\"twilio\",\"is_active\":true,\"config\":{\"account_sid\":\"$sid\",\"auth_token\":\"bench-token\",\"from_number\":\"+14155550100\",\"base_url\":\"$twilio\",\"messages_per_second\":$rate}}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
queue "$url" "$paced" "{\"serviceId\": $service}"
while [[ "$(sent_count "$work/data1/switchboard.db")" -lt "$paced" ]]; do sleep 0.2; done
python3 - "$work/arrivals.txt" "$rate" <<'PY'
import sys
times = sorted(float(l) for l in open(sys.argv[1]) if l.strip()); target = float(sys.argv[2])
measured = (len(times) - 1) / ((times[-1] - times[0]) / 1000.0)
gaps = [b - a for a, b in zip(times, times[1:])]
print("paced at %g/s: %d sends over %.2f s, measured %.2f/s (deviation %+.2f %%), gaps min %.1f ms max %.1f ms"
      % (target, len(times), (times[-1] - times[0]) / 1000.0, measured, (measured / target - 1) * 100, min(gaps), max(gaps)))
PY

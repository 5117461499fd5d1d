#!/usr/bin/env bash
# Campaign benchmark (not a test). Builds Release and runs tests/ui/bench_campaign with the console's
# main window open (offscreen) against a local fake Twilio (Node's http server answering 201 with a
# Message resource, as Twilio's Programmable Messaging API does, and logging each request's arrival
# time and recipient):
#   1. a 10,000-recipient SMS campaign with the throttle off: wall time, sends/s, each lead once;
#   2. a 600-recipient campaign at 600/min: the rate held (deviation from the throttle, within 5 %);
# and the GUI event-loop lateness (p50/p99/max) while each runs. Prints the figures.
# Usage: scripts/bench-campaign.sh [RECIPIENTS] [THROTTLE_PER_MINUTE] [THROTTLED_RECIPIENTS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
recipients="${1:-10000}"
throttle="${2:-600}"
throttled="${3:-600}"
"$root/scripts/install-deps.sh"
command -v node >/dev/null || { echo "node is needed" >&2; exit 2; }
build="${SWITCHBOARD_BENCH_UI_DIR:-$root/build/bench-ui}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=ON -DSWITCHBOARD_GUI=ON >/dev/null
cmake --build "$build" --target bench_campaign >/dev/null

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

cat >"$work/twilio.js" <<'JS'
const http = require('http');
const fs = require('fs');
const crypto = require('crypto');
const log = fs.openSync(process.argv[2], 'a');
const server = http.createServer((req, res) => {
  const at = Number(process.hrtime.bigint() / 1000n) / 1000;
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.method !== 'POST' || !/\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Messages\.json$/.test(req.url)) {
      res.writeHead(404, {'Content-Type': 'application/json'});
      res.end(JSON.stringify({code: 20404, message: 'The requested resource was not found', status: 404}));
      return;
    }
    const form = new URLSearchParams(Buffer.concat(chunks).toString());
    if (!form.get('To') || !form.get('Body') || !(form.get('From') || form.get('MessagingServiceSid'))) {
      res.writeHead(400, {'Content-Type': 'application/json'});
      res.end(JSON.stringify({code: 21604, message: "A 'To' phone number is required.", status: 400}));
      return;
    }
    fs.writeSync(log, at.toFixed(3) + ' ' + form.get('To') + '\n');
    res.writeHead(201, {'Content-Type': 'application/json'});
    res.end(JSON.stringify({sid: 'SM' + crypto.randomBytes(16).toString('hex'), status: 'queued',
      to: form.get('To'), from: form.get('From'), body: form.get('Body'), error_code: null, error_message: null}));
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
JS
: >"$work/arrivals.txt"
node "$work/twilio.js" "$work/arrivals.txt" >"$work/twilio.port" &
pids+=($!)
for _ in $(seq 50); do [[ -s "$work/twilio.port" ]] && break; sleep 0.1; done

QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" BENCH_TWILIO_URL="http://127.0.0.1:$(cat "$work/twilio.port")" \
    BENCH_ARRIVALS="$work/arrivals.txt" BENCH_RECIPIENTS="$recipients" BENCH_THROTTLE="$throttle" \
    BENCH_THROTTLED="$throttled" "$build/tests/ui/bench_campaign"

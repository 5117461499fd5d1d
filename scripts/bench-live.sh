#!/usr/bin/env bash
# Live-stream benchmark (not a test): CLIENTS /ws clients (the `ws` package) subscribed to `leads`,
# then RATE signed CRM lead webhooks per second for SECONDS seconds; every event's latency is
# measured from its commit (the event's `at`) to its arrival at a client. Then SSE_CLIENTS SSE
# clients the same way. Prints p50/p99/max latency, events delivered and missed, the server's CPU
# time per second of the run and its peak RSS. Targets: p99 < 50 ms, RSS < 300 MB.
# The clients are held by tools/live-load (epoll, a few hundred ns per event) so the figures are the
# server's; LOAD=node uses the `ws` and `eventsource` packages instead (WORKERS processes), which on
# this 2-core machine saturate long before the server does.
# Usage: scripts/bench-live.sh   (CLIENTS=1000 SSE_CLIENTS=500 RATE=1000 DURATION=10 LOAD=native|node
#        WORKERS=1 for native, 4 for node)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
clients="${CLIENTS:-1000}"
sse_clients="${SSE_CLIENTS:-500}"
rate="${RATE:-1000}"
seconds="${DURATION:-10}"
load="${LOAD:-native}"
if [[ "$load" == node ]]; then workers="${WORKERS:-4}"; else workers="${WORKERS:-1}"; fi
for tool in node npm; do command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 2; }; done
build="${SWITCHBOARD_BENCH_DIR:-$root/build/bench}"
if [[ -z "${SWITCHBOARD_BIN:-}" ]]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DSWITCHBOARD_GUI=OFF >/dev/null
    cmake --build "$build" --target switchboard >/dev/null
fi
bin="${SWITCHBOARD_BIN:-$build/app/switchboard}"
if [[ "$load" == native ]]; then
    [[ -f "$build/CMakeCache.txt" ]] || cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DBUILD_TESTING=OFF -DSWITCHBOARD_GUI=OFF >/dev/null
    cmake --build "$build" --target switchboard-live-load >/dev/null
fi
loader="$build/switchboard-live-load"

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
if [[ "$load" == node ]]; then
    cp "$root/tests/npm/package.json" "$work/"
    (cd "$work" && npm install --no-audit --no-fund >/dev/null 2>&1)
fi

# One worker process holds a share of the clients (one Node thread cannot read them all) and
# reports each event's latency histogram at the end.
cat >"$work/clients.mjs" <<'JS'
import WebSocket from 'ws';
import { EventSource } from 'eventsource';
const [kind, url, key, countText] = process.argv.slice(2);
const count = Number(countText);
const latencies = [];
let ready = 0;
const onEvent = (text) => {
  const now = Date.now();
  const event = JSON.parse(text);
  if (event.type === 'event') latencies.push(now - Date.parse(event.at));
};
for (let i = 0; i < count; ++i) {
  if (kind === 'ws') {
    const socket = new WebSocket(url, ['switchboard.v1', `key.${key}`]);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'subscribe', topics: ['leads'] })));
    socket.on('message', (data) => {
      const text = data.toString();
      if (text.startsWith('{"type":"subscribed"')) { if (++ready === count) console.log('ready'); return; }
      onEvent(text);
    });
    socket.on('error', (e) => console.error('ws error', e.message));
  } else {
    const source = new EventSource(url, { fetch: (input, init) => fetch(input, { ...init, headers: { ...init.headers, Authorization: `Bearer ${key}` } }) });
    source.onopen = () => { if (++ready === count) console.log('ready'); };
    source.addEventListener('lead.created', (event) => onEvent(event.data));
    source.onerror = (e) => console.error('sse error', e.code ?? e.message);
  }
}
process.on('SIGUSR2', () => {
  const histogram = new Array(60001).fill(0);
  for (const l of latencies) histogram[Math.max(0, Math.min(60000, l))]++;
  process.stdout.write(JSON.stringify({ events: latencies.length, histogram }) + '\n');
  process.exit(0);
});
JS

# The producer: RATE signed lead webhooks per second for SECONDS seconds, over keep-alive sockets.
cat >"$work/produce.mjs" <<'JS'
import crypto from 'node:crypto';
import http from 'node:http';
const [base, secret, rateText, secondsText] = process.argv.slice(2);
const rate = Number(rateText), seconds = Number(secondsText);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
let sent = 0, ok = 0, failed = 0;
const post = (n) => new Promise((resolve) => {
  const body = JSON.stringify({ event: 'new_lead', source: 'crm', timestamp: new Date().toISOString(),
    data: { first_name: `Bench${n}`, last_name: 'Live', email: `bench${n}.${process.pid}@example.com`, phone: `+1555${String(2000000 + n)}`, source: 'website' } });
  const signature = crypto.createHmac('sha256', secret).update(body).digest('hex');
  const request = http.request(`${base}/api/v1/webhooks/incoming/lead/create`, { method: 'POST', agent,
    headers: { 'Content-Type': 'application/json', 'X-Webhook-Signature': signature, 'Content-Length': Buffer.byteLength(body) } },
    (response) => { response.resume(); response.on('end', () => { if (response.statusCode === 200) ++ok; else ++failed; resolve(); }); });
  request.on('error', () => { ++failed; resolve(); });
  request.end(body);
});
const started = Date.now();
const pending = [];
const tick = setInterval(() => {
  const due = Math.min(rate * seconds, Math.floor((Date.now() - started) * rate / 1000));
  while (sent < due) pending.push(post(sent++));
  if (sent >= rate * seconds) {
    clearInterval(tick);
    Promise.all(pending).then(() => { console.log(JSON.stringify({ sent, ok, failed, ms: Date.now() - started })); agent.destroy(); });
  }
}, 5);
JS

key=bench-live-key
secret=bench-crm-secret
SWITCHBOARD_API_KEY=$key CRM_WEBHOOK_SECRET=$secret SWITCHBOARD_WS_MAX_CLIENTS=$((clients + sse_clients + 100)) \
    "$bin" --headless --listen 127.0.0.1:0 --data-dir "$work/data" --rate-limit 0 >"$work/stdout" 2>"$work/stderr" &
server=$!
pids+=("$server")
for _ in $(seq 100); do grep -q "listening on" "$work/stdout" 2>/dev/null && break; sleep 0.1; done
url="$(sed -n 's/^listening on //p' "$work/stdout" | head -1)"
[[ -n "$url" ]] || { echo "the server did not start" >&2; cat "$work/stderr" >&2; exit 1; }
hostport="${url#http://}"
hostport="${hostport%%/*}"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
peak_rss_mb() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$server/status"; }

run() { # kind path clients
    local kind="$1" path="$2" total="$3" per=$(( ($3 + workers - 1) / workers )) left="$3" wpids=() i
    for ((i = 0; i < workers && left > 0; ++i)); do
        local n=$(( left < per ? left : per )); left=$((left - n))
        if [[ "$load" == node ]]; then
            local scheme=http; [[ "$kind" == ws ]] && scheme=ws
            node "$work/clients.mjs" "$kind" "$scheme://$hostport$path" "$key" "$n" >"$work/$kind.$i.out" 2>"$work/$kind.$i.err" &
        else
            "$loader" "$kind" "${hostport%:*}" "${hostport##*:}" "$path" "$key" "$n" leads >"$work/$kind.$i.out" 2>"$work/$kind.$i.err" &
        fi
        wpids+=($!); pids+=($!)
    done
    for _ in $(seq 600); do
        local ready; ready=$(cat "$work/$kind".*.out 2>/dev/null | grep -c '^ready' || true)
        [[ "$ready" -ge "${#wpids[@]}" ]] && break; sleep 0.1
    done
    local before; before=$(cpu_ticks)
    local produced; produced=$(node "$work/produce.mjs" "$url" "$secret" "$rate" "$seconds")
    sleep 2
    local after; after=$(cpu_ticks)
    for p in "${wpids[@]}"; do kill -USR2 "$p"; done
    wait "${wpids[@]}" 2>/dev/null || true
    node -e '
      const fs = require("fs");
      const [dir, kind, produced, ticks, seconds, clients, rss] = process.argv.slice(1);
      const histogram = new Array(60001).fill(0);
      let count = 0, closed = 0;
      for (const f of fs.readdirSync(dir).filter((f) => f.startsWith(kind + ".") && f.endsWith(".out")))
        for (const line of fs.readFileSync(dir + "/" + f, "utf8").split("\n"))
          if (line.startsWith("{")) {
            const report = JSON.parse(line);
            report.histogram.forEach((n, ms) => { histogram[ms] += n; count += n; });
            closed += report.closed ?? 0;
          }
      const p = (q) => {
        let seen = 0;
        for (let ms = 0; ms < histogram.length; ++ms) { seen += histogram[ms]; if (seen > q * (count - 1)) return ms; }
        return NaN;
      };
      const max = histogram.findLastIndex((n) => n > 0);
      const made = JSON.parse(produced);
      const expected = made.ok * Number(clients);
      console.log(`${kind}: ${clients} clients, ${made.ok} events in ${(made.ms / 1000).toFixed(1)} s (${made.failed} failed)` +
        `; delivered ${count}/${expected} (${closed} clients cut off); latency p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, max ${max} ms` +
        `; server CPU ${(Number(ticks) / 100 / (made.ms / 1000 + 2) * 100).toFixed(0)}% of one core; peak RSS ${rss} MB`);
    ' "$work" "$kind" "$produced" "$((after - before))" "$seconds" "$total" "$(peak_rss_mb)"
}

run ws /ws "$clients"
run sse "/api/stream/events?topics=leads" "$sse_clients"

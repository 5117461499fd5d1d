#!/usr/bin/env bash
# Ingest benchmark (not a test): builds Release, starts a headless Switchboard and measures with wrk
#   (a) a trivial route (GET /healthz) and
#   (b) signed CRM new_lead webhooks, each fully committed before its answer,
# in the same run, then the peak RSS while a 200 MB body is refused.
# Usage: scripts/bench.sh [--synchronous-full] [--duration 10] [--connections 32]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
duration=10
connections=32
extra=()
while (($#)); do
    case "$1" in
        --duration) duration="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --synchronous-full) extra+=(--synchronous-full); shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
"$root/scripts/install-deps.sh"
for tool in wrk curl openssl; do
    command -v "$tool" >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$tool"; }
done
build="${SWITCHBOARD_BENCH_DIR:-$root/build/bench}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DSWITCHBOARD_GUI=OFF >/dev/null
cmake --build "$build" >/dev/null

work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
secret="bench-secret"
CRM_WEBHOOK_SECRET="$secret" TWILIO_AUTH_TOKEN="$secret" SWITCHBOARD_API_KEY="bench-key" \
    "$build/app/switchboard" --headless --listen 127.0.0.1:0 --data-dir "$work/data" --rate-limit 0 "${extra[@]}" \
    >"$work/stdout" 2>"$work/stderr" &
pid=$!
for _ in $(seq 100); do grep -q "listening on" "$work/stdout" 2>/dev/null && break; sleep 0.1; done
url="$(sed -n 's/^listening on //p' "$work/stdout")"
[[ -n "$url" ]] || { cat "$work/stderr"; exit 1; }

body='{"event":"new_lead","source":"website","data":{"first_name":"Robert","last_name":"Johnson","email":"robert@example.com","phone":"+1234567893","company_name":"XYZ Industries","source":"referral","priority":"high","expected_value":100000.0}}'
signature="$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret" -hex | sed 's/^.*= //')"
cat >"$work/lead.lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Webhook-Signature"] = "$signature"
LUA

# A signed Twilio inbound SMS (X-Twilio-Signature: base64 HMAC-SHA1 of URL + sorted params). The
# body is the same every time, so after the first one each request is recorded as a duplicate
# (acknowledged, stored, not applied twice) — the verification and the durable write still happen.
sms_url="$url/api/webhooks/twilio/sms"
sms_body='AccountSid=AC00000000000000000000000000000000&Body=Hello+there&From=%2B14155550100&MessageSid=SM00000000000000000000000000000001&NumMedia=0&To=%2B14155550199'
sms_signed="${sms_url}AccountSidAC00000000000000000000000000000000BodyHello thereFrom+14155550100MessageSidSM00000000000000000000000000000001NumMedia0To+14155550199"
sms_signature="$(printf '%s' "$sms_signed" | openssl dgst -sha1 -hmac "$secret" -binary | base64)"
cat >"$work/sms.lua" <<LUA
wrk.method = "POST"
wrk.body = '$sms_body'
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["X-Twilio-Signature"] = "$sms_signature"
LUA
status="$(curl -s -o /dev/null -w '%{http_code}' -X POST "$sms_url" -H 'Content-Type: application/x-www-form-urlencoded' \
    -H "X-Twilio-Signature: $sms_signature" --data-binary "$sms_body")"
[[ "$status" == 200 ]] || { echo "signed Twilio SMS answered $status" >&2; exit 1; }

# A check that the signed request is really accepted before measuring it.
status="$(curl -s -o /dev/null -w '%{http_code}' -X POST "$url/api/v1/webhooks/incoming/lead/create" \
    -H 'Content-Type: application/json' -H "X-Webhook-Signature: $signature" --data-binary "$body")"
[[ "$status" == 200 ]] || { echo "signed new_lead answered $status" >&2; exit 1; }

measure() { # name, wrk args...
    local name="$1"; shift
    local out
    out="$(wrk -t2 -c"$connections" -d"${duration}s" --latency "$@")"
    local rps p99 errors
    rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
    p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
    errors="$(grep -E 'Non-2xx|Socket errors' <<<"$out" || true)"
    printf '%-34s %10s req/s   p99 %8s %s\n' "$name" "$rps" "$p99" "$errors"
    echo "$rps" >"$work/$name.rps"
}

echo "Switchboard ingest benchmark — wrk -t2 -c$connections -d${duration}s, SQLite synchronous=$([[ ${#extra[@]} -gt 0 ]] && echo FULL || echo NORMAL), $(nproc) cores"
measure trivial "$url/healthz"
measure signed-new-lead-committed -s "$work/lead.lua" "$url/api/v1/webhooks/incoming/lead/create"
measure signed-twilio-sms-committed -s "$work/sms.lua" "$sms_url"
awk -v a="$(cat "$work/trivial.rps")" -v b="$(cat "$work/signed-new-lead-committed.rps")" \
    'BEGIN { printf "ratio durable/trivial: %.2f\n", b / a }'
stored="$(curl -s -H 'X-API-Key: bench-key' "$url/api/v1/webhooks/logs?page_size=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')"
echo "requests stored in the inbound log: $stored"
echo "server peak RSS after the runs: $(awk '/VmHWM/ {print $2, $3}' /proc/$pid/status)"

# 200 MB upload: refused with 413 from the head, never buffered.
before="$(awk '/VmHWM/ {print $2}' /proc/$pid/status)"
code="$(head -c 209715200 /dev/zero | curl -s -o /dev/null -w '%{http_code}' -X POST "$url/api/webhooks/test" \
    -H 'Content-Type: application/octet-stream' -H 'Expect:' --data-binary @- || true)"
after="$(awk '/VmHWM/ {print $2}' /proc/$pid/status)"
echo "200 MB upload answered $code; peak RSS before ${before} kB, after ${after} kB (growth $((after - before)) kB)"

#!/usr/bin/env bash
# Encryption Service benchmark (issue: Encryption module). Starts a throwaway PostgreSQL and the Release API on
# loopback, then measures with wrk, all in one run so the ratio compares like with like:
#   1. GET  /health/live            anonymous, no I/O: the pipeline's ceiling
#   2. POST /v1/encrypt             1 KiB payload, tenant-admin bearer token, 32 connections (target: >= 0.5 x live)
#   3. POST /v1/encrypt/batch       1,000 items of 1 KiB per request
# Each row also gives the API's own CPU time and managed allocation per request (from /proc/<pid>/stat and the
# runtime's dotnet.gc.heap.total_allocated counter on a loopback metrics listener): unlike requests/s, these barely
# move when other processes compete for the cores.
# Usage: bench/encryption/encrypt-throughput.sh [seconds per run, default 10]
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"
# shellcheck source=deploy/lib/bench.sh
source "$REPO_ROOT/deploy/lib/bench.sh"
DURATION="${1:-10}"

command -v wrk >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

bench_prepare
METRICS_URL="http://127.0.0.1:$(free_port)"
bench_start_api Logging__LogLevel__Default=Warning Encryption__ReEncryption__Enabled=false Metrics__ListenUrl="$METRICS_URL"

# The first account of the instance is the default tenant's owner, i.e. a tenant admin.
python3 - > "$WORK/register.json" <<'PY'
# An account of random bytes in the v1 envelope formats (the server checks format and size only).
import base64, json, os, uuid
b = lambda n: base64.b64encode(os.urandom(n)).decode()
env = lambda n: base64.b64encode(bytes([1, 1]) + os.urandom(24 + n + 16)).decode()
uid = uuid.uuid4()
bundle = bytes([1]) + uid.bytes + os.urandom(128)
print(json.dumps({"userId": str(uid), "username": "bench-owner", "authHash": b(32),
  "kdf": {"memoryKiB": 65536, "iterations": 3, "parallelism": 1}, "kdfSalt": b(16),
  "encryptedUserKey": env(32), "encryptedPrivateKeys": env(64), "publicKeyBundle": base64.b64encode(bundle).decode()}))
PY
curl -sf -H 'content-type: application/json' -d @"$WORK/register.json" "$URL/api/v1/auth/register" >/dev/null
python3 - "$WORK/register.json" > "$WORK/login.json" <<'PY'
import json, sys, uuid
r = json.load(open(sys.argv[1]))
print(json.dumps({"username": r["username"], "authHash": r["authHash"], "device": {"id": str(uuid.uuid4()), "name": "bench", "type": "server"}}))
PY
TOKEN="$(curl -sf -H 'content-type: application/json' -d @"$WORK/login.json" "$URL/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"
# Access tokens live 5 minutes by default; every run below fits well inside that.

python3 - "$WORK" <<'PY'
import base64, json, os, sys
work = sys.argv[1]
item = base64.b64encode(os.urandom(1024)).decode()
json.dump({"encryptionId": "bench", "data": item}, open(f"{work}/encrypt.json", "w"))
json.dump({"encryptionId": "bench", "items": [{"data": item} for _ in range(1000)]}, open(f"{work}/batch.json", "w"))
PY
curl -sf -H 'content-type: application/json' -H "Authorization: Bearer $TOKEN" -d @"$WORK/encrypt.json" "$URL/v1/encrypt" >/dev/null

for name in encrypt batch; do
cat > "$WORK/$name.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
local f = io.open("$WORK/$name.json", "r")
wrk.body = f:read("*a")
f:close()
LUA
done

rps() { awk '/Requests\/sec/ {print $2}'; }
p50() { awk '$1=="50%" {print $2}'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$API_PID/stat"; }
allocated() { curl -sf "$METRICS_URL/metrics" | awk '/^dotnet_gc_heap_total_allocated_bytes_total/ {print $2}'; }
# run [wrk args]: wrk's output followed by one line "cost <cpu µs per request> <bytes per request>".
run() {
  local ticks bytes out requests
  ticks="$(cpu_ticks)"; bytes="$(allocated)"
  out="$(wrk --latency -t2 "$@" 2>&1)"
  requests="$(awk '/requests in/ {print $1}' <<<"$out")"
  printf '%s\ncost %s\n' "$out" "$(python3 -c "import os,sys; t,b,r,t0,b0=map(float,sys.argv[1:]); print(f'{(t-t0)*1e6/os.sysconf(\"SC_CLK_TCK\")/r:.0f} {(b-b0)/r:.0f}')" \
    "$(cpu_ticks)" "$(allocated)" "$requests" "$ticks" "$bytes")"
}
cost() { awk '$1=="cost" {printf "%s µs, %s B", $2, $3}'; }

# Each route runs at full load until its code is optimised: on two busy cores the JIT's background tier-up takes
# about ten seconds, and a route measured earlier than that counts its start-up as throughput (docs/performance.md).
log "warming up"
run -c32 -d10s "$URL/health/live" >/dev/null
run -c32 -d15s -s "$WORK/encrypt.lua" "$URL/v1/encrypt" >/dev/null
run -c4 -d5s --timeout 30s -s "$WORK/batch.lua" "$URL/v1/encrypt/batch" >/dev/null

live="$(run -c32 -d"${DURATION}s" "$URL/health/live")"
encrypt="$(run -c32 -d"${DURATION}s" -s "$WORK/encrypt.lua" "$URL/v1/encrypt")"
batch="$(run -c4 -d"${DURATION}s" --timeout 30s -s "$WORK/batch.lua" "$URL/v1/encrypt/batch")"
non2xx="$(grep -h 'Non-2xx' <<<"$live$encrypt$batch" || true)"

live_rps="$(rps <<<"$live")"; encrypt_rps="$(rps <<<"$encrypt")"; batch_rps="$(rps <<<"$batch")"
echo "| measurement | connections | requests/s | items/s | p50 latency | API CPU, allocated per request |"
echo "|---|---|---|---|---|---|"
echo "| GET /health/live | 32 | $live_rps | | $(p50 <<<"$live") | $(cost <<<"$live") |"
echo "| POST /v1/encrypt (1 KiB) | 32 | $encrypt_rps | $encrypt_rps | $(p50 <<<"$encrypt") | $(cost <<<"$encrypt") |"
echo "| POST /v1/encrypt/batch (1,000 x 1 KiB) | 4 | $batch_rps | $(python3 -c "print(f'{float(\"$batch_rps\")*1000:.0f}')") | $(p50 <<<"$batch") | $(cost <<<"$batch") |"
python3 -c "print(f'ratio encrypt/live: {float(\"$encrypt_rps\")/float(\"$live_rps\"):.2f} (target >= 0.5)')"
[ -z "$non2xx" ] || { echo "non-2xx answers seen: $non2xx" >&2; exit 1; }

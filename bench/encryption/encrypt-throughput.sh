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

# shellcheck source=bench/encryption/setup.sh
source "$REPO_ROOT/bench/encryption/setup.sh"
encryption_bench_start

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

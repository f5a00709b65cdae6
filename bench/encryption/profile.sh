#!/usr/bin/env bash
# Where an encrypt spends the CPU that /health/live does not: samples the API with perf (Debian's linux-perf) under
# wrk at 32 connections, once per route after the same warm-up as encrypt-throughput.sh, and prints the symbols
# whose cost per request grows most from /health/live to POST /v1/encrypt (µs of API CPU per request, self time).
# The runtime writes a perf map for JIT code; W^X double mapping is off so that perf can use it.
# Usage: bench/encryption/profile.sh [rows, default 40]
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"
# shellcheck source=deploy/lib/bench.sh
source "$REPO_ROOT/deploy/lib/bench.sh"
# shellcheck source=bench/encryption/setup.sh
source "$REPO_ROOT/bench/encryption/setup.sh"
ROWS="${1:-40}"

command -v perf >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf >/dev/null; }
encryption_bench_start DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0

log "warming up"
wrk -t2 -c32 -d10s "$URL/health/live" >/dev/null
wrk -t2 -c32 -d15s -s "$WORK/encrypt.lua" "$URL/v1/encrypt" >/dev/null

for route in live encrypt; do
  if [ "$route" = live ]; then target=("$URL/health/live"); else target=(-s "$WORK/encrypt.lua" "$URL/v1/encrypt"); fi
  log "sampling $route"
  wrk -t2 -c32 -d12s "${target[@]}" > "$WORK/wrk-$route.txt" 2>&1 &
  load=$!
  sleep 2
  perf record -F 1999 -g -p "$API_PID" -o "$WORK/$route.data" -- sleep 8 >/dev/null 2>&1
  while kill -0 "$load" 2>/dev/null; do sleep 0.5; done
  perf report -i "$WORK/$route.data" --no-children --sort symbol --stdio -g none -n 2>/dev/null > "$WORK/$route.txt"
done

python3 - "$WORK" "$ROWS" <<'PY'
import collections, re, sys
work, rows = sys.argv[1], int(sys.argv[2])
def rate(route):
    return float(re.search(r'Requests/sec:\s+([\d.]+)', open(f'{work}/wrk-{route}.txt').read()).group(1))
def samples(route):
    counts = collections.Counter()
    for line in open(f'{work}/{route}.txt'):
        m = re.match(r'\s*[\d.]+%\s+(\d+)\s+\[.\]\s+(.*?)\s{2,}', line)
        if m:
            name = re.sub(r'\[(OptimizedTier1|Optimized|Tier0|Tier1|QuickJitted|Instrumented\w*)\]|valuetype |class |instance ', '', m.group(2))
            counts[name[:160]] += int(m.group(1))
    return counts
def per_request(count, route):  # 1,999 samples per second, 8 seconds
    return count / 1999 / (rate(route) * 8) * 1e6
live, enc = samples('live'), samples('encrypt')
print(f"req/s under perf: /health/live {rate('live'):,.0f}, encrypt {rate('encrypt'):,.0f}")
print(f"API CPU per request (µs, perf slows both): /health/live {per_request(sum(live.values()), 'live'):.1f}, encrypt {per_request(sum(enc.values()), 'encrypt'):.1f}")
print("  +µs  live  enc  symbol")
diff = sorted(((per_request(enc[k], 'encrypt') - per_request(live[k], 'live'), k) for k in set(live) | set(enc)), reverse=True)
for delta, name in diff[:rows]:
    print(f"{delta:5.2f} {per_request(live[name], 'live'):5.2f} {per_request(enc[name], 'encrypt'):5.2f}  {name}")
PY

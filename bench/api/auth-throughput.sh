#!/usr/bin/env bash
# Auth pipeline benchmark (issue: Foundation). Starts a throwaway PostgreSQL and the Release API on
# loopback, then measures with wrk, all in one run so the ratios compare like with like:
#   1. GET /health/live                   anonymous, no I/O: the pipeline's ceiling
#   2. GET /api/v1/auth/session           bearer token validated, no I/O: the auth pipeline's cost
#   3. GET /api/v1/auth/account           bearer token validated + one primary-key read
#   4. POST /api/v1/auth/login            Argon2id (server hash of the authHash) + session insert
# With ROUNDS > 1, 1 and 2 are repeated ROUNDS times, interleaved, against this API and a second one on the same
# database with Auth:Revocation:Enabled=false, and the medians are reported: on a busy machine the load moves
# between two measurements, so one pair is not enough to tell the revocation check's cost (ADR-0015). Each round
# also reports the API process's CPU time per session request, which the load moves much less.
# Usage: bench/api/auth-throughput.sh [seconds per run, default 10] [ROUNDS, default 1]
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"
# shellcheck source=deploy/lib/bench.sh
source "$REPO_ROOT/deploy/lib/bench.sh"
DURATION="${1:-10}"
ROUNDS="${2:-1}"

command -v wrk >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

bench_prepare
bench_start_api

python3 "$REPO_ROOT/deploy/tools/demo_account.py" register bench-user > "$WORK/register.json"
curl -sf -H 'content-type: application/json' -d @"$WORK/register.json" "$URL/api/v1/auth/register" >/dev/null
python3 "$REPO_ROOT/deploy/tools/demo_account.py" login "$WORK/register.json" > "$WORK/login.json"
TOKEN="$(curl -sf -H 'content-type: application/json' -d @"$WORK/login.json" "$URL/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"

cat > "$WORK/login.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[$(cat "$WORK/login.json")]]
LUA

rps() { awk '/Requests\/sec/ {print $2}'; }
p50() { awk '$1=="50%" {print $2}'; }
run() { wrk --latency -t2 "$@" 2>&1; }

log "warming up"
run -c8 -d3s "$URL/health/live" >/dev/null
run -c8 -d3s -H "Authorization: Bearer $TOKEN" "$URL/api/v1/auth/session" >/dev/null
run -c8 -d3s -H "Authorization: Bearer $TOKEN" "$URL/api/v1/auth/account" >/dev/null

live="$(run -c32 -d"${DURATION}s" "$URL/health/live")"
session="$(run -c32 -d"${DURATION}s" -H "Authorization: Bearer $TOKEN" "$URL/api/v1/auth/session")"
authed="$(run -c32 -d"${DURATION}s" -H "Authorization: Bearer $TOKEN" "$URL/api/v1/auth/account")"
# Before the login measurement: its logins share one device id, so each replaces (revokes) the session of $TOKEN.
if [ "$ROUNDS" -gt 1 ]; then
  REVOCATION_URL="$URL"; REVOCATION_PID="$API_PID"
  bench_start_api Auth__Revocation__Enabled=false
  STATELESS_URL="$URL"; STATELESS_PID="$API_PID"
  URL="$REVOCATION_URL"
  # CPU seconds of one API process (user + system) and the requests of a wrk run: CPU per request moves far less
  # with the machine's load than requests/s do.
  cpu() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }
  requests() { awk '/requests in/ {print $1}'; }
  measure() {
    local pid="$1" target="$2" before out
    shift 2
    before="$(cpu "$pid")"
    out="$(run -c32 -d"${DURATION}s" "$@" "$target")"
    printf '%s\n%s\n' "$out" "cpu_us_per_request $(python3 -c "print(round(($(cpu "$pid")-$before)*1e6/$(requests <<<"$out"),1))")"
  }
  run -c8 -d3s -H "Authorization: Bearer $TOKEN" "$STATELESS_URL/api/v1/auth/session" >/dev/null
  rounds_file="$WORK/rounds.tsv"
  for round in $(seq 1 "$ROUNDS"); do
    r_live="$(measure "$REVOCATION_PID" "$URL/health/live")"
    on_then_off=$((round % 2))
    [ "$on_then_off" = 1 ] && r_on="$(measure "$REVOCATION_PID" "$URL/api/v1/auth/session" -H "Authorization: Bearer $TOKEN")"
    r_off="$(measure "$STATELESS_PID" "$STATELESS_URL/api/v1/auth/session" -H "Authorization: Bearer $TOKEN")"
    [ "$on_then_off" = 0 ] && r_on="$(measure "$REVOCATION_PID" "$URL/api/v1/auth/session" -H "Authorization: Bearer $TOKEN")"
    rounds_non2xx="${rounds_non2xx:-}$(grep -h 'Non-2xx' <<<"$r_live$r_on$r_off" || true)"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$(rps <<<"$r_live")" "$(rps <<<"$r_on")" "$(rps <<<"$r_off")" \
      "$(awk '/cpu_us_per_request/ {print $2}' <<<"$r_live")" "$(awk '/cpu_us_per_request/ {print $2}' <<<"$r_on")" "$(awk '/cpu_us_per_request/ {print $2}' <<<"$r_off")" \
      "$(cut -d' ' -f1 /proc/loadavg)" >>"$rounds_file"
  done
  python3 - "$rounds_file" <<'PY'
import statistics, sys
rows = [line.split("\t") for line in open(sys.argv[1]).read().splitlines()]
print("| round | /health/live req/s | /auth/session req/s, revocation on | off | on/live | off/live "
      "| API CPU µs per request: live | session, on | session, off | load (1 min) |")
print("|---|---|---|---|---|---|---|---|---|---|")
on, off, cpu_live, cpu_on, cpu_off = [], [], [], [], []
for r, live, a, b, cl, ca, cb, load in rows:
    live, a, b, cl, ca, cb = float(live), float(a), float(b), float(cl), float(ca), float(cb)
    on.append(a / live); off.append(b / live); cpu_live.append(cl); cpu_on.append(ca); cpu_off.append(cb)
    print(f"| {r} | {live:,.0f} | {a:,.0f} | {b:,.0f} | {a / live:.2f} | {b / live:.2f} | {cl:.1f} | {ca:.1f} | {cb:.1f} | {load.strip()} |")
m = statistics.median
print(f"median ratio session/live: revocation on {m(on):.2f}, off {m(off):.2f}; median API CPU per request: "
      f"live {m(cpu_live):.1f} µs, session on {m(cpu_on):.1f} µs, off {m(cpu_off):.1f} µs "
      f"(CPU ratio live/session: on {m(cpu_live) / m(cpu_on):.2f}, off {m(cpu_live) / m(cpu_off):.2f})")
PY
fi
login="$(run -c4 -d"${DURATION}s" -s "$WORK/login.lua" "$URL/api/v1/auth/login")"
non2xx="$(grep -h 'Non-2xx' <<<"$live$session$authed$login" || true)${rounds_non2xx:-}"

live_rps="$(rps <<<"$live")"; session_rps="$(rps <<<"$session")"; authed_rps="$(rps <<<"$authed")"; login_rps="$(rps <<<"$login")"
echo "| measurement | connections | requests/s | p50 latency |"
echo "|---|---|---|---|"
echo "| GET /health/live | 32 | $live_rps | $(p50 <<<"$live") |"
echo "| GET /api/v1/auth/session (bearer, no I/O) | 32 | $session_rps | $(p50 <<<"$session") |"
echo "| GET /api/v1/auth/account (bearer + one read) | 32 | $authed_rps | $(p50 <<<"$authed") |"
echo "| POST /api/v1/auth/login | 4 | $login_rps | $(p50 <<<"$login") |"
python3 -c "print(f'ratio session/live (auth pipeline): {float(\"$session_rps\")/float(\"$live_rps\"):.2f}; account/live: {float(\"$authed_rps\")/float(\"$live_rps\"):.2f}')"
[ -z "$non2xx" ] || { echo "non-2xx answers seen: $non2xx" >&2; exit 1; }

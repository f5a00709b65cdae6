#!/usr/bin/env bash
# Auth pipeline benchmark (issue: Foundation). Starts a throwaway PostgreSQL and the Release API on
# loopback, then measures with wrk, all in one run so the ratios compare like with like:
#   1. GET /health/live                   anonymous, no I/O: the pipeline's ceiling
#   2. GET /api/v1/auth/session           bearer token validated, no I/O: the auth pipeline's cost
#   3. GET /api/v1/auth/account           bearer token validated + one primary-key read
#   4. POST /api/v1/auth/login            Argon2id (server hash of the authHash) + session insert
# Usage: bench/api/auth-throughput.sh [seconds per run, default 10]
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"
# shellcheck source=deploy/lib/bench.sh
source "$REPO_ROOT/deploy/lib/bench.sh"
DURATION="${1:-10}"

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
login="$(run -c4 -d"${DURATION}s" -s "$WORK/login.lua" "$URL/api/v1/auth/login")"
non2xx="$(grep -h 'Non-2xx' <<<"$live$session$authed$login" || true)"

live_rps="$(rps <<<"$live")"; session_rps="$(rps <<<"$session")"; authed_rps="$(rps <<<"$authed")"; login_rps="$(rps <<<"$login")"
echo "| measurement | connections | requests/s | p50 latency |"
echo "|---|---|---|---|"
echo "| GET /health/live | 32 | $live_rps | $(p50 <<<"$live") |"
echo "| GET /api/v1/auth/session (bearer, no I/O) | 32 | $session_rps | $(p50 <<<"$session") |"
echo "| GET /api/v1/auth/account (bearer + one read) | 32 | $authed_rps | $(p50 <<<"$authed") |"
echo "| POST /api/v1/auth/login | 4 | $login_rps | $(p50 <<<"$login") |"
python3 -c "print(f'ratio session/live (auth pipeline): {float(\"$session_rps\")/float(\"$live_rps\"):.2f}; account/live: {float(\"$authed_rps\")/float(\"$live_rps\"):.2f}')"
[ -z "$non2xx" ] || { echo "non-2xx answers seen: $non2xx" >&2; exit 1; }

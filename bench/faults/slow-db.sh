#!/usr/bin/env bash
# Fault test (issue 16, ADR-0030): a slow database. One replica runs with statement_timeout = BOUND ms; in the middle
# of the load a session holds an ACCESS EXCLUSIVE lock on vault.entries for HOLD seconds, so every statement on
# entries waits. Clients must get 503 (server.database_unavailable, Retry-After) within about BOUND ms, and
# /health/live, which needs no database, must keep answering fast meanwhile (no thread-pool stall).
# Usage: bench/faults/slow-db.sh [SECONDS=30] [CLIENTS=100] [BOUND=2000] [HOLD=8]
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"
# shellcheck source=bench/cluster/lib.sh
source "$REPO_ROOT/bench/cluster/lib.sh"
RUN_SECONDS="${1:-30}"; CLIENTS="${2:-100}"; BOUND="${3:-2000}"; HOLD="${4:-8}"
LABEL="slow-db"

load_prepare
PG_CONNECTION_SUFFIX=";Options=-c statement_timeout=$BOUND"
single_up
start_load "$LABEL" "$RUN_SECONDS" "$CLIENTS" --acks "$WORK/acks.csv" --timeline "$WORK/timeline.csv"
wait_started "$LABEL"
sleep $(( RUN_SECONDS / 3 ))
lock_start="$(now_ms)"
PGPASSWORD="$(cat "$PG_DIR/password")" psql -qAt -h 127.0.0.1 -p "$CLUSTER_PG_PORT" -U passwordmanager -d passwordmanager \
  -c "BEGIN; LOCK TABLE vault.entries IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep($HOLD); COMMIT;" >/dev/null &
locker=$!
LOAD_PIDS+=("$locker")
# /health/live while the lock is held: the slowest of one probe every 200 ms.
slowest_live=0
while kill -0 "$locker" 2>/dev/null; do
  t="$(curl -s -o /dev/null -w '%{time_total}' --max-time 10 "$PM_CLUSTER_URL/health/live" || echo 10)"
  slowest_live="$(python3 -c "print(max($slowest_live, $t))")"
  sleep 0.2
done
lock_end="$(now_ms)"
status=0
wait_load "$LABEL" || status=1
echo "- vault.entries locked for $(( lock_end - lock_start )) ms; statement_timeout $BOUND ms"
echo "- slowest /health/live during the lock: $(python3 -c "print(round($slowest_live * 1000))") ms"
recovery_report "$lock_end"
failure_timeline "$lock_start"
lost="$(lost_writes "$WORK/acks.csv")"
echo "- acknowledged writes missing from the database: $lost"
[ "$lost" = "0" ] || status=1
exit "$status"

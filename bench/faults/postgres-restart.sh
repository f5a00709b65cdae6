#!/usr/bin/env bash
# Fault test (issue 16, ADR-0030): PostgreSQL stopped (fast shutdown) in the middle of the load for DOWN seconds and
# started again, under two replicas behind HAProxy. Reports what clients saw (success, 503 with Retry-After, anything
# else), how long after PostgreSQL's return the last failure happened, and how many acknowledged writes the database
# lacks afterwards (must be 0).
# Usage: bench/faults/postgres-restart.sh [SECONDS=45] [CLIENTS=100] [DOWN=5]
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"
# shellcheck source=bench/cluster/lib.sh
source "$REPO_ROOT/bench/cluster/lib.sh"
RUN_SECONDS="${1:-45}"; CLIENTS="${2:-100}"; DOWN="${3:-5}"
LABEL="postgres-restart"

load_prepare
cluster_up 2 cluster
start_load "$LABEL" "$RUN_SECONDS" "$CLIENTS" --acks "$WORK/acks.csv" --timeline "$WORK/timeline.csv"
wait_started "$LABEL"
sleep $(( RUN_SECONDS / 3 ))
fault_start="$(now_ms)"
pg_down
log "PostgreSQL stopped"
sleep "$DOWN"
pg_up
fault_end="$(now_ms)"
log "PostgreSQL started again"
status=0
wait_load "$LABEL" || status=1
echo "- PostgreSQL down from $(date -u -d "@${fault_start:0:10}" +%H:%M:%S) for $(( fault_end - fault_start )) ms (stop + $DOWN s + start)"
recovery_report "$fault_end"
failure_timeline "$fault_start"
lost="$(lost_writes "$WORK/acks.csv")"
echo "- acknowledged writes missing from the database: $lost"
[ "$lost" = "0" ] || status=1
exit "$status"

#!/usr/bin/env bash
# Fault test (issue 16, ADR-0030): `kill -9` of one of two replicas behind HAProxy in the middle of the load. Every
# write a client saw acknowledged must be in the database afterwards; reports what clients saw meanwhile (HAProxy
# answers for the requests the dead replica held, then routes everything to the survivor). Requests in flight on the
# killed replica get HAProxy's 502 — a lost connection, which the driver reports as "other HTTP errors"; only a lost
# acknowledged write (or a run that never reached the fault) fails the script. Bounded: the set-up may take at most
# 600 s, the measured load SECONDS.
# Usage: bench/faults/kill-replica.sh [SECONDS=30] [CLIENTS=100]
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"
# shellcheck source=bench/cluster/lib.sh
source "$REPO_ROOT/bench/cluster/lib.sh"
RUN_SECONDS="${1:-30}"; CLIENTS="${2:-100}"
LABEL="kill-replica"

load_prepare
cluster_up 2 cluster
start_load "$LABEL" "$RUN_SECONDS" "$CLIENTS" --acks "$WORK/acks.csv" --timeline "$WORK/timeline.csv"
wait_started "$LABEL" 600
sleep $(( RUN_SECONDS / 3 ))
victim="${PM_CLUSTER_REPLICA_PIDS%% *}"
killed_at="$(now_ms)"
kill -9 "$victim"
log "replica pid $victim killed with SIGKILL"
status=0
wait_load "$LABEL" || true
echo "- replica pid $victim killed at $(date -u -d "@${killed_at:0:10}" +%H:%M:%S)"
recovery_report "$killed_at"
failure_timeline "$killed_at"
lost="$(lost_writes "$WORK/acks.csv")"
echo "- acknowledged writes missing from the database: $lost"
[ "$lost" = "0" ] || status=1
exit "$status"

#!/usr/bin/env bash
# Load test (issue 16): the same mixed load — delta sync 70 %, entry writes 20 %, logins 5 %, grants and fetches
# 5 % — from CLIENTS concurrent clients for SECONDS against one replica and then two replicas, each behind HAProxy
# (deploy/cluster.sh 1, deploy/cluster.sh 2, each on a fresh throwaway data folder and free loopback ports), in one
# run. Prints one markdown table per run (p50/p95/p99 per operation, errors, throughput, each replica's CPU and peak
# RSS) and checks that every acknowledged write is in the database afterwards. Exits non-zero on any client error
# or lost write.
# Usage: bench/cluster/load.sh [SECONDS=60] [CLIENTS=200]
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"
# shellcheck source=bench/cluster/lib.sh
source "$REPO_ROOT/bench/cluster/lib.sh"
SECONDS_PER_RUN="${1:-60}"
CLIENTS="${2:-200}"

load_prepare
status=0
echo "## Load: $CLIENTS clients, $SECONDS_PER_RUN s per run, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
for replicas in 1 2; do
  log "starting deploy/cluster.sh $replicas"
  cluster_up "$replicas" "replicas-$replicas"
  run_load "$replicas replica(s) behind HAProxy" "$SECONDS_PER_RUN" "$CLIENTS" --acks "$WORK/acks-$replicas.csv" || status=1
  lost="$(lost_writes "$WORK/acks-$replicas.csv")"
  echo "- acknowledged writes missing from the database: $lost"
  echo
  [ "$lost" = "0" ] || status=1
  cluster_down
done
exit "$status"

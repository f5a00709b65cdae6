#!/usr/bin/env bash
# Fault test (issue 16, ADR-0030): the S3 endpoint (a local s3rver) killed in the middle of a write-heavy load of
# 16 KiB entries (every ciphertext goes to the blob store) for DOWN seconds and started again on the same data, under
# two replicas behind HAProxy. Reports what clients saw, lost acknowledged writes (must be 0), metadata naming a
# blob that was never written (must be 0), and whether the garbage collector (every 5 s here) removed the blobs of
# writes that did not commit once S3 was back.
# Usage: bench/faults/s3-down.sh [SECONDS=40] [CLIENTS=50] [DOWN=10]
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"
# shellcheck source=bench/cluster/lib.sh
source "$REPO_ROOT/bench/cluster/lib.sh"
RUN_SECONDS="${1:-40}"; CLIENTS="${2:-50}"; DOWN="${3:-10}"
LABEL="s3-down"

load_prepare
ensure_s3rver
S3_DIR="$WORK/s3"; mkdir -p "$S3_DIR"
S3_PORT_OWN="$(free_port)"
s3_start() {
  node "$S3RVER_JS" -d "$S3_DIR" -a 127.0.0.1 -p "$S3_PORT_OWN" --silent >>"$WORK/s3rver.log" 2>&1 &
  S3_PID=$!
  LOAD_PIDS+=("$S3_PID")
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$S3_PORT_OWN") 2>/dev/null && return 0; sleep 0.1; done
  return 1
}
s3_start
export BlobStore__S3__Endpoint="127.0.0.1:$S3_PORT_OWN" BlobStore__S3__AccessKey=S3RVER BlobStore__S3__SecretKey=S3RVER
export Vault__GarbageCollectionInterval=00:00:05
cluster_up 2 cluster
start_load "$LABEL" "$RUN_SECONDS" "$CLIENTS" --entries-bytes 16384 --acks "$WORK/acks.csv" --timeline "$WORK/timeline.csv"
wait_started "$LABEL"
sleep $(( RUN_SECONDS / 4 ))
fault_start="$(now_ms)"
kill -9 "$S3_PID"
log "s3rver killed"
sleep "$DOWN"
s3_start
fault_end="$(now_ms)"
log "s3rver started again"
status=0
wait_load "$LABEL" || status=1
echo "- S3 down from $(date -u -d "@${fault_start:0:10}" +%H:%M:%S) for $(( fault_end - fault_start )) ms"
recovery_report "$fault_end"
failure_timeline "$fault_start"
lost="$(lost_writes "$WORK/acks.csv")"
echo "- acknowledged writes missing from the database: $lost"
[ "$lost" = "0" ] || status=1
sleep 12   # two collector intervals after the load
bucket="${BlobStore__S3__Bucket:-passwordmanager}"
find "$S3_DIR/$bucket" -type f -name '*._S3rver_object' | sed -e "s|^$S3_DIR/$bucket/||" -e 's|\._S3rver_object$||' > "$WORK/stored.txt"
blob_report "$WORK/stored.txt" || status=1
exit "$status"

#!/usr/bin/env bash
# Fault test (issue 16, ADR-0030): the filesystem blob store on a SIZE tmpfs, pre-filled so that FREE KiB remain,
# which the load fills with 16 KiB entries (every ciphertext goes to the blob store). Clients must see 507 (server.storage_full) for writes that no longer
# fit, nothing else; no temporary file may stay behind, no metadata may name a blob that is not on disk, and every
# acknowledged write must be in the database. Needs root (mount).
# Usage: bench/faults/disk-full.sh [SECONDS=20] [CLIENTS=20] [SIZE=3m] [FREE=256]
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"
# shellcheck source=bench/cluster/lib.sh
source "$REPO_ROOT/bench/cluster/lib.sh"
RUN_SECONDS="${1:-20}"; CLIENTS="${2:-20}"; SIZE="${3:-3m}"; FREE="${4:-256}"
LABEL="disk-full"

load_prepare
BLOB_MOUNT="$WORK/blobs"
mkdir -p "$BLOB_MOUNT"
mount -t tmpfs -o "size=$SIZE,mode=0755" pm-blobs "$BLOB_MOUNT"
# The filler is not a blob key (keys are lower-case segments without a leading dot), so the checks below skip it.
available_kib="$(df --output=avail -k "$BLOB_MOUNT" | tail -n 1 | tr -d ' ')"
dd if=/dev/zero of="$BLOB_MOUNT/.filler" bs=1K count="$(( available_kib - FREE ))" status=none
single_up BlobStore__Kind=FileSystem BlobStore__Path="$BLOB_MOUNT" Vault__GarbageCollectionInterval=00:00:05
status=0
run_load "$LABEL" "$RUN_SECONDS" "$CLIENTS" --entries-bytes 16384 --acks "$WORK/acks.csv" >/dev/null || status=1
cat "$WORK/$LABEL.md"
echo "- blob store: $(df -h --output=size,used,avail "$BLOB_MOUNT" | tail -n 1 | xargs) (size, used, available)"
lost="$(lost_writes "$WORK/acks.csv")"
echo "- acknowledged writes missing from the database: $lost"
[ "$lost" = "0" ] || status=1
temporary="$(find "$BLOB_MOUNT" -name '.tmp-*' | wc -l)"
echo "- temporary files left in the blob store: $temporary"
[ "$temporary" = "0" ] || status=1
find "$BLOB_MOUNT" -type f ! -name '.tmp-*' ! -name '.filler' | sed "s|^$BLOB_MOUNT/||" > "$WORK/stored.txt"
blob_report "$WORK/stored.txt" || status=1
grep -q '507 storage full' "$WORK/$LABEL.md" && ! grep -q ' 0 507 storage full' "$WORK/$LABEL.md" \
  || { echo "- the store never filled up: raise SECONDS or lower SIZE"; status=1; }
exit "$status"

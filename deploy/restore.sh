#!/usr/bin/env bash
# Restores a backup made by deploy/backup.sh into a fresh instance: an empty database, an empty blob store and
# a data folder without keys. Then start the API on it as usual (deploy/run.sh, or the binary). Devices that
# synced after the backup was taken are told to resync (409 vault.resync_required) and do so on their own.
# Target settings are the API's own: ConnectionStrings__Postgres, DataDirectory (or PM_DATA_DIR), BlobStore__Kind,
# BlobStore__Path, BlobStore__S3__*; without them, deploy/run.sh's instance under .data/ (PM_DATA_DIR,
# PM_POSTGRES_PORT; its cluster is created if missing). Stop the API of the target before restoring.
# Usage: deploy/restore.sh BACKUP_DIR
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"

BACKUP_DIR="$(cd "${1:?usage: $0 BACKUP_DIR}" && pwd)"
[ -f "$BACKUP_DIR/database.dump" ] || { echo "$BACKUP_DIR has no database.dump" >&2; exit 2; }
(cd "$BACKUP_DIR" && sha256sum --quiet -c SHA256SUMS) || { echo "$BACKUP_DIR does not match its SHA256SUMS" >&2; exit 2; }
instance_settings
cleanup() { if [ -n "$STARTED_POSTGRES" ]; then pg_stop "$DATA_DIR/postgres"; fi; }
trap cleanup EXIT
BIN="$(pg_bin)"

existing="$("$BIN/psql" -qAtX -v ON_ERROR_STOP=1 -c "SELECT count(*) FROM information_schema.schemata WHERE schema_name IN ('auth', 'audit', 'vault', 'sharing', 'billing', 'encryption')")"
[ "$existing" -eq 0 ] || { echo "The target database $PGDATABASE is not empty (it has the product's schemas). Restore into a fresh one." >&2; exit 2; }
for folder in keys tls; do
  if [ -d "$BACKUP_DIR/$folder" ] && [ -n "$(ls -A "$DATA_DIR/$folder" 2>/dev/null)" ]; then
    echo "$DATA_DIR/$folder is not empty; restore into a fresh data folder" >&2; exit 2
  fi
done
if [ "$BLOB_KIND" != "S3" ] && [ -n "$(ls -A "$BLOB_PATH" 2>/dev/null)" ]; then
  echo "The blob folder $BLOB_PATH is not empty; restore into a fresh one" >&2; exit 2
fi

# Blobs and keys before the database: the metadata must never point at a blob that is not there yet.
log "restoring blobs ($BLOB_KIND)"
if [ "$BLOB_KIND" = "S3" ]; then
  s3_mirror "$BACKUP_DIR/blobs" s3:
else
  mkdir -p "$BLOB_PATH"
  cp -a "$BACKUP_DIR/blobs/." "$BLOB_PATH/"
fi
mkdir -p "$DATA_DIR"
for folder in keys tls; do
  if [ -d "$BACKUP_DIR/$folder" ]; then rm -rf "${DATA_DIR:?}/$folder"; cp -a "$BACKUP_DIR/$folder" "$DATA_DIR/$folder"; fi
done

log "restoring the database into $PGDATABASE on $PGHOST:${PGPORT:-5432}"
"$BIN/pg_restore" --exit-on-error --no-owner --no-privileges --dbname="$PGDATABASE" "$BACKUP_DIR/database.dump"
log "restored $(grep '^started=' "$BACKUP_DIR/manifest.txt" | cut -d= -f2) backup; start the API on it"

#!/usr/bin/env bash
# Backs up a PasswordManager instance into BACKUP_DIR (which must not exist yet):
#   database.dump        pg_dump (custom format) of one consistent snapshot of the database
#   blobs/               every object of the blob store (filesystem copy, or a mirror of the S3 bucket)
#   keys/  tls/          the server's generated keys and the local CA/certificates (deploy/run.sh)
#   referenced-blobs.txt the blob keys the dumped snapshot references; each one is checked to be in blobs/
#   manifest.txt, SHA256SUMS
# Order (ADR-0024): the database snapshot first, the blobs second. A write puts its blob before its metadata
# commits, so every blob the snapshot references already exists when the copy starts; blobs written later are
# harmless extras (garbage after a restore, collected). The only blobs that can go missing are those deleted
# between the snapshot and the copy (superseded versions); the check against referenced-blobs.txt catches
# that, and the whole backup is taken again (up to 3 times) rather than kept incomplete.
# It reads the same settings as the API: ConnectionStrings__Postgres, DataDirectory (or PM_DATA_DIR),
# BlobStore__Kind, BlobStore__Path, BlobStore__S3__*; without them, deploy/run.sh's instance under .data/
# (PM_DATA_DIR, PM_POSTGRES_PORT), which may be running or not. The API may keep serving meanwhile.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"

BACKUP_DIR="${1:?usage: $0 BACKUP_DIR}"
[ -e "$BACKUP_DIR" ] && { echo "$BACKUP_DIR exists; give a new folder" >&2; exit 2; }
instance_settings
cleanup() { if [ -n "$STARTED_POSTGRES" ]; then pg_stop "$DATA_DIR/postgres"; fi; }
trap cleanup EXIT
BIN="$(pg_bin)"

referenced_blobs_query() {
  local tables
  tables="$("$BIN/psql" -qAtX -v ON_ERROR_STOP=1 -c "SELECT table_schema || '.' || table_name FROM information_schema.columns
      WHERE column_name = 'blob_key' AND table_name <> 'blob_garbage' AND table_schema NOT IN ('pg_catalog', 'information_schema')
      ORDER BY 1")"
  local sql="" table
  for table in $tables; do sql+="${sql:+ UNION }SELECT blob_key FROM $table WHERE blob_key IS NOT NULL"; done
  printf '%s' "${sql:-SELECT NULL::text WHERE false}"
}

take_backup() {
  local target="$1" started
  started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  mkdir -p "$target"
  # One transaction holds the snapshot; pg_dump and the list of referenced blobs both read exactly it.
  coproc SNAPSHOT { "$BIN/psql" -qAtX -v ON_ERROR_STOP=1; }
  echo "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT pg_export_snapshot();" >&"${SNAPSHOT[1]}"
  local snapshot
  read -r snapshot <&"${SNAPSHOT[0]}" || return 2
  "$BIN/pg_dump" --format=custom --snapshot="$snapshot" --no-owner --file="$target/database.dump" || return 2
  { echo "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT '$snapshot';"
    echo "COPY ($(referenced_blobs_query)) TO STDOUT;"
    echo "COMMIT;"; } | "$BIN/psql" -qAtX -v ON_ERROR_STOP=1 > "$target/referenced-blobs.txt" || return 2
  printf 'COMMIT;\n\\q\n' >&"${SNAPSHOT[1]}"
  wait "$SNAPSHOT_PID" || true

  mkdir -p "$target/blobs"
  if [ "$BLOB_KIND" = "S3" ]; then
    s3_mirror s3: "$target/blobs" || return 2
  elif [ -d "$BLOB_PATH" ]; then
    cp -a "$BLOB_PATH/." "$target/blobs/" || return 2
  fi

  local missing=0 key
  while IFS= read -r key; do
    [ -f "$target/blobs/$key" ] || { log "referenced blob missing from the copy: $key"; missing=$((missing + 1)); }
  done < "$target/referenced-blobs.txt"
  [ "$missing" -eq 0 ] || return 1

  for folder in keys tls; do
    if [ -d "$DATA_DIR/$folder" ]; then cp -a "$DATA_DIR/$folder" "$target/$folder"; fi
  done
  {
    echo "started=$started"
    echo "finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "snapshot=$snapshot"
    echo "blob_store=$BLOB_KIND"
    echo "referenced_blobs=$(wc -l < "$target/referenced-blobs.txt")"
    echo "blob_files=$(find "$target/blobs" -type f | wc -l)"
  } > "$target/manifest.txt"
  (cd "$target" && find . -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 sha256sum > SHA256SUMS)
}

umask 077
for attempt in 1 2 3; do
  status=0
  take_backup "$BACKUP_DIR" || status=$?
  if [ "$status" -eq 0 ]; then
    log "backup written to $BACKUP_DIR ($(du -sh "$BACKUP_DIR" | cut -f1))"
    exit 0
  fi
  rm -rf "$BACKUP_DIR"
  [ "$status" -eq 1 ] || { log "backup failed (see the messages above)"; exit 1; }
  log "attempt $attempt: a referenced blob was deleted while copying; taking the backup again"
done
log "backup failed: blobs kept disappearing during the copy (see docs/operations.md, Backup and restore)"
exit 1

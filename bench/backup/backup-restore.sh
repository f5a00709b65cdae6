#!/usr/bin/env bash
# RPO/RTO of deploy/backup.sh and deploy/restore.sh for a 10,000-entry instance: a throwaway PostgreSQL and the
# Release API (filesystem blob store), seeded by bench/Vault.Load (9,000 entries of 1 KiB inline in PostgreSQL,
# 1,000 of 16 KiB in the blob store, by default); then a timed backup while the API serves, a timed restore into a
# fresh database and data folder, and the time until the restored API answers /health/ready with every entry.
# Usage: bench/backup/backup-restore.sh [inline entries] [blob entries]
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"
# shellcheck source=deploy/lib/bench.sh
source "$REPO_ROOT/deploy/lib/bench.sh"

bench_prepare
dotnet build "$REPO_ROOT/bench/Vault.Load/Vault.Load.csproj" -c Release -v quiet -nologo >/dev/null
PG_PORT="$(sed -n 's/.*Port=\([0-9]*\);.*/\1/p' <<<"$PG_CONNECTION_STRING")"
SOURCE_DB="$PG_CONNECTION_STRING"
bench_start_api Logging__LogLevel__Default=Warning Auth__AccessTokenLifetime=01:00:00
dotnet "$ARTIFACTS/bin/Vault.Load/release/PasswordManager.Vault.Load.dll" seed "$URL" "${1:-9000}" "${2:-1000}"

seconds() { python3 -c 'import sys,time; print(f"{time.time()-float(sys.argv[1]):.1f}")' "$1"; }

start=$(date +%s.%N)
ConnectionStrings__Postgres="$SOURCE_DB" DataDirectory="$WORK/data" "$REPO_ROOT/deploy/backup.sh" "$WORK/backup"
backup_seconds=$(seconds "$start")
kill -TERM "$API_PID"; wait "$API_PID" 2>/dev/null || true

runuser -u postgres -- psql -q -h "$WORK/postgres" -p "$PG_PORT" -U postgres -c "CREATE DATABASE restored OWNER passwordmanager" >/dev/null
TARGET_DB="${SOURCE_DB/Database=passwordmanager/Database=restored}"
start=$(date +%s.%N)
ConnectionStrings__Postgres="$TARGET_DB" DataDirectory="$WORK/restored" "$REPO_ROOT/deploy/restore.sh" "$WORK/backup"
restore_seconds=$(seconds "$start")
PG_CONNECTION_STRING="$TARGET_DB"
bench_start_api Logging__LogLevel__Default=Warning DataDirectory="$WORK/restored"
ready_seconds=$(seconds "$start")
pg_env_from_npgsql "$TARGET_DB"
entries="$(psql -qAtX -c 'SELECT count(*) FROM vault.entries')"

echo "entries restored: $entries"
echo "backup size: $(du -sh "$WORK/backup" | cut -f1) (database.dump $(du -h "$WORK/backup/database.dump" | cut -f1), blobs $(find "$WORK/backup/blobs" -type f | wc -l) files)"
echo "backup: ${backup_seconds} s; restore: ${restore_seconds} s; restore until the API is ready: ${ready_seconds} s"

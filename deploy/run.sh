#!/usr/bin/env bash
# Runs PasswordManager on this machine: a local PostgreSQL cluster under the data folder, migrations,
# and the API on http://127.0.0.1:8080 with the filesystem blob store. Ctrl-C stops everything; running
# it again reuses the data. Set ConnectionStrings__Postgres to use an external PostgreSQL instead.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"

DATA_DIR="${PM_DATA_DIR:-$REPO_ROOT/.data}"
PG_PORT="${PM_POSTGRES_PORT:-55432}"
URLS="${PM_URLS:-http://127.0.0.1:8080}"
mkdir -p "$DATA_DIR"
chmod 755 "$DATA_DIR"

ensure_system_packages
ensure_dotnet_tools

started_postgres=""
api_pid=""
cleanup() {
  trap - INT TERM EXIT
  if [ -n "$api_pid" ] && kill -0 "$api_pid" 2>/dev/null; then
    kill -TERM "$api_pid" 2>/dev/null || true
    wait "$api_pid" 2>/dev/null || true
  fi
  if [ -n "$started_postgres" ]; then log "stopping PostgreSQL"; pg_stop "$DATA_DIR/postgres"; fi
}
trap cleanup INT TERM EXIT

if [ -z "${ConnectionStrings__Postgres:-}" ]; then
  pg_start "$DATA_DIR/postgres" "$PG_PORT"
  started_postgres=1
  export ConnectionStrings__Postgres="$PG_CONNECTION_STRING"
fi
export DataDirectory="$DATA_DIR"

log "building the API"
dotnet build "$REPO_ROOT/src/Api/Api.csproj" -c Release -v quiet -nologo >/dev/null
API_DLL="$REPO_ROOT/artifacts/bin/Api/release/PasswordManager.Api.dll"

log "applying migrations"
dotnet "$API_DLL" migrate --contentRoot "$(dirname "$API_DLL")" >/dev/null

log "API on $URLS (OpenAPI page: $URLS/docs); Ctrl-C stops it"
dotnet "$API_DLL" --contentRoot "$(dirname "$API_DLL")" --urls "$URLS" --Database:MigrateOnStartup=false &
api_pid=$!
wait "$api_pid" || true

#!/usr/bin/env bash
# Runs PasswordManager on this machine: a local PostgreSQL cluster under the data folder, migrations,
# and the API on https://127.0.0.1:8443 (TLS 1.3 only) with the filesystem blob store. The first run makes a
# local CA and a server certificate under the data folder (tls/; pm trusts it with --ca .data/tls/ca.crt).
# Ctrl-C stops everything; running it again reuses the data. Set ConnectionStrings__Postgres to use an
# external PostgreSQL instead, Https__CertificatePath + Https__KeyPath to serve your own certificate.
#   ./deploy/run.sh --s3   stores blobs in S3 instead: the server named by BlobStore__S3__Endpoint (+ AccessKey,
#                          SecretKey, Bucket), or, when that is unset, a local s3rver under the data folder.
# Mail goes to a local maildev (SMTP on 127.0.0.1:1025, web inbox on http://127.0.0.1:1080) unless
# Email__Smtp__Host names a real SMTP server.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"

DATA_DIR="${PM_DATA_DIR:-$REPO_ROOT/.data}"
PG_PORT="${PM_POSTGRES_PORT:-55432}"
URLS="${PM_URLS:-https://127.0.0.1:8443}"
S3_PORT="${PM_S3_PORT:-9000}"
# Prometheus scrapes /metrics on its own loopback listener, never on the API's address (docs/operations.md, Metrics).
METRICS_URL="${PM_METRICS_URL:-http://127.0.0.1:9464}"
MAIL_SMTP_PORT="${PM_MAIL_SMTP_PORT:-1025}"
MAIL_WEB_PORT="${PM_MAIL_WEB_PORT:-1080}"
use_s3=""
for arg in "$@"; do
  case "$arg" in
    --s3) use_s3=1 ;;
    *) echo "usage: $0 [--s3]" >&2; exit 2 ;;
  esac
done
mkdir -p "$DATA_DIR"
chmod 755 "$DATA_DIR"

ensure_system_packages
ensure_dotnet_tools

started_postgres=""
api_pid=""
s3_pid=""
MAILDEV_PID=""
cleanup() {
  trap - INT TERM EXIT
  if [ -n "$api_pid" ] && kill -0 "$api_pid" 2>/dev/null; then
    kill -TERM "$api_pid" 2>/dev/null || true
    wait "$api_pid" 2>/dev/null || true
  fi
  if [ -n "$s3_pid" ]; then kill "$s3_pid" 2>/dev/null || true; wait "$s3_pid" 2>/dev/null || true; fi
  if [ -n "$MAILDEV_PID" ]; then kill "$MAILDEV_PID" 2>/dev/null || true; wait "$MAILDEV_PID" 2>/dev/null || true; fi
  if [ -n "$started_postgres" ]; then log "stopping PostgreSQL"; pg_stop "$DATA_DIR/postgres"; fi
}
trap cleanup INT TERM EXIT

if [ -z "${ConnectionStrings__Postgres:-}" ]; then
  pg_start "$DATA_DIR/postgres" "$PG_PORT"
  started_postgres=1
  export ConnectionStrings__Postgres="$PG_CONNECTION_STRING"
fi
export DataDirectory="$DATA_DIR"

if [[ "$URLS" == *https://* ]] && [ -z "${Https__CertificatePath:-}" ]; then
  "$REPO_ROOT/deploy/tls/make-local-ca.sh" "$DATA_DIR/tls"
  export Https__CertificatePath="$DATA_DIR/tls/server.crt" Https__KeyPath="$DATA_DIR/tls/server.key"
  log "TLS certificate from the local CA $DATA_DIR/tls/ca.crt (pm config server URL --ca $DATA_DIR/tls/ca.crt)"
fi

if [ -n "$use_s3" ]; then
  export BlobStore__Kind=S3
  if [ -z "${BlobStore__S3__Endpoint:-}" ]; then
    ensure_s3rver
    mkdir -p "$DATA_DIR/s3"
    node "$S3RVER_JS" -d "$DATA_DIR/s3" -a 127.0.0.1 -p "$S3_PORT" --silent >"$DATA_DIR/s3rver.log" 2>&1 &
    s3_pid=$!
    export BlobStore__S3__Endpoint="127.0.0.1:$S3_PORT" BlobStore__S3__AccessKey=S3RVER BlobStore__S3__SecretKey=S3RVER
    log "local s3rver on 127.0.0.1:$S3_PORT, data under $DATA_DIR/s3"
  fi
  log "blob store: S3 at $BlobStore__S3__Endpoint"
fi

if [ -z "${Email__Smtp__Host:-}" ]; then
  ensure_maildev
  maildev_start "$DATA_DIR/maildev.log" "$MAIL_SMTP_PORT" "$MAIL_WEB_PORT"
  export Email__Smtp__Host=127.0.0.1 Email__Smtp__Port="$MAIL_SMTP_PORT" Email__Smtp__Security=None
  log "local mail inbox (maildev): http://127.0.0.1:$MAIL_WEB_PORT (SMTP on 127.0.0.1:$MAIL_SMTP_PORT)"
fi
export Email__PublicBaseUrl="${Email__PublicBaseUrl:-$URLS}"

log "building the API"
dotnet build "$REPO_ROOT/src/Api/Api.csproj" -c Release -v quiet -nologo >/dev/null
API_DLL="$REPO_ROOT/artifacts/bin/Api/release/PasswordManager.Api.dll"

log "applying migrations"
dotnet "$API_DLL" migrate --contentRoot "$(dirname "$API_DLL")" >/dev/null

log "API on $URLS (OpenAPI page: $URLS/docs), metrics on $METRICS_URL/metrics; Ctrl-C stops it"
dotnet "$API_DLL" --contentRoot "$(dirname "$API_DLL")" --urls "$URLS" --Metrics:ListenUrl "$METRICS_URL" --Database:MigrateOnStartup=false &
api_pid=$!
wait "$api_pid" || true

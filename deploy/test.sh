#!/usr/bin/env bash
# Runs every test project of the solution against a throwaway PostgreSQL, an s3rver S3 server, a maildev
# mail server (SMTP + REST inbox) and an OpenID Provider (oidc-provider, deploy/oidc-test-provider.mjs) on free loopback ports, stops them (also on failure), and ends with one summary line over all projects:
#   tests: N passed, N failed[, N skipped]
# For a quicker run while developing: PM_TEST_PROJECTS='IntegrationTests EndToEndTests' (names, space-separated)
# limits the projects, and PM_TEST_FILTER='FullyQualifiedName~Sync' is passed to dotnet test --filter.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"

ensure_system_packages
ensure_dotnet_tools
ensure_s3rver
ensure_maildev
ensure_oidc_provider

WORK="$(mktemp -d /tmp/pm-test.XXXXXX)"
chmod 755 "$WORK"
s3_pid=""
MAILDEV_PID=""
OIDC_PID=""
cleanup() {
  local status=$?
  trap - INT TERM EXIT
  if [ -n "$s3_pid" ]; then kill "$s3_pid" 2>/dev/null || true; wait "$s3_pid" 2>/dev/null || true; fi
  if [ -n "$MAILDEV_PID" ]; then kill "$MAILDEV_PID" 2>/dev/null || true; wait "$MAILDEV_PID" 2>/dev/null || true; fi
  if [ -n "$OIDC_PID" ]; then kill "$OIDC_PID" 2>/dev/null || true; wait "$OIDC_PID" 2>/dev/null || true; fi
  pg_stop "$WORK/postgres" || true
  rm -rf "$WORK" || true
  exit "$status"
}
trap cleanup INT TERM EXIT

PG_PORT="$(free_port)"
pg_start "$WORK/postgres" "$PG_PORT"
export PM_TEST_DATABASE="$PG_CONNECTION_STRING"
# The backup/restore and encryption-service tests make fresh databases of their own.
runuser -u postgres -- psql -q -h "$WORK/postgres" -p "$PG_PORT" -U postgres -c "ALTER ROLE passwordmanager CREATEDB" >/dev/null

S3_PORT="$(free_port)"
mkdir -p "$WORK/s3"
node "$S3RVER_JS" -d "$WORK/s3" -a 127.0.0.1 -p "$S3_PORT" --silent >"$WORK/s3rver.log" 2>&1 &
s3_pid=$!
for _ in $(seq 1 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$S3_PORT") 2>/dev/null && break
  sleep 0.2
done
export PM_TEST_S3_DIRECTORY="$WORK/s3" PM_TEST_S3_ENDPOINT="127.0.0.1:$S3_PORT" PM_TEST_S3_ACCESS_KEY="S3RVER" PM_TEST_S3_SECRET_KEY="S3RVER"
MAIL_SMTP_PORT="$(free_port)"
MAIL_WEB_PORT="$(free_port)"
maildev_start "$WORK/maildev.log" "$MAIL_SMTP_PORT" "$MAIL_WEB_PORT"
export PM_TEST_SMTP_PORT="$MAIL_SMTP_PORT" PM_TEST_MAILDEV_URL="http://127.0.0.1:$MAIL_WEB_PORT"
OIDC_PORT="$(free_port)"
oidc_start "$WORK/oidc-provider.log" "$OIDC_PORT"
export PM_TEST_OIDC_ISSUER="http://127.0.0.1:$OIDC_PORT" PM_TEST_OIDC_CLIENT_ID="pm-native" PM_TEST_OIDC_CLIENT_SECRET="pm-native-secret"
log "oidc-provider is up at $PM_TEST_OIDC_ISSUER"
log "PostgreSQL, s3rver (port $S3_PORT) and maildev (SMTP $MAIL_SMTP_PORT, inbox $PM_TEST_MAILDEV_URL) are up"

log "building the solution"
dotnet build "$REPO_ROOT/PasswordManager.sln" -c Release -v quiet -nologo

failed_projects=0
# The test projects of the solution (what the build above compiled), in a stable order.
for project in $(cd "$REPO_ROOT" && dotnet sln PasswordManager.sln list | grep -E '^tests/.*\.csproj$' | sort); do
  name="$(basename "$project" .csproj)"
  if [ -n "${PM_TEST_PROJECTS:-}" ] && ! grep -qw -- "$name" <<<"$PM_TEST_PROJECTS"; then continue; fi
  log "testing $name"
  if ! dotnet test "$REPO_ROOT/$project" -c Release --no-build --nologo \
      ${PM_TEST_FILTER:+--filter "$PM_TEST_FILTER"} \
      --logger "trx;LogFileName=$name.trx" --results-directory "$WORK/results" -- NUnit.NumberOfTestWorkers=1; then
    failed_projects=$((failed_projects + 1))
  fi
done

summary="$(python3 "$REPO_ROOT/deploy/lib/trx_summary.py" "$WORK/results")"
echo "$summary"
if [ "$failed_projects" -ne 0 ] || ! grep -q ' 0 failed' <<<"$summary"; then exit 1; fi

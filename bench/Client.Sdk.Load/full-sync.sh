#!/usr/bin/env bash
# SDK full sync benchmark (issue: Vault and sync): a fresh device syncs a 10,000-entry vault (1 KiB ciphertexts)
# through Client.Sdk, verifying and decrypting every entry. Starts a throwaway PostgreSQL and the Release API on
# loopback exactly like bench/vault/sync.sh, runs bench/Client.Sdk.Load against it, stops both.
# Usage: bench/Client.Sdk.Load/full-sync.sh [entries] [rounds]
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"

ensure_system_packages
WORK="$(mktemp -d /tmp/pm-bench.XXXXXX)"
chmod 755 "$WORK"
api_pid=""
cleanup() {
  trap - INT TERM EXIT
  if [ -n "$api_pid" ]; then kill -TERM "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; fi
  pg_stop "$WORK/postgres" || true
  rm -rf "$WORK" || true
}
trap cleanup INT TERM EXIT

pg_start "$WORK/postgres" "$(free_port)"
dotnet build "$REPO_ROOT/src/Api/Api.csproj" -c Release -v quiet -nologo >/dev/null
dotnet build "$REPO_ROOT/bench/Client.Sdk.Load/Client.Sdk.Load.csproj" -c Release -v quiet -nologo >/dev/null
ARTIFACTS="${ArtifactsPath:-$REPO_ROOT/artifacts}"
PORT="$(free_port)"
ConnectionStrings__Postgres="$PG_CONNECTION_STRING" DataDirectory="$WORK/data" ASPNETCORE_ENVIRONMENT=Production \
RateLimiting__CredentialRequestsPerMinute=100000 Auth__AccessTokenLifetime=01:00:00 Logging__LogLevel__Default=Warning \
  dotnet "$ARTIFACTS/bin/Api/release/PasswordManager.Api.dll" --urls "http://127.0.0.1:$PORT" >"$WORK/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.2; done

dotnet "$ARTIFACTS/bin/Client.Sdk.Load/release/PasswordManager.Client.Sdk.Load.dll" "http://127.0.0.1:$PORT" "${1:-10000}" "${2:-15}"

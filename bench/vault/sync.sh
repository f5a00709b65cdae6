#!/usr/bin/env bash
# Vault benchmarks (issue: Vault and sync): bulk upload, delta sync in a small vs a 100x larger vault, and
# a fresh device's full sync of 10,000 entries. Starts a throwaway PostgreSQL and the Release API on
# loopback, runs bench/Vault.Load against it, stops both.
# Usage: bench/vault/sync.sh [small entries] [large entries] [changed per delta] [rounds] [full-sync entries, default 10000]
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"
# shellcheck source=deploy/lib/bench.sh
source "$REPO_ROOT/deploy/lib/bench.sh"

bench_prepare
dotnet build "$REPO_ROOT/bench/Vault.Load/Vault.Load.csproj" -c Release -v quiet -nologo >/dev/null
bench_start_api Auth__AccessTokenLifetime=01:00:00 Logging__LogLevel__Default=Warning

dotnet "$ARTIFACTS/bin/Vault.Load/release/PasswordManager.Vault.Load.dll" "$URL" "${1:-1000}" "${2:-100000}" "${3:-10}" "${4:-30}" "${5:-10000}"

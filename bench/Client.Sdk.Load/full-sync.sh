#!/usr/bin/env bash
# SDK full sync and single-write benchmark (issues: Vault and sync; signed history): a fresh device syncs a
# 10,000-entry vault (1 KiB ciphertexts) through Client.Sdk, verifying and decrypting every entry, then a synced device
# writes single updates; both on a vault with signed history and on one without, in the same run. Starts a throwaway PostgreSQL and the Release API on
# loopback exactly like bench/vault/sync.sh, runs bench/Client.Sdk.Load against it, stops both.
# Usage: bench/Client.Sdk.Load/full-sync.sh [entries] [rounds] [writes]
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"
# shellcheck source=deploy/lib/bench.sh
source "$REPO_ROOT/deploy/lib/bench.sh"

bench_prepare
dotnet build "$REPO_ROOT/bench/Client.Sdk.Load/Client.Sdk.Load.csproj" -c Release -v quiet -nologo >/dev/null
bench_start_api Auth__AccessTokenLifetime=01:00:00 Logging__LogLevel__Default=Warning

dotnet "$ARTIFACTS/bin/Client.Sdk.Load/release/PasswordManager.Client.Sdk.Load.dll" "$URL" "${1:-10000}" "${2:-15}" "${3:-100}"

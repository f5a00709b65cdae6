#!/usr/bin/env bash
# Sharing benchmarks (issue: Sharing): end-to-end revoke of one member from a 10,000-entry vault (1 KiB ciphertexts)
# shared with 20 members, through Client.Sdk (fetch, decrypt, re-encrypt, wrap for 19 + 1, upload, commit), and grant
# latency on a 10-entry vs a 10,000-entry vault. Throwaway PostgreSQL and the Release API on loopback (deploy/lib/bench.sh).
# Usage: bench/Sharing.Load/revoke.sh [entries] [members] [revoke rounds]
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"
# shellcheck source=deploy/lib/bench.sh
source "$REPO_ROOT/deploy/lib/bench.sh"

bench_prepare
dotnet build "$REPO_ROOT/bench/Sharing.Load/Sharing.Load.csproj" -c Release -v quiet -nologo >/dev/null
bench_start_api Auth__AccessTokenLifetime=01:00:00 Logging__LogLevel__Default=Warning

dotnet "$ARTIFACTS/bin/Sharing.Load/release/PasswordManager.Sharing.Load.dll" "$URL" "${1:-10000}" "${2:-20}" "${3:-5}"

#!/usr/bin/env bash
# pm read in a script (issue 17): 50 `pm read` calls with the master password in PM_PASSWORD (an Argon2id
# derivation per call) against the same 50 calls after one `pm unlock` (PM_SESSION), alternating call by call so
# that both see the same load. Starts a throwaway PostgreSQL and the Release API on loopback, registers an account
# with the default KDF (64 MiB, t = 3), adds one entry, and prints the total and the per-call median, min and max.
# Usage: bench/cli/read-50.sh [calls]
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"
# shellcheck source=deploy/lib/bench.sh
source "$REPO_ROOT/deploy/lib/bench.sh"

CALLS="${1:-50}"
bench_prepare
dotnet build "$REPO_ROOT/src/Client.Cli/Client.Cli.csproj" -c Release -v quiet -nologo >/dev/null
bench_start_api Logging__LogLevel__Default=Warning

PM_DLL="$ARTIFACTS/bin/Client.Cli/release/PasswordManager.Client.Cli.dll"
export PM_CONFIG_DIR="$WORK/pm" NO_COLOR=1
unset PM_SESSION
pm() { dotnet "$PM_DLL" "$@"; }

MASTER="bench-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
pm config server "$URL" >/dev/null
PM_PASSWORD="$MASTER" pm register -u bench-reader >/dev/null
PM_PASSWORD="$MASTER" pm login -u bench-reader >/dev/null
printf '%s\n' "$MASTER" "s3cret-value" | pm add --name Database --username app --password-stdin --entry-password-stdin >/dev/null
REF="pm://Personal/Database/password"

# time_read FILE [VAR=VALUE ...]: one `pm read` with those variables, its wall time in ms appended to FILE.
time_read() {
  local file="$1" start end value
  shift
  start=$(date +%s%N)
  value="$(env "$@" dotnet "$PM_DLL" read "$REF")"
  end=$(date +%s%N)
  [ "$value" = "s3cret-value" ] || { echo "pm read returned an unexpected value" >&2; exit 1; }
  echo $(( (end - start) / 1000000 )) >>"$file"
}

summary() {
  python3 -c '
import statistics, sys
label, path = sys.argv[1], sys.argv[2]
ms = [int(line) for line in open(path)]
print(f"{label:<28} calls {len(ms)}  total {sum(ms)/1000:.1f} s  median {statistics.median(ms):.0f} ms  min {min(ms)} ms  max {max(ms)} ms")
' "$1" "$2"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); dotnet $(dotnet --version); load average $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s%N)
SESSION="$(PM_PASSWORD="$MASTER" pm unlock --raw --idle 1h)"
echo "pm unlock (one Argon2id)     $(( ($(date +%s%N) - start) / 1000000 )) ms"

# The two kinds of call alternate, so that both see the same load on a shared machine.
for _ in $(seq 1 "$CALLS"); do
  time_read "$WORK/password.ms" PM_PASSWORD="$MASTER"
  time_read "$WORK/session.ms" PM_SESSION="$SESSION"
done
summary "PM_PASSWORD (no unlock)" "$WORK/password.ms"
summary "PM_SESSION (after unlock)" "$WORK/session.ms"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
pm lock >/dev/null

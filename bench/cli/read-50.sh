#!/usr/bin/env bash
# pm read in a script (issue 17): 50 `pm read` calls with the master password in PM_PASSWORD (an Argon2id
# derivation per call) against the same 50 calls after one `pm unlock` (PM_SESSION). Starts a throwaway
# PostgreSQL and the Release API on loopback, registers an account with the default KDF (64 MiB, t = 3), adds
# one entry, and prints the total and the per-call median and min/max of each run.
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

# run_calls LABEL: CALLS sequential `pm read`, each timed with a monotonic nanosecond clock; prints one summary line.
run_calls() {
  local label="$1" times=() start end value i
  for i in $(seq 1 "$CALLS"); do
    start=$(date +%s%N)
    value="$(pm read "$REF")"
    end=$(date +%s%N)
    [ "$value" = "s3cret-value" ] || { echo "pm read returned an unexpected value on call $i" >&2; exit 1; }
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | python3 -c '
import statistics, sys
label, calls = sys.argv[1], int(sys.argv[2])
ms = [int(line) for line in sys.stdin]
print(f"{label:<28} calls {calls}  total {sum(ms)/1000:.1f} s  median {statistics.median(ms):.0f} ms  min {min(ms)} ms  max {max(ms)} ms")
' "$label" "$CALLS"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); dotnet $(dotnet --version)"
PM_PASSWORD="$MASTER" run_calls "PM_PASSWORD (no unlock)"

start=$(date +%s%N)
PM_SESSION="$(PM_PASSWORD="$MASTER" pm unlock --raw)"
unlock_ms=$(( ($(date +%s%N) - start) / 1000000 ))
export PM_SESSION
echo "pm unlock (one Argon2id)     ${unlock_ms} ms"
run_calls "PM_SESSION (after unlock)"
pm lock >/dev/null

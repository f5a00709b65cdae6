#!/usr/bin/env bash
# Attachment memory benchmark (issue: Vault and sync): "uploading a 200 MiB attachment raises the server's peak
# RSS by less than 64 MiB". Starts a throwaway PostgreSQL (and s3rver for the S3 store) and the Release API on
# loopback, registers a demo user, creates a vault and an entry with curl (random bytes in the v1 formats),
# uploads one small attachment to warm the code path up, then uploads a random file of the given size while
# sampling the server's /proc/<pid>/status. The peak is VmHWM after resetting it (clear_refs 5) right before the
# upload, cross-checked by VmRSS samples every 20 ms. The download of the same attachment is measured the same
# way and its SHA-256 compared with the upload's.
# Usage: bench/vault/attachment-rss.sh [MiB, default 200] [filesystem|s3, default filesystem]
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"
# shellcheck source=deploy/lib/bench.sh
source "$REPO_ROOT/deploy/lib/bench.sh"
SIZE_MIB="${1:-200}"
STORE="${2:-filesystem}"
case "$STORE" in filesystem|s3) ;; *) echo "store must be filesystem or s3" >&2; exit 2 ;; esac

bench_prepare
[ "$STORE" = s3 ] && ensure_s3rver
store_env=()
if [ "$STORE" = s3 ]; then
  S3_PORT="$(free_port)"
  mkdir -p "$WORK/s3"
  node "$S3RVER_JS" -d "$WORK/s3" -a 127.0.0.1 -p "$S3_PORT" --silent >"$WORK/s3rver.log" 2>&1 &
  BENCH_PIDS+=("$!")
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$S3_PORT") 2>/dev/null && break; sleep 0.1; done
  store_env=(BlobStore__Kind=S3 BlobStore__S3__Endpoint="127.0.0.1:$S3_PORT" BlobStore__S3__AccessKey=S3RVER
    BlobStore__S3__SecretKey=S3RVER BlobStore__S3__Bucket=pm-bench)
fi

bench_start_api Logging__LogLevel__Default=Warning "${store_env[@]}"

python3 "$REPO_ROOT/deploy/tools/demo_account.py" register bench-user > "$WORK/register.json"
curl -sf -H 'content-type: application/json' -d @"$WORK/register.json" "$URL/api/v1/auth/register" >/dev/null
python3 "$REPO_ROOT/deploy/tools/demo_account.py" login "$WORK/register.json" > "$WORK/login.json"
TOKEN="$(curl -sf -H 'content-type: application/json' -d @"$WORK/login.json" "$URL/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"
AUTH="Authorization: Bearer $TOKEN"

# A vault and an entry made of random bytes in the v1 formats (the server checks format and size only).
read -r VAULT_ID ENTRY_ID < <(python3 -c 'import uuid; print(uuid.uuid4(), uuid.uuid4())')
python3 - "$VAULT_ID" > "$WORK/vault.json" <<'PY'
import base64, json, os, sys
b64 = lambda b: base64.b64encode(b).decode()
print(json.dumps({"vaultId": sys.argv[1], "kind": "shared",
                  "encryptedMetadata": b64(b"\x01\x01" + os.urandom(24 + 32 + 16)),
                  "wrappedKey": b64(b"\x01\x02" + os.urandom(104)), "granterSignature": b64(os.urandom(64))}))
PY
python3 -c 'import base64, json, os; print(json.dumps({"keyEpoch": 1, "ciphertext": base64.b64encode(b"\x01\x01" + os.urandom(24 + 200 + 16)).decode()}))' > "$WORK/entry.json"
curl -sf -H "$AUTH" -H 'content-type: application/json' -d @"$WORK/vault.json" "$URL/api/v1/vaults" >/dev/null
curl -sf -X PUT -H "$AUTH" -H 'content-type: application/json' -d @"$WORK/entry.json" "$URL/api/v1/vaults/$VAULT_ID/entries/$ENTRY_ID" >/dev/null
ATTACHMENTS="$URL/api/v1/vaults/$VAULT_ID/entries/$ENTRY_ID/attachments"

upload() { # FILE ATTACHMENT_ID: streams the file as the body (curl -T reads it from disk as it sends)
  curl -sf -X PUT -H "$AUTH" -H 'content-type: application/octet-stream' -T "$1" "$ATTACHMENTS/$2?keyEpoch=1" -o "$WORK/upload.json"
}
field() { awk -v f="$1:" '$1==f {print $2}' "/proc/$API_PID/status"; }   # kB
mib() { python3 -c "print(f'{$1/1024:.1f}')"; }

# measure NAME COMMAND…: runs the command while sampling VmRSS; prints "baseline peak_hwm peak_sampled" in kB.
measure() {
  sleep 2
  local baseline samples="$WORK/samples" pid
  baseline="$(field VmRSS)"
  echo 5 > "/proc/$API_PID/clear_refs"   # resets VmHWM to the current RSS
  : > "$samples"
  ( while kill -0 "$API_PID" 2>/dev/null; do field VmRSS >> "$samples"; sleep 0.02; done ) &
  pid=$!
  "$@"
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  echo "$baseline $(field VmHWM) $(sort -n "$samples" | tail -n 1)"
}

head -c $((1024 * 1024)) /dev/urandom > "$WORK/warmup.bin"
upload "$WORK/warmup.bin" "$(python3 -c 'import uuid; print(uuid.uuid4())')"
curl -sf -H "$AUTH" -o /dev/null "$ATTACHMENTS/$(python3 -c 'import json; print(json.load(open("'"$WORK"'/upload.json"))["attachmentId"])')"

head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom > "$WORK/attachment.bin"
ATTACHMENT_ID="$(python3 -c 'import uuid; print(uuid.uuid4())')"
start=$(date +%s.%N)
read -r up_base up_hwm up_sampled < <(measure upload "$WORK/attachment.bin" "$ATTACHMENT_ID")
up_seconds=$(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')")
stored_size="$(python3 -c 'import json; print(json.load(open("'"$WORK"'/upload.json"))["size"])')"
start=$(date +%s.%N)
read -r down_base down_hwm down_sampled < <(measure curl -sf -H "$AUTH" -o "$WORK/downloaded.bin" "$ATTACHMENTS/$ATTACHMENT_ID")
down_seconds=$(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')")
[ "$(sha256sum < "$WORK/attachment.bin")" = "$(sha256sum < "$WORK/downloaded.bin")" ] || { echo "downloaded bytes differ" >&2; exit 1; }
[ "$stored_size" = "$((SIZE_MIB * 1024 * 1024))" ] || { echo "stored size $stored_size differs" >&2; exit 1; }

echo "attachment of $SIZE_MIB MiB, $STORE blob store (round trip verified by SHA-256)"
echo "| transfer | seconds | baseline RSS MiB | peak RSS MiB (VmHWM) | increase MiB | peak of 20 ms VmRSS samples MiB |"
echo "|---|---|---|---|---|---|"
echo "| upload (PUT) | $up_seconds | $(mib "$up_base") | $(mib "$up_hwm") | $(mib "($up_hwm - $up_base)") | $(mib "$up_sampled") |"
echo "| download (GET) | $down_seconds | $(mib "$down_base") | $(mib "$down_hwm") | $(mib "($down_hwm - $down_base)") | $(mib "$down_sampled") |"
increase=$((up_hwm - up_base))
if [ "$increase" -lt $((64 * 1024)) ]; then echo "target met: upload raised peak RSS by $(mib "$increase") MiB (< 64 MiB)"
else echo "target NOT met: upload raised peak RSS by $(mib "$increase") MiB (>= 64 MiB)"; exit 1; fi

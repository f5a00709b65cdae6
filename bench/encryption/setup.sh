# Shared set-up of the Encryption Service benchmarks (sourced after deploy/lib/common.sh and deploy/lib/bench.sh):
# encryption_bench_start [NAME=VALUE ...] installs wrk, starts PostgreSQL and the Release API (with these extra
# settings), registers the instance's first account (a tenant admin) and logs it in, and writes the wrk scripts
# $WORK/encrypt.lua (one 1 KiB item) and $WORK/batch.lua (1,000 items). Sets URL, API_PID, METRICS_URL and TOKEN.
encryption_bench_start() {
  command -v wrk >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

  bench_prepare
  METRICS_URL="http://127.0.0.1:$(free_port)"
  bench_start_api "$@" Logging__LogLevel__Default=Warning Encryption__ReEncryption__Enabled=false Metrics__ListenUrl="$METRICS_URL"

  # The first account of the instance is the default tenant's owner, i.e. a tenant admin.
  python3 - > "$WORK/register.json" <<'PY'
# An account of random bytes in the v1 envelope formats (the server checks format and size only).
import base64, json, os, uuid
b = lambda n: base64.b64encode(os.urandom(n)).decode()
env = lambda n: base64.b64encode(bytes([1, 1]) + os.urandom(24 + n + 16)).decode()
uid = uuid.uuid4()
bundle = bytes([1]) + uid.bytes + os.urandom(128)
print(json.dumps({"userId": str(uid), "username": "bench-owner", "authHash": b(32),
  "kdf": {"memoryKiB": 65536, "iterations": 3, "parallelism": 1}, "kdfSalt": b(16),
  "encryptedUserKey": env(32), "encryptedPrivateKeys": env(64), "publicKeyBundle": base64.b64encode(bundle).decode()}))
PY
  curl -sf -H 'content-type: application/json' -d @"$WORK/register.json" "$URL/api/v1/auth/register" >/dev/null
  python3 - "$WORK/register.json" > "$WORK/login.json" <<'PY'
import json, sys, uuid
r = json.load(open(sys.argv[1]))
print(json.dumps({"username": r["username"], "authHash": r["authHash"], "device": {"id": str(uuid.uuid4()), "name": "bench", "type": "server"}}))
PY
  TOKEN="$(curl -sf -H 'content-type: application/json' -d @"$WORK/login.json" "$URL/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"
  # Access tokens live 5 minutes by default; each benchmark here fits well inside that.

  python3 - "$WORK" <<'PY'
import base64, json, os, sys
work = sys.argv[1]
item = base64.b64encode(os.urandom(1024)).decode()
json.dump({"encryptionId": "bench", "data": item}, open(f"{work}/encrypt.json", "w"))
json.dump({"encryptionId": "bench", "items": [{"data": item} for _ in range(1000)]}, open(f"{work}/batch.json", "w"))
PY
  curl -sf -H 'content-type: application/json' -H "Authorization: Bearer $TOKEN" -d @"$WORK/encrypt.json" "$URL/v1/encrypt" >/dev/null

  for name in encrypt batch; do
    cat > "$WORK/$name.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
local f = io.open("$WORK/$name.json", "r")
wrk.body = f:read("*a")
f:close()
LUA
  done
}

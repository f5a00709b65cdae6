#!/usr/bin/env bash
# Runs the README's "A short tour" (pm, sharing, curl) without a terminal against a running server, e.g. the
# balancer of deploy/cluster.sh:   deploy/tools/readme-tour.sh https://127.0.0.1:8443 .data/tls/ca.crt [METRICS_URL]
# The commands are the README's, in its order; the prompts are answered through PM_PASSWORD and stdin. Accounts get
# fresh names (alice-<n>, bob-<n>) so the tour can run again on the same instance. pm comes from PATH, else from
# .tools/pm (deploy/install-pm.sh). Exits non-zero at the first step that does not behave as the README says.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
URL="${1:?usage: $0 URL CA_FILE [METRICS_URL]}"
CA="$(cd "$(dirname "${2:?usage: $0 URL CA_FILE [METRICS_URL]}")" && pwd)/$(basename "$2")"
METRICS="${3:-http://127.0.0.1:9464}"
command -v pm >/dev/null 2>&1 || export PATH="$REPO_ROOT/.tools/pm:$PATH"
command -v pm >/dev/null 2>&1 || { echo "pm is not installed: run deploy/install-pm.sh" >&2; exit 2; }

WORK="$(mktemp -d /tmp/pm-tour.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
suffix="$(date +%s%N | tail -c 7)"
ALICE="alice-$suffix" BOB="bob-$suffix"
export PM_PASSWORD="correct horse battery staple $suffix"
export PM_CONFIG_DIR="$WORK/pm-alice"
pmb() { PM_CONFIG_DIR="$WORK/pm-bob" pm "$@"; }
step() { printf '\n$ %s\n' "$*" >&2; }
run() { step "$*"; "$@"; }

run pm config server "$URL" --ca "$CA"
step "pm register -u $ALICE"
pm register -u "$ALICE" | tee register.txt
run pm login -u "$ALICE"
run pm whoami
run pm sessions
run pm vault create Work
run pm add --vault Work --name GitHub --username "$ALICE" --generate --length 24
step "pm add --name Bank --username $ALICE --entry-password-stdin"
printf 'bank-password-%s\n' "$suffix" | pm add --name Bank --username "$ALICE" --entry-password-stdin
run pm list
run pm get GitHub --show-password
run pm edit GitHub --url https://github.com
run pm history GitHub
printf 'code-1\ncode-2\n' > recovery-codes.txt
run pm attach GitHub recovery-codes.txt
run pm attachments GitHub
run pm download GitHub recovery-codes.txt --out codes-copy.txt
cmp recovery-codes.txt codes-copy.txt
run pm export backup.ndjson
run pm rm Bank
run pm sync
run pm import backup.ndjson
pm list | grep -q Bank || { echo "Bank did not come back from the import" >&2; exit 1; }
run pm import --from bitwarden "$REPO_ROOT/tests/EndToEndTests/Cli/ImportSamples/bitwarden.json" --dry-run
run pm export --plaintext leaving.json --yes

run pmb config server "$URL" --ca "$CA"
run pmb register -u "$BOB"
run pmb login -u "$BOB"
run pm fingerprint "$BOB"
run pm trust "$BOB" --yes
run pm share Work "$BOB" --permission write
run pmb get GitHub --vault Work --show-password
run pmb add --vault Work --name Wiki --generate
run pm get Wiki --vault Work --show-password
run pm members Work
run pm vault status Work
CODE="$(pm vault status Work --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["headCode"])')"
run pmb vault status Work --expect "$CODE"
step "pmb vault status Work --expect 1-0000-0000-0000-0000   (must fail with exit 5, naming the vault)"
status=0; pmb vault status Work --expect 1-0000-0000-0000-0000 2> mismatch.txt || status=$?
cat mismatch.txt >&2
[ "$status" -eq 5 ] && grep -q "signed history does not verify: History record 1: Vault 'Work'" mismatch.txt \
  || { echo "expected exit 5 naming vault Work for a head code not in bob's chain, got $status" >&2; exit 1; }
run pmb vault status Work --expect "$CODE"
run pm revoke Work "$BOB" --dry-run
run pm revoke Work "$BOB"
run pm add --vault Work --name AfterRevoke --generate
run pmb sync
step "pmb get Wiki --vault Work   (must fail with exit 4)"
status=0; pmb get Wiki --vault Work || status=$?
[ "$status" -eq 4 ] || { echo "expected exit 4 after the revoke, got $status" >&2; exit 1; }
if pm whoami | grep -Eq '^Role +owner'; then
  run pm admin users
  run pm admin plans
  step "pm admin console"
  link="$(pm admin console --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')"
  curl -s -o /dev/null -w '%{http_code}' --cacert "$CA" "$link" | grep -qx 302 \
    || { echo "the console link did not open a console session" >&2; exit 1; }
else
  step "pm admin users   (refused: $ALICE is not the first account of this instance, so not its owner)"
  status=0; pm admin users || status=$?
  [ "$status" -ne 0 ] || { echo "a member listed the tenant's users" >&2; exit 1; }
fi
step "curl -s $METRICS/metrics | grep '^passwordmanager_auth_logins'"
curl -s "$METRICS/metrics" | grep '^passwordmanager_auth_logins' || echo "(no login meter on this replica's metrics listener)" >&2
run pmb logout
run pm logout

API="$URL"
export CURL_CA_BUNDLE="$CA"
step "python3 deploy/tools/demo_account.py register carol > carol.json"
python3 "$REPO_ROOT/deploy/tools/demo_account.py" register "carol-$suffix" > carol.json
step "curl -s \$API/api/v1/auth/register"
curl -sf "$API/api/v1/auth/register" -H 'content-type: application/json' -d @carol.json; echo
python3 "$REPO_ROOT/deploy/tools/demo_account.py" login carol.json > login.json
step "curl -s \$API/api/v1/auth/login"
curl -sf "$API/api/v1/auth/login" -H 'content-type: application/json' -d @login.json > session.json
ACCESS=$(python3 -c 'import json; print(json.load(open("session.json"))["accessToken"])')
REFRESH=$(python3 -c 'import json; print(json.load(open("session.json"))["refreshToken"])')
step "curl -s \$API/api/v1/auth/sessions"
curl -sf "$API/api/v1/auth/sessions" -H "Authorization: Bearer $ACCESS"; echo
step "curl -s \$API/api/v1/auth/refresh"
curl -sf "$API/api/v1/auth/refresh" -H 'content-type: application/json' -d "{\"refreshToken\":\"$REFRESH\"}" >/dev/null
sleep 11
step "curl -s \$API/api/v1/auth/refresh   (the old token again: auth.refresh_token_reused)"
curl -s "$API/api/v1/auth/refresh" -H 'content-type: application/json' -d "{\"refreshToken\":\"$REFRESH\"}" | tee reuse.json; echo
grep -q '"auth.refresh_token_reused"' reuse.json
step "curl -s \$API/api/v1/auth/sessions   (auth.session_revoked, on every replica)"
for _ in 1 2 3 4; do
  curl -s "$API/api/v1/auth/sessions" -H "Authorization: Bearer $ACCESS" | tee revoked.json; echo
  grep -q '"auth.session_revoked"' revoked.json
done
echo "README tour: every step as documented" >&2

# Shared helpers for deploy/run.sh and deploy/test.sh (sourced, not executed).
# Local services run as the 'postgres' user (PostgreSQL refuses root), bound to 127.0.0.1 only.

S3RVER_VERSION="3.7.1"
MAILDEV_VERSION="3.0.0"
OIDC_PROVIDER_VERSION="9.13.3"
DOTNET_CLI_TELEMETRY_OPTOUT=1
DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT DOTNET_NOLOGO

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# Installs what is missing from Debian's packages (PostgreSQL, its client, Node.js, openssl, and for
# deploy/cluster.sh and the cluster tests: HAProxy and Redis).
ensure_system_packages() {
  local missing=()
  [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
  command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
  command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]} from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  id postgres >/dev/null 2>&1 || { log "the postgres user is missing after installing postgresql"; return 1; }
}

ensure_dotnet_tools() {
  (cd "$REPO_ROOT" && dotnet tool restore >/dev/null)
}

# Installs the pinned s3rver (an S3-protocol server checking Signature V4) under .tools/.
ensure_s3rver() {
  local prefix="$REPO_ROOT/.tools/s3rver"
  if [ ! -f "$prefix/node_modules/s3rver/package.json" ] \
     || ! grep -q "\"version\": \"$S3RVER_VERSION\"" "$prefix/node_modules/s3rver/package.json"; then
    log "installing s3rver@$S3RVER_VERSION with npm"
    mkdir -p "$prefix"
    npm install --silent --no-audit --no-fund --prefix "$prefix" "s3rver@$S3RVER_VERSION" >/dev/null
  fi
  S3RVER_JS="$prefix/node_modules/s3rver/bin/s3rver.js"
}

# Installs the pinned maildev (a development SMTP server with a web inbox and a REST API) under .tools/.
ensure_maildev() {
  local prefix="$REPO_ROOT/.tools/maildev"
  if [ ! -f "$prefix/node_modules/maildev/package.json" ] \
     || ! grep -q "\"version\": \"$MAILDEV_VERSION\"" "$prefix/node_modules/maildev/package.json"; then
    log "installing maildev@$MAILDEV_VERSION with npm"
    mkdir -p "$prefix"
    npm install --silent --no-audit --no-fund --prefix "$prefix" "maildev@$MAILDEV_VERSION" >/dev/null
  fi
  MAILDEV_JS="$prefix/node_modules/maildev/dist/bin/maildev.js"
}

# Installs the pinned oidc-provider (a certified OpenID Provider library) under .tools/, for the test identity provider.
ensure_oidc_provider() {
  local prefix="$REPO_ROOT/.tools/oidc-provider"
  if [ ! -f "$prefix/node_modules/oidc-provider/package.json" ] \
     || ! grep -q "\"version\": \"$OIDC_PROVIDER_VERSION\"" "$prefix/node_modules/oidc-provider/package.json"; then
    log "installing oidc-provider@$OIDC_PROVIDER_VERSION with npm"
    mkdir -p "$prefix"
    npm install --silent --no-audit --no-fund --prefix "$prefix" "oidc-provider@$OIDC_PROVIDER_VERSION" >/dev/null
  fi
  OIDC_PROVIDER_DIR="$prefix/node_modules/oidc-provider"
}

# oidc_start LOGFILE PORT: starts deploy/oidc-test-provider.mjs on loopback in the background (pid in OIDC_PID) and
# waits until its discovery document answers.
oidc_start() {
  local logfile="$1" port="$2"
  node "$REPO_ROOT/deploy/oidc-test-provider.mjs" "$port" "$OIDC_PROVIDER_DIR" >"$logfile" 2>&1 &
  OIDC_PID=$!
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.2
  done
  log "oidc-provider did not start (see $logfile)"
  return 1
}

# maildev_start LOGFILE SMTP_PORT WEB_PORT: starts maildev on loopback in the background (pid in MAILDEV_PID)
# and waits until its web API answers.
maildev_start() {
  local logfile="$1" smtp_port="$2" web_port="$3"
  node "$MAILDEV_JS" --ip 127.0.0.1 --smtp "$smtp_port" --web "$web_port" --web-ip 127.0.0.1 --silent >"$logfile" 2>&1 &
  MAILDEV_PID=$!
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$web_port") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null && return 0
    sleep 0.2
  done
  log "maildev did not start (see $logfile)"
  return 1
}

# redis_start DIR PORT: starts redis-server on loopback in the background (pid in REDIS_PID), in-memory only
# (rate-limit counters are worth nothing after a restart), with a password kept in DIR/password (0600), and
# waits until it answers. Sets REDIS_CONFIGURATION (StackExchange.Redis syntax).
redis_start() {
  local dir="$1" port="$2"
  mkdir -p "$dir"
  chmod 700 "$dir"
  if [ ! -f "$dir/password" ]; then
    (umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(24), end="")' > "$dir/password")
  fi
  printf 'bind 127.0.0.1\nport %s\nrequirepass %s\nsave ""\nappendonly no\ndir %s\nlogfile %s\n' \
    "$port" "$(cat "$dir/password")" "$dir" "$dir/redis.log" > "$dir/redis.conf"
  chmod 600 "$dir/redis.conf"
  redis-server "$dir/redis.conf" &
  REDIS_PID=$!
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      REDIS_CONFIGURATION="127.0.0.1:$port,password=$(cat "$dir/password")"
      export REDIS_CONFIGURATION
      return 0
    fi
    sleep 0.1
  done
  log "redis-server did not start (see $dir/redis.log)"
  return 1
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# pg_start DIR PORT: creates (first time) and starts a cluster in DIR/data owned by postgres, with a
# login role and database 'passwordmanager' whose password is kept in DIR/password (0600).
# Sets PG_CONNECTION_STRING.
pg_start() {
  local dir="$1" port="$2" bin
  bin="$(pg_bin)"
  mkdir -p "$dir"
  chown postgres:postgres "$dir"
  chmod 700 "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    log "initialising PostgreSQL cluster in $dir/data"
    runuser -u postgres -- "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  fi
  runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=${PM_POSTGRES_MAX_CONNECTIONS:-300}" start >/dev/null
  if [ ! -f "$dir/password" ]; then
    local password
    password="$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"
    runuser -u postgres -- psql -q -h "$dir" -p "$port" -U postgres -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE passwordmanager LOGIN PASSWORD '$password'" \
      -c "CREATE DATABASE passwordmanager OWNER passwordmanager" >/dev/null
    (umask 077 && printf '%s' "$password" > "$dir/password")
  fi
  PG_CONNECTION_STRING="Host=127.0.0.1;Port=$port;Database=passwordmanager;Username=passwordmanager;Password=$(cat "$dir/password")"
  export PG_CONNECTION_STRING
}

pg_stop() {
  local dir="$1" bin
  bin="$(pg_bin)"
  [ -f "$dir/data/postmaster.pid" ] || return 0
  runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
}

# pg_env_from_npgsql CONNECTION_STRING: exports PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD from an Npgsql
# connection string (Host=…;Port=…;Database=…;Username=…;Password=…), so psql, pg_dump and pg_restore reach
# the same database the API uses.
pg_env_from_npgsql() {
  local pair key value
  local IFS=';'
  for pair in $1; do
    key="${pair%%=*}"; value="${pair#*=}"
    key="$(printf '%s' "$key" | tr '[:upper:]' '[:lower:]' | tr -d ' ')"
    case "$key" in
      host|server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      database|db) export PGDATABASE="$value" ;;
      username|user|userid|"user id") export PGUSER="$value" ;;
      password) export PGPASSWORD="$value" ;;
    esac
  done
}

# instance_settings: the connection string, data folder and blob store of the instance the API would use with
# the same environment (defaults: deploy/run.sh's cluster and data folder). Sets DATA_DIR, BLOB_KIND, BLOB_PATH
# and, when ConnectionStrings__Postgres is unset, starts the run.sh cluster (STARTED_POSTGRES=1).
instance_settings() {
  DATA_DIR="${DataDirectory:-${PM_DATA_DIR:-$REPO_ROOT/.data}}"
  BLOB_KIND="${BlobStore__Kind:-FileSystem}"
  BLOB_PATH="${BlobStore__Path:-$DATA_DIR/blobs}"
  STARTED_POSTGRES=""
  if [ -z "${ConnectionStrings__Postgres:-}" ]; then
    if [ ! -f "$DATA_DIR/postgres/data/postmaster.pid" ]; then
      pg_start "$DATA_DIR/postgres" "${PM_POSTGRES_PORT:-55432}"
      STARTED_POSTGRES=1
    else
      PG_CONNECTION_STRING="Host=127.0.0.1;Port=${PM_POSTGRES_PORT:-55432};Database=passwordmanager;Username=passwordmanager;Password=$(cat "$DATA_DIR/postgres/password")"
    fi
    export ConnectionStrings__Postgres="$PG_CONNECTION_STRING"
  fi
  pg_env_from_npgsql "$ConnectionStrings__Postgres"
}

# s3_mirror SOURCE TARGET: copies every object between a local folder and the bucket (either way round) with
# MinIO's mc or the AWS CLI, whichever is installed. Endpoint and keys come from BlobStore__S3__*.
s3_mirror() {
  local source="$1" target="$2" bucket="${BlobStore__S3__Bucket:-passwordmanager}"
  local scheme=http; [ "${BlobStore__S3__UseSsl:-false}" = "true" ] && scheme=https
  local endpoint="$scheme://${BlobStore__S3__Endpoint:-127.0.0.1:9000}"
  source="${source/#s3:/pm/$bucket}"; target="${target/#s3:/pm/$bucket}"
  if command -v mc >/dev/null 2>&1; then
    MC_HOST_pm="$scheme://${BlobStore__S3__AccessKey}:${BlobStore__S3__SecretKey}@${BlobStore__S3__Endpoint:-127.0.0.1:9000}" \
      mc mirror --quiet --overwrite "$source" "$target"
  elif command -v aws >/dev/null 2>&1; then
    AWS_ACCESS_KEY_ID="$BlobStore__S3__AccessKey" AWS_SECRET_ACCESS_KEY="$BlobStore__S3__SecretKey" \
      AWS_DEFAULT_REGION="${BlobStore__S3__Region:-us-east-1}" \
      aws --endpoint-url "$endpoint" s3 sync --only-show-errors "${source/#pm\//s3://}" "${target/#pm\//s3://}"
  else
    log "S3 blob store: install MinIO's mc or the AWS CLI to mirror the bucket"
    return 1
  fi
}

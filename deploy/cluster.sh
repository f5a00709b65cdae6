#!/usr/bin/env bash
# Runs N API replicas on this machine behind HAProxy, on one PostgreSQL, one S3 endpoint and one Redis:
#   ./deploy/cluster.sh N          (N ≥ 1; default 2)
# PostgreSQL, the local CA and the server certificate are the ones deploy/run.sh uses (under the data folder), so
# the README tour works unchanged against the balancer on https://127.0.0.1:8443. HAProxy terminates TLS 1.3 with
# that certificate and opens TLS 1.3 again to every replica (each on https://127.0.0.1:<port>, checked against the
# same CA), adds X-Forwarded-For, and routes only to replicas whose /health/live answers 200. Replicas trust
# forwarded headers from 127.0.0.1 only. Blobs go to the S3 endpoint (BlobStore__S3__Endpoint, or a local s3rver
# under the data folder), mail to maildev unless Email__Smtp__Host is set, rate limits to Redis (a local
# redis-server unless Redis__Configuration is set; PM_CLUSTER_REDIS=0 leaves them per replica, ADR-0029).
# When everything is ready it prints the balancer URL on stdout and writes DATA/cluster/cluster.env (URLs, pids).
# Ctrl-C (or SIGTERM) stops the balancer, the replicas and the services it started.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=deploy/lib/common.sh
source "$REPO_ROOT/deploy/lib/common.sh"

REPLICAS="${1:-2}"
if ! [[ "$REPLICAS" =~ ^[1-9][0-9]?$ ]] || [ "$#" -gt 1 ]; then echo "usage: $0 [N]   (1 to 99 replicas)" >&2; exit 2; fi

DATA_DIR="${PM_DATA_DIR:-$REPO_ROOT/.data}"
PG_PORT="${PM_POSTGRES_PORT:-55432}"
BALANCER_PORT="${PM_BALANCER_PORT:-8443}"
REPLICA_BASE_PORT="${PM_REPLICA_BASE_PORT:-8450}"
METRICS_BASE_PORT="${PM_METRICS_BASE_PORT:-9464}"
S3_PORT="${PM_S3_PORT:-9000}"
REDIS_PORT="${PM_REDIS_PORT:-6379}"
MAIL_SMTP_PORT="${PM_MAIL_SMTP_PORT:-1025}"
MAIL_WEB_PORT="${PM_MAIL_WEB_PORT:-1080}"
BALANCER_URL="https://127.0.0.1:$BALANCER_PORT"
CLUSTER_DIR="$DATA_DIR/cluster"
mkdir -p "$CLUSTER_DIR"
chmod 755 "$DATA_DIR"
chmod 700 "$CLUSTER_DIR"

ensure_system_packages
ensure_dotnet_tools

started_postgres=""
s3_pid=""
MAILDEV_PID=""
REDIS_PID=""
haproxy_pid=""
replica_pids=()
cleanup() {
  trap - INT TERM EXIT
  if [ -n "$haproxy_pid" ]; then kill "$haproxy_pid" 2>/dev/null || true; wait "$haproxy_pid" 2>/dev/null || true; fi
  local pid
  for pid in "${replica_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${replica_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$REDIS_PID" ]; then kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; fi
  if [ -n "$s3_pid" ]; then kill "$s3_pid" 2>/dev/null || true; wait "$s3_pid" 2>/dev/null || true; fi
  if [ -n "$MAILDEV_PID" ]; then kill "$MAILDEV_PID" 2>/dev/null || true; wait "$MAILDEV_PID" 2>/dev/null || true; fi
  if [ -n "$started_postgres" ]; then log "stopping PostgreSQL"; pg_stop "$DATA_DIR/postgres"; fi
  rm -f "$CLUSTER_DIR/cluster.env"
  log "cluster stopped"
}
trap cleanup INT TERM EXIT

if [ -z "${ConnectionStrings__Postgres:-}" ]; then
  pg_start "$DATA_DIR/postgres" "$PG_PORT"
  started_postgres=1
  export ConnectionStrings__Postgres="$PG_CONNECTION_STRING"
fi
# One data folder for every replica: on one machine they share the generated server keys (JWT signing key,
# prelogin secret). Replicas on several machines must be given those secrets in configuration (docs/operations.md).
export DataDirectory="$DATA_DIR"

if [ -z "${Https__CertificatePath:-}" ]; then
  "$REPO_ROOT/deploy/tls/make-local-ca.sh" "$DATA_DIR/tls"
  export Https__CertificatePath="$DATA_DIR/tls/server.crt" Https__KeyPath="$DATA_DIR/tls/server.key"
fi
CA_FILE="${PM_CLUSTER_CA:-$DATA_DIR/tls/ca.crt}"
(umask 077 && cat "$Https__CertificatePath" "$Https__KeyPath" > "$CLUSTER_DIR/balancer.pem")

export BlobStore__Kind=S3
if [ -z "${BlobStore__S3__Endpoint:-}" ]; then
  ensure_s3rver
  mkdir -p "$DATA_DIR/s3"
  node "$S3RVER_JS" -d "$DATA_DIR/s3" -a 127.0.0.1 -p "$S3_PORT" --silent >"$DATA_DIR/s3rver.log" 2>&1 &
  s3_pid=$!
  export BlobStore__S3__Endpoint="127.0.0.1:$S3_PORT" BlobStore__S3__AccessKey=S3RVER BlobStore__S3__SecretKey=S3RVER
  log "local s3rver on 127.0.0.1:$S3_PORT, data under $DATA_DIR/s3"
fi

if [ -z "${Email__Smtp__Host:-}" ]; then
  ensure_maildev
  maildev_start "$DATA_DIR/maildev.log" "$MAIL_SMTP_PORT" "$MAIL_WEB_PORT"
  export Email__Smtp__Host=127.0.0.1 Email__Smtp__Port="$MAIL_SMTP_PORT" Email__Smtp__Security=None
  log "local mail inbox (maildev): http://127.0.0.1:$MAIL_WEB_PORT"
fi
export Email__PublicBaseUrl="${Email__PublicBaseUrl:-$BALANCER_URL}"

if [ "${PM_CLUSTER_REDIS:-1}" != "0" ] && [ -z "${Redis__Configuration:-}" ]; then
  redis_start "$CLUSTER_DIR/redis" "$REDIS_PORT"
  export Redis__Configuration="$REDIS_CONFIGURATION"
  log "local redis-server on 127.0.0.1:$REDIS_PORT (in memory only)"
fi
if [ -n "${Redis__Configuration:-}" ]; then log "rate limits: shared in Redis"; else log "rate limits: per replica (no Redis)"; fi
export ForwardedHeaders__KnownProxies__0=127.0.0.1

log "building the API"
dotnet build "$REPO_ROOT/src/Api/Api.csproj" -c Release -v quiet -nologo >/dev/null
API_DLL="$REPO_ROOT/artifacts/bin/Api/release/PasswordManager.Api.dll"
log "applying migrations (once, before any replica starts)"
dotnet "$API_DLL" migrate --contentRoot "$(dirname "$API_DLL")" >/dev/null

servers=""
replica_urls=()
metrics_urls=()
for i in $(seq 1 "$REPLICAS"); do
  port=$((REPLICA_BASE_PORT + i))
  url="https://127.0.0.1:$port"
  metrics="http://127.0.0.1:$((METRICS_BASE_PORT + i - 1))"
  dotnet "$API_DLL" --contentRoot "$(dirname "$API_DLL")" --urls "$url" --Metrics:ListenUrl "$metrics" \
    --Database:MigrateOnStartup=false >"$CLUSTER_DIR/replica-$i.log" 2>&1 &
  replica_pids+=($!)
  replica_urls+=("$url")
  metrics_urls+=("$metrics")
  servers+="    server replica-$i 127.0.0.1:$port check ssl verify required ca-file $CA_FILE verifyhost localhost sni str(localhost) ssl-min-ver TLSv1.3 alpn http/1.1"$'\n'
  log "replica $i: $url (metrics $metrics/metrics, log $CLUSTER_DIR/replica-$i.log)"
done

# When no replica can take a request, HAProxy answers like a replica would: 503 ProblemDetails with Retry-After.
body='{"type":"about:blank","title":"Service unavailable","status":503,"code":"server.unavailable","detail":"No server is available right now; retry after the delay in Retry-After."}'
printf 'HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nRetry-After: 2\r\nCache-Control: no-store\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s' \
  "${#body}" "$body" > "$CLUSTER_DIR/503.http"

cat > "$CLUSTER_DIR/haproxy.cfg" <<EOF
# Written by deploy/cluster.sh on every start; edits are lost.
global
    log stderr format raw daemon notice
    maxconn 4096
    ssl-default-bind-options ssl-min-ver TLSv1.3
    ssl-default-server-options ssl-min-ver TLSv1.3

defaults
    mode http
    log global
    option httplog
    option dontlognull
    option redispatch 1
    retries 2
    timeout connect 5s
    timeout client 5m
    timeout server 5m
    timeout http-request 30s
    timeout http-keep-alive 30s
    errorfile 503 $CLUSTER_DIR/503.http

frontend api
    bind 127.0.0.1:$BALANCER_PORT ssl crt $CLUSTER_DIR/balancer.pem ssl-min-ver TLSv1.3 alpn h2,http/1.1
    http-request del-header X-Forwarded-For
    http-request set-header X-Forwarded-Proto https
    option forwardfor
    default_backend replicas

backend replicas
    balance roundrobin
    option httpchk
    # Liveness, not readiness: every replica shares the same PostgreSQL and S3, so taking all of them out when a
    # dependency fails helps nobody; each replica answers 503 + Retry-After for what it cannot do (ADR-0030).
    http-check send meth GET uri /health/live ver HTTP/1.1 hdr Host localhost
    http-check expect status 200
    default-server inter 2s fall 2 rise 1
$servers
EOF

wait_ready() {
  local url="$1" deadline=$((SECONDS + 120))
  until curl -fsS --cacert "$CA_FILE" -o /dev/null "$url/health/ready" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then log "$url did not become ready"; return 1; fi
    sleep 0.5
  done
}
for i in $(seq 1 "$REPLICAS"); do
  kill -0 "${replica_pids[$((i - 1))]}" 2>/dev/null || { log "replica $i exited (see $CLUSTER_DIR/replica-$i.log)"; exit 1; }
  wait_ready "${replica_urls[$((i - 1))]}"
done

HAPROXY_BIN="$(command -v haproxy || echo /usr/sbin/haproxy)"
"$HAPROXY_BIN" -c -q -f "$CLUSTER_DIR/haproxy.cfg"
"$HAPROXY_BIN" -db -f "$CLUSTER_DIR/haproxy.cfg" >"$CLUSTER_DIR/haproxy.log" 2>&1 &
haproxy_pid=$!
wait_ready "$BALANCER_URL"

{
  echo "PM_CLUSTER_URL=$BALANCER_URL"
  echo "PM_CLUSTER_CA=$CA_FILE"
  echo "PM_CLUSTER_REPLICA_URLS=\"${replica_urls[*]}\""
  echo "PM_CLUSTER_REPLICA_PIDS=\"${replica_pids[*]}\""
  echo "PM_CLUSTER_METRICS_URLS=\"${metrics_urls[*]}\""
  echo "PM_CLUSTER_HAPROXY_PID=$haproxy_pid"
  echo "PM_CLUSTER_SCRIPT_PID=$$"
} > "$CLUSTER_DIR/cluster.env"
log "$REPLICAS replica(s) ready behind HAProxy; pm config server $BALANCER_URL --ca $CA_FILE; Ctrl-C stops everything"
echo "$BALANCER_URL"

# Stops when the balancer dies or a signal arrives; a replica that dies is taken out by the health check.
wait "$haproxy_pid" || true

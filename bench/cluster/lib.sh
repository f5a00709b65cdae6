# Shared set-up of bench/cluster/load.sh and bench/faults/*.sh (sourced after deploy/lib/common.sh): starts
# deploy/cluster.sh N on a throwaway data folder and free loopback ports, builds bench/Cluster.Load, and stops
# everything it started when the script exits, also on failure.

LOAD_PIDS=()
CLUSTER_PID=""

load_cleanup() {
  trap - INT TERM EXIT
  cluster_down
  local pid
  for pid in "${LOAD_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  [ -f "${WORK:-/nonexistent}/postgres/data/postmaster.pid" ] && pg_stop "$WORK/postgres"
  if [ -n "${BLOB_MOUNT:-}" ]; then umount "$BLOB_MOUNT" 2>/dev/null || true; fi
  if [ -n "${WORK:-}" ] && [ -z "${PM_KEEP_WORK:-}" ]; then rm -rf "$WORK" || true; fi
}

# Makes $WORK, builds the API and the driver; sets WORK, ARTIFACTS and LOAD_DLL.
load_prepare() {
  ensure_system_packages
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/pm-load.XXXXXX")"
  chmod 755 "$WORK"
  trap load_cleanup INT TERM EXIT
  ARTIFACTS="${ArtifactsPath:-$REPO_ROOT/artifacts}"
  # PM_LOAD_SKIP_BUILD=1 with ArtifactsPath: run already-built binaries (single_up only; deploy/cluster.sh builds).
  if [ -z "${PM_LOAD_SKIP_BUILD:-}" ]; then
    dotnet build "$REPO_ROOT/src/Api/Api.csproj" -c Release -v quiet -nologo >/dev/null
    dotnet build "$REPO_ROOT/bench/Cluster.Load/Cluster.Load.csproj" -c Release -v quiet -nologo >/dev/null
  fi
  LOAD_DLL="$ARTIFACTS/bin/Cluster.Load/release/PasswordManager.Cluster.Load.dll"
}

# The settings every replica of a load run gets: tokens that outlive the run, warnings only in the logs. Rate limits
# keep their defaults: each driver client connects from an address of its own (127.0.0.2, 127.0.0.3, …), which
# HAProxy forwards in X-Forwarded-For, as a deployment behind a proxy sees its users.
export Auth__AccessTokenLifetime=01:00:00 Logging__LogLevel__Default=Warning
# The load sends no mail; naming an SMTP host keeps deploy/cluster.sh from starting maildev (one process less on a
# busy machine, and one start-up wait less).
export Email__Smtp__Host=127.0.0.1 Email__Smtp__Port=9 Email__Smtp__Security=None

# cluster_up N NAME: deploy/cluster.sh N with its own data folder $WORK/NAME and free ports; waits for cluster.env
# and sources it (PM_CLUSTER_URL, PM_CLUSTER_CA, PM_CLUSTER_REPLICA_PIDS, ...). Sets CLUSTER_DATA.
cluster_up() {
  local replicas="$1" name="$2" base
  CLUSTER_DATA="$WORK/$name"
  mkdir -p "$CLUSTER_DATA"
  base="$(free_port)"
  CLUSTER_PG_PORT="$(free_port)"
  PM_DATA_DIR="$CLUSTER_DATA" PM_POSTGRES_PORT="$CLUSTER_PG_PORT" PM_BALANCER_PORT="$(free_port)" \
    PM_REPLICA_BASE_PORT="$base" PM_METRICS_BASE_PORT="$((base + 40))" PM_S3_PORT="${CLUSTER_S3_PORT:-$(free_port)}" \
    PM_REDIS_PORT="$(free_port)" PM_MAIL_SMTP_PORT="$(free_port)" PM_MAIL_WEB_PORT="$(free_port)" \
    "$REPO_ROOT/deploy/cluster.sh" "$replicas" >"$WORK/$name.out" 2>"$WORK/$name.log" &
  CLUSTER_PID=$!
  local deadline=$((SECONDS + 1500))
  until [ -f "$CLUSTER_DATA/cluster/cluster.env" ]; do
    if ! kill -0 "$CLUSTER_PID" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
      log "deploy/cluster.sh $replicas did not come up; its log follows"
      cat "$WORK/$name.log" >&2
      return 1
    fi
    sleep 0.5
  done
  # shellcheck disable=SC1091
  source "$CLUSTER_DATA/cluster/cluster.env"
  PG_DIR="$CLUSTER_DATA/postgres"
}

# single_up [NAME=VALUE ...]: one replica (PG_CONNECTION_SUFFIX is appended to its connection string) without a balancer, on plain HTTP, with the filesystem blob store (which
# deploy/cluster.sh does not use) and these settings; a throwaway PostgreSQL under $WORK/postgres. Sets the same
# variables as cluster_up.
single_up() {
  PG_DIR="$WORK/postgres"
  CLUSTER_PG_PORT="$(free_port)"
  pg_start "$PG_DIR" "$CLUSTER_PG_PORT"
  PM_CLUSTER_URL="http://127.0.0.1:$(free_port)"
  PM_CLUSTER_CA=""
  env ConnectionStrings__Postgres="$PG_CONNECTION_STRING${PG_CONNECTION_SUFFIX:-}" DataDirectory="$WORK/data" ASPNETCORE_ENVIRONMENT=Production "$@" \
    dotnet "$ARTIFACTS/bin/Api/release/PasswordManager.Api.dll" --urls "$PM_CLUSTER_URL" --contentRoot "$ARTIFACTS/bin/Api/release" \
    >"$WORK/api.log" 2>&1 &
  PM_CLUSTER_REPLICA_PIDS=$!
  LOAD_PIDS+=("$PM_CLUSTER_REPLICA_PIDS")
  for _ in $(seq 1 300); do curl -sf "$PM_CLUSTER_URL/health/ready" >/dev/null && return 0; sleep 0.2; done
  log "the API did not become ready; its log follows"
  cat "$WORK/api.log" >&2
  return 1
}

cluster_down() {
  [ -n "$CLUSTER_PID" ] || return 0
  kill -TERM "$CLUSTER_PID" 2>/dev/null || true
  wait "$CLUSTER_PID" 2>/dev/null || true
  CLUSTER_PID=""
}

# run_load LABEL SECONDS CLIENTS [extra driver arguments]: the driver against the running cluster; its markdown
# report goes to stdout and $WORK/LABEL.md. Returns the driver's status (non-zero when a client saw an error
# other than 503 with Retry-After).
run_load() {
  local label="$1" seconds="$2" clients="$3"
  shift 3
  local ca=()
  [ -n "${PM_CLUSTER_CA:-}" ] && ca=(--ca "$PM_CLUSTER_CA")
  local before status
  before="$(load_average)"
  dotnet "$LOAD_DLL" "$PM_CLUSTER_URL" --clients "$clients" --seconds "$seconds" "${ca[@]}" \
    --pids "$PM_CLUSTER_REPLICA_PIDS" --label "$label" "$@" | tee "$WORK/$label.md"
  status="${PIPESTATUS[0]}"
  echo "- load average (1 min) at the start of the set-up: $before; at the end of the run: $(load_average) ($(nproc) cores)" | tee -a "$WORK/$label.md"
  return "$status"
}

load_average() { cut -d ' ' -f 1 /proc/loadavg; }

# psql_cluster SQL: runs SQL on the cluster's database as the application role; prints unaligned rows.
psql_cluster() {
  PGPASSWORD="$(cat "$PG_DIR/password")" psql -qAt -h 127.0.0.1 -p "$CLUSTER_PG_PORT" -U passwordmanager -d passwordmanager -v ON_ERROR_STOP=1 "$@"
}


# pg_down / pg_up: stops PostgreSQL under the running cluster (fast shutdown: open sessions are terminated) and
# starts it again on the same port.
pg_down() { runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop >/dev/null; }
pg_up() { pg_start "$PG_DIR" "$CLUSTER_PG_PORT"; }

# lost_writes ACKS_CSV: how many acknowledged (entryId, version) pairs the database does not hold at that version
# or a later one. Each entry has one writer, so a later version can only be that writer's own next write.
lost_writes() {
  psql_cluster -c "CREATE TEMP TABLE acks(entry_id uuid, version bigint)" \
    -c "\\copy acks FROM '$1' WITH (FORMAT csv)" \
    -c "SELECT count(*) FROM acks a LEFT JOIN vault.entries e ON e.id = a.entry_id WHERE e.id IS NULL OR e.version < a.version"
}

now_ms() { date +%s%3N; }

# start_load LABEL SECONDS CLIENTS [driver arguments]: run_load in the background (pid in LOAD_PID, its status in
# $WORK/LABEL.status once it ends), so a fault script can break something while the load runs.
start_load() {
  local label="$1"
  ( set +e; run_load "$@" --ready "$WORK/$label.ready" >/dev/null; echo $? > "$WORK/$label.status" ) &
  LOAD_PID=$!
  LOAD_PIDS+=("$LOAD_PID")
}

# wait_started LABEL [LIMIT_SECONDS=900]: until the background driver has set up its accounts and begun the measured
# load; gives up (and stops the driver) after LIMIT_SECONDS, so a fault script never waits for ever on a starved machine.
wait_started() {
  local deadline=$((SECONDS + ${2:-900}))
  until [ -f "$WORK/$1.ready" ]; do
    kill -0 "$LOAD_PID" 2>/dev/null || { log "the load driver ended during its set-up"; return 1; }
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "the load driver's set-up took more than ${2:-900} s; giving up"
      kill -TERM "$LOAD_PID" 2>/dev/null || true
      return 1
    fi
    sleep 0.5
  done
}

# wait_load LABEL: waits for the background load, prints its report and returns the driver's status.
wait_load() {
  wait "$LOAD_PID" || true
  cat "$WORK/$1.md"
  return "$(cat "$WORK/$1.status")"
}

# recovery_report FAULT_END_MS: the driver's last failure relative to the moment the fault ended.
recovery_report() {
  local fault_end="$1" last
  last="$(grep -o 'unix ms [0-9]* \.\. [0-9]*' "$WORK/$LABEL.md" | awk '{print $5}')"
  if [ -z "$last" ]; then echo "- clients saw no failure at all"; return; fi
  echo "- recovery: last failed request $(( last - fault_end )) ms after the fault ended"
}

# failure_timeline FAULT_START_MS: every second of $WORK/timeline.csv in which a client saw a failure, relative to the
# moment the fault began (negative: before it).
failure_timeline() {
  local start_s=$(( $1 / 1000 ))
  echo "- seconds with failures (relative to the fault; successes / 503 / other HTTP / transport / 507):"
  awk -F, -v s="$start_s" '($3 + $4 + $5 + $6) > 0 { printf "  %+d s: %d / %d / %d / %d / %d\n", $1 - s, $2, $3, $4, $5, $6 }' "$WORK/timeline.csv"
}

# blob_check STORED_KEYS: compares the blob store's object keys (one per line in the file) with the metadata. Prints
# the number of metadata rows naming a blob the store lacks (must be 0), of stored blobs nothing references and no
# garbage row tracks (must be 0), and of garbage rows already due (0 once the collector has run).
blob_check() {
  psql_cluster -F ' ' -c "CREATE TEMP TABLE stored(blob_key text)" \
    -c "\\copy stored FROM '$1'" \
    -c "CREATE TEMP VIEW referenced AS
          SELECT blob_key FROM vault.entries WHERE blob_key IS NOT NULL
          UNION SELECT blob_key FROM vault.entry_versions WHERE blob_key IS NOT NULL
          UNION SELECT blob_key FROM vault.attachments WHERE blob_key IS NOT NULL
          UNION SELECT blob_key FROM vault.rekey_staged_entries WHERE blob_key IS NOT NULL
          UNION SELECT blob_key FROM vault.rekey_staged_attachments WHERE blob_key IS NOT NULL" \
    -c "SELECT (SELECT count(*) FROM referenced r WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE s.blob_key = r.blob_key)),
               (SELECT count(*) FROM stored s WHERE NOT EXISTS (SELECT 1 FROM referenced r WHERE r.blob_key = s.blob_key)
                                               AND NOT EXISTS (SELECT 1 FROM vault.blob_garbage g WHERE g.blob_key = s.blob_key)),
               (SELECT count(*) FROM vault.blob_garbage WHERE not_before <= now()),
               (SELECT count(*) FROM referenced)"
}

# blob_report STORED_KEYS: blob_check as report lines; returns non-zero on a dangling reference or an untracked blob.
blob_report() {
  local dangling untracked due referenced
  read -r dangling untracked due referenced < <(blob_check "$1" | tail -n 1)
  echo "- blobs: $referenced referenced by metadata, $(wc -l < "$1") in the store; metadata naming a missing blob: $dangling;"
  echo "  stored blobs neither referenced nor tracked for collection: $untracked; garbage rows still due: $due"
  [ "$dangling" = "0" ] && [ "$untracked" = "0" ]
}

# Shared set-up of the benchmarks in bench/ (sourced after deploy/lib/common.sh): a throwaway PostgreSQL and
# the Release API on free loopback ports, with the appsettings.json shipped next to the dll; every process it
# started is stopped when the script exits, also on failure.

BENCH_PIDS=()

bench_cleanup() {
  trap - INT TERM EXIT
  local pid
  for pid in "${BENCH_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ -n "${WORK:-}" ]; then pg_stop "$WORK/postgres" || true; rm -rf "$WORK" || true; fi
}

# Installs what is missing, makes $WORK, starts PostgreSQL and builds the API; sets WORK and ARTIFACTS.
bench_prepare() {
  ensure_system_packages
  WORK="$(mktemp -d /tmp/pm-bench.XXXXXX)"
  chmod 755 "$WORK"
  trap bench_cleanup INT TERM EXIT
  pg_start "$WORK/postgres" "$(free_port)"
  ARTIFACTS="${ArtifactsPath:-$REPO_ROOT/artifacts}"
  dotnet build "$REPO_ROOT/src/Api/Api.csproj" -c Release -v quiet -nologo >/dev/null
}

# bench_start_api [NAME=VALUE ...]: starts the API with these settings on top of the shipped configuration and
# waits until it is ready; sets URL and API_PID.
bench_start_api() {
  URL="http://127.0.0.1:$(free_port)"
  env ConnectionStrings__Postgres="$PG_CONNECTION_STRING" DataDirectory="$WORK/data" ASPNETCORE_ENVIRONMENT=Production \
    RateLimiting__CredentialRequestsPerMinute=100000000 "$@" \
    dotnet "$ARTIFACTS/bin/Api/release/PasswordManager.Api.dll" --urls "$URL" --contentRoot "$ARTIFACTS/bin/Api/release" \
    >"$WORK/api.log" 2>&1 &
  API_PID=$!
  BENCH_PIDS+=("$API_PID")
  for _ in $(seq 1 150); do curl -sf "$URL/health/ready" >/dev/null && return 0; sleep 0.2; done
  echo "The API did not become ready; its log follows." >&2
  cat "$WORK/api.log" >&2
  return 1
}

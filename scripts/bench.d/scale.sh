# scripts/bench scale [--duration S] [--instances K] [--connections N] [--pool P] [--pooler-size B]
# The seed's wound at scale: PostgreSQL with max_connections=20, PgBouncer (Debian `pgbouncer`, transaction pooling,
# server pool B = 15) in front, K = 4 server instances (DB_INSTANCES=K, DB_POOL_SIZE=P = 10, each a client of the
# pooler), and N = 2,000 concurrent wrk connections spread over the instances, one device each: 90% realistic
# heartbeats (heartbeat_fleet.lua), 10% 1,000-event backlog batches. Then the same load against ONE instance (same pooler) for
# comparison. Reported: requests/s and p99 per kind, non-2xx, SQLSTATE 53300 / "too many connections" in any log
# (servers, pooler, PostgreSQL), the peak of pg_stat_activity for our application_name and in total (sampled every
# 0.2 s), `doctor`'s verdict, RSS per instance, and every acknowledged event counted back.
# Needs root for apt-get (pgbouncer, wrk) the first time. Sourced by scripts/bench.
duration=30; instances=4; connections=2000; pool=10; pooler_size=15
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --instances) instances=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --pool) pool=$2; shift 2 ;;
    --pooler-size) pooler_size=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in wrk pgbouncer; do
  command -v $tool >/dev/null || [ -x /usr/sbin/$tool ] || { [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $tool >/dev/null; } \
    || { echo "needs $tool (apt-get install $tool)"; exit 1; }
done
pgbouncer_bin=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)
source scripts/bench.d/lib.sh
ulimit -n 65536 2>/dev/null || true

# PostgreSQL with 20 connections, then PgBouncer as the postgres user (it refuses to run as root) in its own directory.
pg=$(mktemp -d /tmp/pt-bench-pg.XXXXXX); pgdirs+=("$pg")
pg_url=$(PG_MAX_CONNECTIONS=20 scripts/postgres start "$pg")
pg_port=$(cat "$pg/.port")
pgb=$(mktemp -d /tmp/pt-bench-pgb.XXXXXX); chmod 755 "$pgb"
pgb_port=$(free_port)
cat > "$pgb/pgbouncer.ini" <<EOF
[databases]
postgres = host=127.0.0.1 port=$pg_port user=postgres dbname=postgres
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $pgb_port
unix_socket_dir =
auth_type = trust
auth_file = $pgb/users.txt
pool_mode = transaction
default_pool_size = $pooler_size
max_db_connections = $pooler_size
reserve_pool_size = 0
max_client_conn = 1000
logfile = $pgb/pgbouncer.log
pidfile = $pgb/pgbouncer.pid
EOF
echo '"postgres" ""' > "$pgb/users.txt"
[ "$(id -u)" = 0 ] && chown -R postgres "$pgb"
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
as_postgres "$pgbouncer_bin -d '$pgb/pgbouncer.ini'"
stop_pgbouncer() { [ -f "$pgb/pgbouncer.pid" ] && kill "$(cat "$pgb/pgbouncer.pid")" 2>/dev/null || true; }
trap 'stop_pgbouncer; cleanup' EXIT
for _ in $(seq 1 50); do psql "postgres://postgres@127.0.0.1:$pgb_port/postgres?sslmode=disable" -Atc 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.1; done
db_url="postgres://postgres@127.0.0.1:$pgb_port/postgres?sslmode=disable"
app=pt-scale
env_for() { # PORT → env array for one instance behind the pooler
  env=(TRACKER_PORT="$1" TRACKER_BCRYPT_COST=4 TRACKER_LOG_LEVEL=warning DATABASE_URL="$db_url" DB_POOL_SIZE="$pool"
       DB_INSTANCES="$instances" DB_POOLER_SERVER_CONNECTIONS="$pooler_size" DB_APPLICATION_NAME="$app"
       DB_ACQUIRE_TIMEOUT=10 DB_MAX_WAITERS=4000 TRACKER_INGEST_BACKFILL_DAYS=365
       TRACKER_JWT_SECRET="bench-secret-bench-secret-bench-secret" TRACKER_MIGRATE_ON_START=true)
}
env_for "$(free_port)"
echo "bench-admin-password" | env "${env[@]}" "$bin" admin create --email bench@example.com --password-stdin > /dev/null 2>&1

# Peak connections on the server, sampled directly (not through the pooler) as a superuser (reserved slots).
sample_connections() {
  while true; do
    psql "$pg_url" -Atc "SELECT count(*) FILTER (WHERE application_name = '$app'), count(*) FILTER (WHERE backend_type = 'client backend') FROM pg_stat_activity" 2>/dev/null
    sleep 0.2
  done > "$work/connections-$1"
}
stored_events() { # PORT ADMIN_TOKEN
  local body; body=$(curl -s "http://127.0.0.1:$1/api/cache/status" -H "Authorization: Bearer $2")
  python3 -c 'import json,sys; print(json.loads(sys.argv[1])["events"])' "$body" || { echo "cache status: $body" >&2; return 1; }
}
rss_kb() { awk '/VmHWM/ {print $2}' "/proc/$1/status"; }

# run_load LABEL K → starts K instances, drives the load, reports, stops them.
run_load() {
  local label=$1 k=$2 i ports=() spids=()
  for i in $(seq 1 "$k"); do
    local port; port=$(free_port); ports+=("$port")
    env_for "$port"
    env "${env[@]}" "$bin" serve > "$work/$label-server-$i.log" 2>&1 &
    spids+=($!); pids+=($!)
  done
  for port in "${ports[@]}"; do wait_http "http://127.0.0.1:$port/health/ready" 600; done
  # One device per connection, as a fleet of agents: heartbeat threads drive 10 devices each over 10 connections
  # (heartbeat_fleet.lua), batch connections each upload their own device's backlog (batch.lua).
  local per=$((connections / k)) hb_conns batch_conns hb_threads
  batch_conns=$((per / 10)); hb_conns=$((per - batch_conns)); hb_threads=$(( hb_conns / 10 > 0 ? hb_conns / 10 : 1 ))
  local hb_devices=$((hb_threads * 10))
  python3 "$BENCH_DIR/setup.py" "http://127.0.0.1:${ports[0]}" bench@example.com bench-admin-password \
    $((k * (hb_devices + batch_conns))) > "$work/$label-tokens"
  local admin before
  admin=$(curl -s -X POST "http://127.0.0.1:${ports[0]}/api/admin/login" -H 'Content-Type: application/json' \
    -d '{"email":"bench@example.com","password":"bench-admin-password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
  before=$(stored_events "${ports[0]}" "$admin")
  sample_connections "$label" & local sampler=$!
  local wrks=()
  for i in $(seq 1 "$k"); do
    sed -n "$(( (i - 1) * hb_devices + 1 )),$(( i * hb_devices ))p" "$work/$label-tokens" > "$work/$label-tokens-hb-$i"
    sed -n "$(( k * hb_devices + (i - 1) * batch_conns + 1 )),$(( k * hb_devices + i * batch_conns ))p" "$work/$label-tokens" \
      > "$work/$label-tokens-batch-$i"
    BENCH_TOKENS="$work/$label-tokens-hb-$i" BENCH_DEVICES_PER_THREAD=10 BENCH_SIM_AGO=$(( duration * 40 + 3600 )) \
      wrk -t"$hb_threads" -c"$hb_conns" -d"${duration}s" --timeout 30s --latency -s "$BENCH_DIR/heartbeat_fleet.lua" \
      "http://127.0.0.1:${ports[$((i - 1))]}" > "$work/$label-hb-$i.wrk" 2>&1 & wrks+=($!)
    BENCH_TOKENS="$work/$label-tokens-batch-$i" \
      wrk -t2 -c"$batch_conns" -d"${duration}s" --timeout 30s --latency -s "$BENCH_DIR/batch.lua" \
      "http://127.0.0.1:${ports[$((i - 1))]}" > "$work/$label-batch-$i.wrk" 2>&1 & wrks+=($!)
  done
  wait "${wrks[@]}" || true
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  local rss=() 
  for p in "${spids[@]}"; do rss+=("$(( $(rss_kb "$p") / 1024 ))"); done
  env_for "$(free_port)"
  env "${env[@]}" "$bin" doctor > "$work/$label-doctor" 2>&1 || true
  # Every acknowledged event must be stored: batch events plus heartbeats answered "merged": false.
  local after; after=$(stored_events "${ports[0]}" "$admin")
  for p in "${spids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${spids[@]}"; do wait "$p" 2>/dev/null || true; done
  python3 "$BENCH_DIR/scale_report.py" "$work" "$label" "$k" "$before" "$after" "${rss[*]}"
}

echo "== $instances instances × pool $pool → PgBouncer (transaction, $pooler_size server connections) → PostgreSQL max_connections=20"
echo "   $connections wrk connections, ${duration}s; then one instance with the same load"
run_load many "$instances"
run_load one 1
{
  echo "# scripts/bench scale, $(date -u +%FT%TZ), ${duration}s, $connections connections, $(nproc) cores, git $(git rev-parse --short HEAD)"
  cat "$work/many-report" "$work/one-report"
  echo "errors in logs (SQLSTATE 53300 / too many connections): servers $(cat "$work"/*-server-*.log | grep -ciE '53300|too many connections' || true)," \
    "pgbouncer $(grep -ciE '53300|too many connections' "$pgb/pgbouncer.log" || true), postgresql $(grep -ciE '53300|too many connections' "$pg/server.log" || true)"
  echo "doctor ($instances instances): $(grep -i 'connection budget' "$work/many-doctor" | head -1)"
} | tee -a .build-bench/results.txt

# scripts/bench ingest [--engine sqlite|postgres|both] [--duration S] [--compare-activitywatch]
# Cases, in this order (each in its own stretch of simulated time, so none disturbs the next):
#   hb1, hb8          realistic heartbeats from 1 / 8 devices (realistic.lua: one per simulated second, the window
#                     changing with probability 0.1, pulsetime=2 — as ActivityWatch's window watcher sends them)
#   merge1, merge8    merge-only heartbeats (one unchanging window at the real clock: every beat extends one event)
#   batch1, batch4    1,000-event backlog batches from 1 / 4 agents, each request in another device-hour
#   awhb1, awhb8      ours only: the realistic heartbeats through ActivityWatch's API (/api/0/buckets/…/heartbeat,
#                     the scripts aw-server gets), from 8 other devices with a window bucket each
# For each: requests/s, p50/p99, server CPU per request (utime+stime of the server process from /proc/PID/stat
# around the case, so the load generator sharing the cores does not count) and, for batches, per event. Afterwards:
# bytes stored per event, and every acknowledged event counted back (batch events + heartbeats that did not merge).
# --compare-activitywatch runs the same cases against aw-server 0.12.0 in the same run, with ratios.
# Sourced by scripts/bench.
engines=both; duration=10; compare=0
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) engines=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --compare-activitywatch) compare=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$engines" = both ] && engines="sqlite postgres"

command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || { echo "needs wrk (apt-get install wrk)"; exit 1; }
source scripts/bench.d/lib.sh
# Simulated time per realistic case: up to 3,000 beats per second per device for the whole case.
span=$((duration * 3000 + 3600))

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# run_case NAME PID CONNECTIONS SCRIPT URL [SIM_AGO] → prints the BENCH line (with cpu_ms), stores it in $work/NAME
run_case() {
  local name=$1 pid=$2 conns=$3 script=$4 url=$5 ago=${6:-0}
  local before; before=$(cpu_ticks "$pid")
  BENCH_SIM_AGO=$ago wrk -t"$conns" -c"$conns" -d"${duration}s" --latency -s "$BENCH_DIR/$script" "$url" > "$work/$name.wrk" 2>&1 || true
  local after; after=$(cpu_ticks "$pid")
  local line; line=$(grep '^BENCH' "$work/$name.wrk" || echo "BENCH requests=0 seconds=1 p50_ms=0 p99_ms=0 acknowledged=0 inserted=0 failures=1")
  line="$line cpu_ms=$(( (after - before) * 1000 / $(getconf CLK_TCK) ))"
  echo "$line" > "$work/$name"
  echo "  $name: $line"
}
field() { sed -n "s/.* $2=\([0-9.]*\).*/\1/p" "$work/$1"; }

run_cases() { # PREFIX PID URL HB_SCRIPT MERGE_SCRIPT BATCH_SCRIPT
  run_case "$1-hb1" "$2" 1 "$4" "$3" $((2 * span))
  run_case "$1-hb8" "$2" 8 "$4" "$3" "$span"
  run_case "$1-merge1" "$2" 1 "$5" "$3"
  run_case "$1-merge8" "$2" 8 "$5" "$3"
  run_case "$1-batch1" "$2" 1 "$6" "$3"
  run_case "$1-batch4" "$2" 4 "$6" "$3"
}

bench_ours() {
  local engine=$1 port; port=$(free_port)
  local url=""
  [ "$engine" = postgres ] && url=$(new_postgres)
  engine_env "$engine" "$port" "$url"
  echo "bench-admin-password" | env "${env[@]}" "$bin" admin create --email bench@example.com --password-stdin > /dev/null 2>&1
  env "${env[@]}" "$bin" serve > "$work/$engine.log" 2>&1 &
  local pid=$!; pids+=($pid)
  wait_http "http://127.0.0.1:$port/health/live"
  python3 "$BENCH_DIR/setup.py" "http://127.0.0.1:$port" bench@example.com bench-admin-password 8 > "$work/tokens-$engine"
  export BENCH_TOKENS="$work/tokens-$engine"
  echo "== productivity-tracker on $engine (release, port $port)"
  run_cases "$engine" "$pid" "http://127.0.0.1:$port" heartbeat_realistic.lua heartbeat.lua batch.lua
  python3 "$BENCH_DIR/setup.py" "http://127.0.0.1:$port" bench@example.com bench-admin-password 8 --aw-buckets > "$work/tokens-$engine-aw"
  export BENCH_TOKENS="$work/tokens-$engine-aw"
  run_case "$engine-awhb1" "$pid" 1 aw_heartbeat_realistic.lua "http://127.0.0.1:$port" $((2 * span))
  run_case "$engine-awhb8" "$pid" 8 aw_heartbeat_realistic.lua "http://127.0.0.1:$port" "$span"
  # Every acknowledged event must be in the database: batch events plus heartbeats answered "merged": false.
  local admin; admin=$(curl -s -X POST "http://127.0.0.1:$port/api/admin/login" -H 'Content-Type: application/json' \
    -d '{"email":"bench@example.com","password":"bench-admin-password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
  local stored; stored=$(curl -s "http://127.0.0.1:$port/api/cache/status" -H "Authorization: Bearer $admin" | python3 -c 'import json,sys; print(json.load(sys.stdin)["events"])')
  local acked=0 c
  for c in batch1 batch4; do acked=$((acked + $(field "$engine-$c" acknowledged))); done
  for c in hb1 hb8 merge1 merge8; do acked=$((acked + $(field "$engine-$c" inserted))); done
  echo "  events acknowledged as new $acked, stored $stored"
  [ "$stored" -ge "$acked" ] || { echo "  LOST ACKNOWLEDGED EVENTS"; exit 1; }
  kill "$pid"; wait "$pid" 2>/dev/null || true
  python3 "$BENCH_DIR/storage.py" "$engine" "${url:-$work/$engine/tracker.sqlite}" > "$work/$engine-storage"
  echo "  storage: $(cat "$work/$engine-storage")"
}

bench_aw() {
  start_aw
  local port=$aw_port
  python3 "$BENCH_DIR/setup.py" --aw "http://127.0.0.1:$port" 8 > "$work/tokens-aw"
  export BENCH_TOKENS="$work/tokens-aw"
  echo "== ActivityWatch aw-server 0.12.0 (port $port, pid $aw_pid)"
  run_cases aw "$aw_pid" "http://127.0.0.1:$port" aw_heartbeat_realistic.lua aw_heartbeat.lua aw_batch.lua
  kill "$aw_pid"; wait "$aw_pid" 2>/dev/null || true
  python3 "$BENCH_DIR/storage.py" aw "$(find "$work/aw" -name '*.db' | head -1)" > "$work/aw-storage"
  echo "  storage: $(cat "$work/aw-storage")"
}

for engine in $engines; do bench_ours "$engine"; done
[ $compare = 1 ] && bench_aw

{
  echo "# scripts/bench ingest, $(date -u +%FT%TZ), ${duration}s per case, $(nproc) cores, git $(git rev-parse --short HEAD)"
  python3 "$BENCH_DIR/ingest_report.py" "$work" $engines $([ $compare = 1 ] && echo aw)
} | tee -a .build-bench/results.txt

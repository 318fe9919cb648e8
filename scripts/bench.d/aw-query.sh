# scripts/bench aw-query [--engine sqlite|postgres|both] [--days 30] [--per-day 400] [--runs 20] [--aw-runs 5]
# ActivityWatch's query language on the same data in both servers, in one run: one person's DAYS days of window
# events (PER_DAY a day, about 12,000 for 30 days: apps and titles changing, browser windows with their tabs, an AFK
# bucket with lunch breaks) loaded through /api/0 into aw-server 0.12.0 and into ours (release); then three queries
# over the whole span — merge-by-app (what the analytics bench times), aw-webui's full activity query (window + AFK
# + browser, categorized) as one period, and the same as one period per day — each timed RUNS times (aw-server
# AW_RUNS times): p50, p99, and server CPU per query (utime+stime of the server process around the runs).
# Sourced by scripts/bench.
engines=sqlite; days=30; per_day=400; runs=20; aw_runs=5
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) engines=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --per-day) per_day=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --aw-runs) aw_runs=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$engines" = both ] && engines="sqlite postgres"
source scripts/bench.d/lib.sh
results="$work/results.jsonl"; : > "$results"
python3 "$BENCH_DIR/aw_query.py" generate "$days" "$per_day" "$work/events.json"

for engine in $engines; do
  port=$(free_port); url=""
  [ "$engine" = postgres ] && url=$(new_postgres)
  engine_env "$engine" "$port" "$url"
  env+=(TRACKER_INGEST_BACKFILL_DAYS=$((days + 5)) TRACKER_RETENTION_RAW_DAYS=$((days + 400)))
  echo "bench-admin-password" | env "${env[@]}" "$bin" admin create --email bench@example.com --password-stdin > /dev/null 2>&1
  env "${env[@]}" "$bin" serve > "$work/$engine.log" 2>&1 &
  pid=$!; pids+=($pid)
  wait_http "http://127.0.0.1:$port/health/live"
  token=$(python3 "$BENCH_DIR/setup.py" "http://127.0.0.1:$port" bench@example.com bench-admin-password 1)
  echo "== productivity-tracker on $engine (release, port $port)"
  python3 "$BENCH_DIR/aw_query.py" run "http://127.0.0.1:$port" "$token" "$work/events.json" "$engine" "$pid" "$runs" | tee -a "$results"
done
start_aw
echo "== aw-server 0.12.0 (port $aw_port)"
python3 "$BENCH_DIR/aw_query.py" run "http://127.0.0.1:$aw_port" aw "$work/events.json" aw-server "$aw_pid" "$aw_runs" | tee -a "$results"

{
  echo "# scripts/bench aw-query, $(date -u +%FT%TZ), $days days × $per_day events, $(nproc) cores, git $(git rev-parse --short HEAD)"
  python3 "$BENCH_DIR/aw_query.py" report "$results"
} | tee -a .build-bench/results.txt

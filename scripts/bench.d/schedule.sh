# scripts/bench schedule [--engine sqlite|postgres|both] [--sizes "1000 100"] [--days 28] [--duration S] [--keep DIR]
# For each engine and size: generate the demo organisation (size people × days, seed 1, with its published schedule:
# an office per team, weekday shifts people mostly follow, open shifts), serve it (release), and measure p50/p99 and
# server CPU per request of a team week view, an organisation day view, and 30-day team and organisation attendance
# (one client, sequential requests, S seconds each). Prints the largest/smallest latency ratio per case (history and
# organisation grow; a team's cost should not). Sourced by scripts/bench.
engines=sqlite; sizes="1000 100"; days=28; duration=10; keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) engines=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --keep) keep=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$engines" = both ] && engines="sqlite postgres"
source scripts/bench.d/lib.sh
results="$work/results.jsonl"; : > "$results"

bench_size() {
  local engine=$1 size=$2 port url="" data
  port=$(free_port)
  data=${keep:-$work}/schedule-$engine-$size-d$days-$(date -u +%F)
  if [ "$engine" = postgres ]; then
    if [ -n "$keep" ]; then pgkeep+=("$data"); url=$(scripts/postgres start "$data"); else url=$(new_postgres); fi
  fi
  engine_env "$engine" "$port" "$url"
  env+=(TRACKER_SQLITE_PATH="$data/tracker.sqlite")
  echo "== $engine, $size people × $days days"
  if [ ! -f "$data/generated" ]; then
    mkdir -p "$data"
    env "${env[@]}" "$bin" demo --employees "$size" --days "$days" --seed 1 --parallelism 4 | tee "$work/gen-$engine-$size"
    grep '^Generated' "$work/gen-$engine-$size" > "$data/generated"
  fi
  env "${env[@]}" "$bin" serve > "$work/serve-$engine-$size.log" 2>&1 &
  local server=$!
  pids+=($server)
  wait_http "http://127.0.0.1:$port/health/ready" 6000
  python3 "$BENCH_DIR/schedule.py" "http://127.0.0.1:$port" "$engine-$size" "$duration" "$server" | tee -a "$results"
  kill "$server"; wait "$server" 2>/dev/null || true
  [ "$engine" = postgres ] && [ -n "$keep" ] && scripts/postgres stop "$data"
  return 0
}

for engine in $engines; do
  for size in $sizes; do bench_size "$engine" "$size"; done
done
python3 "$BENCH_DIR/schedule_report.py" "$results" "$sizes" | tee -a .build-bench/results.txt

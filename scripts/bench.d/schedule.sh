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
  local engine=$1 size=$2
  serve_demo "$engine" "$size" "$days" "schedule-"
  python3 "$BENCH_DIR/schedule.py" "http://127.0.0.1:$port" "$engine-$size" "$duration" "$server" | tee -a "$results"
  stop_demo "$engine"
}

for engine in $engines; do
  for size in $sizes; do bench_size "$engine" "$size"; done
done
python3 "$BENCH_DIR/schedule_report.py" "$results" "$sizes" | tee -a .build-bench/results.txt

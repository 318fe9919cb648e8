# scripts/bench analytics [--engine sqlite|postgres|both] [--sizes "1000 100"] [--days 30] [--duration S]
#                         [--keep DIR] [--compare-activitywatch]
# For each engine and size: generate the demo organisation (size people × days, seed 1) with the demo generator
# (its events/s reported), serve it (release), and measure p50/p99 of a 30-day team dashboard, a 90-day team trend,
# 30-day team metrics and a 30-day single-employee summary (one client, sequential requests, S seconds each).
# Prints the largest/smallest latency ratio per case. --keep DIR keeps the generated databases there and reuses
# them on later runs (same day). --compare-activitywatch loads one demo employee's 30 days of events into aw-server
# and times query2 merge-by-app over them against our employee summary. Sourced by scripts/bench.
engines=both; sizes="1000 100"; days=30; duration=10; keep=""; compare=0
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) engines=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --keep) keep=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
    --compare-activitywatch) compare=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$engines" = both ] && engines="sqlite postgres"
source scripts/bench.d/lib.sh
results="$work/results.jsonl"; : > "$results"

bench_size() {
  local engine=$1 size=$2
  serve_demo "$engine" "$size" "$days" ""
  python3 - "$engine" "$size" "$data/generated" >> "$results" <<'PY'
import json, re, sys
line = open(sys.argv[3]).read()
events, seconds, rate = re.search(r": (\d+) events, .* in ([0-9.]+) s \(([0-9]+) events/s\)", line).groups()
print(json.dumps({"label": f"{sys.argv[1]}-{sys.argv[2]}", "case": "generator", "events": int(events), "seconds": float(seconds), "events_per_s": int(rate)}))
PY
  python3 "$BENCH_DIR/analytics.py" "http://127.0.0.1:$port" "$engine-$size" "$duration" | tee -a "$results"
  if [ $compare = 1 ] && [ ! -f "$work/aw-events.json" ]; then
    echo "   exporting one employee's 30 days for aw-server: $(python3 "$BENCH_DIR/analytics.py" --export "http://127.0.0.1:$port" "$work/aw-events.json") events"
  fi
  stop_demo "$engine"
}

for engine in $engines; do
  for size in $sizes; do bench_size "$engine" "$size"; done
done
if [ $compare = 1 ]; then
  start_aw
  echo "== aw-server 0.12.0: query2 merge-by-app over one person's 30 days"
  python3 "$BENCH_DIR/analytics.py" --aw "http://127.0.0.1:$aw_port" "$work/aw-events.json" 5 | tee -a "$results"
fi

python3 "$BENCH_DIR/analytics_report.py" "$results" "$sizes" | tee -a .build-bench/results.txt

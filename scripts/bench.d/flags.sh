# scripts/bench flags [--engine sqlite|postgres] [--size 1000] [--days 30] [--duration 60] [--keep DIR]
# Does evaluation of derived data keep up? On the demo organisation (SIZE people × DAYS days, seed 1, with its
# schedule), served by a release server with flags on:
#   initial      the first evaluation of every generated person-day (what a server does after an import)
#   flags-30d    POST /api/flags/evaluate for the whole organisation's last 30 days, until the queue is empty
#   points-30d   gamification turned on (which scores the last 30 days), until its queue is empty
#   delay        realistic heartbeats from 8 agents (wrk, realistic.lua: the window changes, the hours move; every
#                beat rewrites rollups and so marks person-days) while probes, one after another, send an unproductive
#                hour and a half for a demo person's last Sunday and time until its unproductive_share flag shows in
#                GET /api/flags: p50/p99/max of that delay, with the heartbeats' throughput, p99 and server CPU per
#                request in the same stretch.
# Sourced by scripts/bench.
engine=sqlite; size=1000; days=30; duration=60; keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) engine=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --keep) keep=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || { echo "needs wrk (apt-get install wrk)"; exit 1; }
source scripts/bench.d/lib.sh
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

serve_demo "$engine" "$size" "$days" "flags-"
base="http://127.0.0.1:$port"
python3 "$BENCH_DIR/flags.py" evaluate "$base" "$server" | tee "$work/evaluate"
python3 "$BENCH_DIR/setup.py" "$base" admin@demo.example demo-password-1 8 > "$work/tokens"
export BENCH_TOKENS="$work/tokens"
before=$(cpu_ticks "$server")
BENCH_SIM_AGO=$((duration * 3000 + 3600)) wrk -t8 -c8 -d"${duration}s" --latency -s "$BENCH_DIR/heartbeat_realistic.lua" "$base" > "$work/wrk" 2>&1 &
wrk_pid=$!; pids+=($wrk_pid)
python3 "$BENCH_DIR/flags.py" delay "$base" "$server" "$duration" | tee "$work/delay"
wait "$wrk_pid" || true
after=$(cpu_ticks "$server")
load=$(grep '^BENCH' "$work/wrk" || echo "BENCH requests=0 seconds=1 p50_ms=0 p99_ms=0")
stop_demo "$engine"
{
  echo "# scripts/bench flags, $(date -u +%FT%TZ), $engine, $size people × $days days, ${duration}s of load, $(nproc) cores, git $(git rev-parse --short HEAD)"
  cat "$work/evaluate"
  python3 - "$load" "$(( (after - before) * 1000 / $(getconf CLK_TCK) ))" "$work/delay" <<'PY'
import sys
fields = dict(kv.split("=") for kv in sys.argv[1].split()[1:])
requests, seconds, cpu = float(fields["requests"]), float(fields["seconds"]), int(sys.argv[2])
delay = open(sys.argv[3]).read().strip().splitlines()[-1]
print(f"  during the probes: {requests / seconds:.0f} heartbeats/s, p50 {fields['p50_ms']} ms, p99 {fields['p99_ms']} ms, "
      f"server CPU {cpu / max(requests, 1):.2f} ms per heartbeat (evaluation included)")
print("  " + delay)
PY
} | tee -a .build-bench/results.txt

# scripts/bench ingest [--engine sqlite|postgres|both] [--duration S] [--compare-activitywatch]
# Heartbeats (1 and 8 concurrent devices: requests/s, p50/p99) and 1,000-event batches (events/s), each response
# checked (non-2xx counted) and every acknowledged event counted back from the database afterwards.
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

# run_wrk NAME CONNECTIONS SCRIPT URL → prints the BENCH line, stores it in $work/NAME
run_wrk() {
  local name=$1 conns=$2 script=$3 url=$4
  wrk -t"$conns" -c"$conns" -d"${duration}s" --latency -s "$BENCH_DIR/$script" "$url" > "$work/$name.wrk" 2>&1 || true
  local line; line=$(grep '^BENCH' "$work/$name.wrk" || echo "BENCH requests=0 seconds=1 p50_ms=0 p99_ms=0 acknowledged=0 failures=1")
  echo "$line" > "$work/$name"
  echo "  $name: $line"
}
field() { sed -n "s/.*$2=\([0-9.]*\).*/\1/p" "$work/$1"; }
rate() { python3 -c "print(round($(field "$1" requests)/$(field "$1" seconds), 1))"; }

bench_ours() {
  local engine=$1 port; port=$(free_port)
  local url=""
  [ "$engine" = postgres ] && url=$(new_postgres)
  engine_env "$engine" "$port" "$url"
  echo "bench-admin-password" | env "${env[@]}" "$bin" admin create --email bench@example.com --password-stdin > /dev/null 2>&1
  env "${env[@]}" "$bin" serve > "$work/$engine.log" 2>&1 &
  pids+=($!)
  wait_http "http://127.0.0.1:$port/health/live"
  python3 "$BENCH_DIR/setup.py" "http://127.0.0.1:$port" bench@example.com bench-admin-password 8 > "$work/tokens-$engine"
  export BENCH_TOKENS="$work/tokens-$engine"
  echo "== productivity-tracker on $engine (release, port $port)"
  run_wrk "$engine-hb1" 1 heartbeat.lua "http://127.0.0.1:$port"
  run_wrk "$engine-hb8" 8 heartbeat.lua "http://127.0.0.1:$port"
  run_wrk "$engine-batch" 2 batch.lua "http://127.0.0.1:$port"
  # Every acknowledged event must be in the database.
  local admin; admin=$(curl -s -X POST "http://127.0.0.1:$port/api/admin/login" -H 'Content-Type: application/json' \
    -d '{"email":"bench@example.com","password":"bench-admin-password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
  local stored; stored=$(curl -s "http://127.0.0.1:$port/api/cache/status" -H "Authorization: Bearer $admin" | python3 -c 'import json,sys; print(json.load(sys.stdin)["events"])')
  local acked; acked=$(field "$engine-batch" acknowledged)
  echo "  batch events acknowledged $acked, batch+heartbeat events stored $stored"
  python3 -c "import sys; sys.exit(0 if $stored >= $acked else 1)" || { echo "  LOST ACKNOWLEDGED EVENTS"; exit 1; }
}

bench_aw() {
  start_aw
  local port=$aw_port
  python3 "$BENCH_DIR/setup.py" --aw "http://127.0.0.1:$port" 8 > "$work/tokens-aw"
  export BENCH_TOKENS="$work/tokens-aw"
  echo "== ActivityWatch aw-server 0.12.0 (port $port)"
  run_wrk aw-hb1 1 aw_heartbeat.lua "http://127.0.0.1:$port"
  run_wrk aw-hb8 8 aw_heartbeat.lua "http://127.0.0.1:$port"
  run_wrk aw-batch 2 aw_batch.lua "http://127.0.0.1:$port"
}

for engine in $engines; do bench_ours "$engine"; done
[ $compare = 1 ] && bench_aw

{
  echo "# scripts/bench ingest, $(date -u +%FT%TZ), ${duration}s per case, $(nproc) cores"
  printf '%-22s %14s %10s %10s %14s\n' case "requests/s" p50_ms p99_ms "events/s"
  for f in $(cd "$work" && ls | grep -E '^(sqlite|postgres|aw)-(hb1|hb8|batch)$'); do
    r=$(rate "$f"); ev=$r; case "$f" in *batch) ev=$(python3 -c "print(round($r*1000))") ;; esac
    printf '%-22s %14s %10s %10s %14s\n' "$f" "$r" "$(field "$f" p50_ms)" "$(field "$f" p99_ms)" "$ev"
  done
  if [ $compare = 1 ]; then
    for engine in $engines; do
      python3 - "$engine" "$work" <<'PY'
import re, sys
engine, work = sys.argv[1], sys.argv[2]
def get(name):
    text = open(f"{work}/{name}").read()
    return {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", text)}
for case in ("hb1", "hb8", "batch"):
    ours, aw = get(f"{engine}-{case}"), get(f"aw-{case}")
    rate = (ours["requests"] / ours["seconds"]) / max(aw["requests"] / aw["seconds"], 1e-9)
    p99 = aw["p99_ms"] / max(ours["p99_ms"], 1e-9)
    print(f"{engine} vs aw-server, {case}: throughput ×{rate:.1f}, p99 ×{p99:.1f} lower")
PY
    done
  fi
} | tee -a .build-bench/results.txt

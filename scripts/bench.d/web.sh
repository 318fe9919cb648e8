# scripts/bench web [--engine sqlite|postgres|both] [--size 1000] [--days 30] [--duration S] [--keep DIR]
# On the demo organisation (size people × days, seed 1; --keep DIR reuses it): every page a manager and an
# administrator use, signed in through the sign-in form like a browser — p50/p99 latency and the server's CPU per
# request (utime+stime from /proc), page weight (the HTML and its assets), and beside each dashboard page the JSON API
# request with the same data, the named baseline (what a page adds: rendering HTML). Then Chromium's first
# contentful paint of the team dashboard (Debian's chromium through Playwright, median of 10 cold loads). Targets:
# p99 ≤ 50 ms server time, FCP ≤ 300 ms on loopback, pages under 200 kB. Sourced by scripts/bench.
engines=sqlite; size=1000; days=30; duration=5; keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) engines=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --keep) keep=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$engines" = both ] && engines="sqlite postgres"
source scripts/bench.d/lib.sh
venv=${BROWSER_VENV:-$root/.build-browser/venv}
if [ ! -x "$venv/bin/python3" ] || ! "$venv/bin/python3" -c 'import playwright' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'playwright>=1.45,<2'
fi
for engine in $engines; do
  serve_demo "$engine" "$size" "$days" "web-"
  CHROMIUM=$(command -v chromium || true) "$venv/bin/python3" "$BENCH_DIR/web.py" "http://127.0.0.1:$port" "$engine-$size" "$duration" "$server" \
    | tee -a .build-bench/results.txt
  stop_demo "$engine"
done

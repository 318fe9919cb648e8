# Shared by the benchmarks: release build, scratch directory, processes and PostgreSQL clusters stopped on exit,
# aw-server in a venv. Sourced by scripts/bench with $root set.
swift build -c release --product productivity-tracker >&2
bin=$(swift build -c release --show-bin-path)/productivity-tracker
work=$(mktemp -d /tmp/pt-bench.XXXXXX)
mkdir -p .build-bench
export BENCH_DIR="$root/scripts/bench.d"
pids=(); pgdirs=(); pgkeep=()
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for d in "${pgdirs[@]:-}"; do [ -n "$d" ] && { scripts/postgres stop "$d"; rm -rf "$d"; }; done
  for d in "${pgkeep[@]:-}"; do [ -n "$d" ] && { scripts/postgres stop "$d" || true; }; done
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { for _ in $(seq 1 "${2:-200}"); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer from $1" >&2; return 1; }

# new_postgres → prints a URL of a fresh cluster, stopped on exit. Its own directory under /tmp: PostgreSQL runs as
# the postgres user, who cannot enter $work (mode 700).
new_postgres() {
  local pg; pg=$(mktemp -d /tmp/pt-bench-pg.XXXXXX); pgdirs+=("$pg")
  scripts/postgres start "$pg"
}
# engine_env ENGINE PORT [URL] → the environment of our server for that engine, in the array `env`.
engine_env() {
  env=(TRACKER_PORT="$2" TRACKER_BCRYPT_COST=4 TRACKER_LOG_LEVEL=warning TRACKER_SQLITE_PATH="$work/$1/tracker.sqlite" DB_POOL_SIZE=8)
  if [ "$1" = postgres ]; then
    env+=(DATABASE_URL="$3" TRACKER_JWT_SECRET="bench-secret-bench-secret-bench-secret" TRACKER_MIGRATE_ON_START=true DB_POOL_SIZE=16)
  fi
}
# start_aw → starts aw-server 0.12.0 (PyPI, venv under .build-bench/), sets aw_port and aw_pid.
start_aw() {
  local venv="$root/.build-bench/awvenv"
  if [ ! -x "$venv/bin/aw-server" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "aw-server==0.12.0" "peewee<4" "flask<2.3"
  fi
  aw_port=$(free_port)
  mkdir -p "$work/aw"
  XDG_DATA_HOME="$work/aw" XDG_CONFIG_HOME="$work/aw" XDG_CACHE_HOME="$work/aw" \
    "$venv/bin/aw-server" --testing --host 127.0.0.1 --port "$aw_port" > "$work/aw.log" 2>&1 &
  aw_pid=$!; pids+=($aw_pid)
  wait_http "http://127.0.0.1:$aw_port/api/0/info"
}

# serve_demo ENGINE SIZE DAYS PREFIX → the demo organisation of SIZE people × DAYS days (seed 1) in $data — under
# --keep DIR when given ($keep), named PREFIX-ENGINE-SIZE-dDAYS-date, so a later run that day reuses it — served by a
# release server on $port ($server is its pid). The generator's summary line is in $data/generated.
serve_demo() {
  local engine=$1 size=$2 days=$3 prefix=$4 url=""
  port=$(free_port)
  data=${keep:-$work}/$prefix$engine-$size-d$days-$(date -u +%F)
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
  server=$!
  pids+=($server)
  wait_http "http://127.0.0.1:$port/health/ready" 6000   # migrations on a kept database may take a while
}

# stop_demo ENGINE → stops $server, and a kept PostgreSQL cluster.
stop_demo() {
  kill "$server"; wait "$server" 2>/dev/null || true
  if [ "$1" = postgres ] && [ -n "$keep" ]; then scripts/postgres stop "$data"; fi
  return 0
}

# scripts/bench schedule-solver [--seconds 30] [--xl-seconds 60] [--seed 0] [--instances DIR]
# Solves every instance in DIR (default ../shared/scheduling/instances), and XL-s<seed> (200 employees, 28 days, 10
# locations: generate_xl.py, the reference generator's rules) for --xl-seconds, with `productivity-tracker schedule solve`
# (release, both cores), scores each solution with the referee next to the instances (evaluate.py) and prints per
# instance: the referee's score beside the solver's own (they must agree), the best hard score hard_lower_bound.py
# proves possible, when the best hard score was first reached (the improvement trace), and the reference numbers of
# REFERENCE.md (Timefold Solver 1.24.0 and the greedy baseline, 30 s on this machine kind). Sourced by scripts/bench.
seconds=30; xl=60; seed=0; dir="$root/../shared/scheduling/instances"
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --xl-seconds) xl=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --instances) dir=$(cd "$2" && pwd); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
referee="$dir/../evaluate.py"; bound="$dir/../hard_lower_bound.py"
[ -f "$referee" ] || { echo "no referee at $referee" >&2; exit 2; }
source scripts/bench.d/lib.sh
results="$work/results.jsonl"; : > "$results"
python3 "$BENCH_DIR/generate_xl.py" "$dir/.." "$seed" "$work/XL-s$seed.json"
for instance in "$dir"/*.json "$work/XL-s$seed.json"; do
  name=$(basename "$instance" .json)
  limit=$seconds; [ "$name" = "XL-s$seed" ] && limit=$xl
  "$bin" schedule solve --instance "$instance" --seconds "$limit" --seed "$seed" --output "$work/$name.solution.json"
  python3 - "$instance" "$work/$name.solution.json" "$referee" "$bound" >> "$results" <<'PY'
import json, subprocess, sys
instance, solution, referee, bound = sys.argv[1:]
scored = json.loads(subprocess.check_output(["python3", referee, instance, solution]))
proved = json.loads(subprocess.check_output(["python3", bound, instance]))
trace = json.load(open(solution)).get("improvements", [])
best_hard = max((int(i["score"].split("hard")[0]) for i in trace), default=None)
first = next((i["t"] for i in trace if int(i["score"].split("hard")[0]) == best_hard), None)
print(json.dumps({"instance": scored["instance"], "score": scored["score"], "reported": scored.get("reportedScore"),
                  "agrees": scored.get("agreesWithReported"), "valid": scored["valid"], "bound": proved["hardScoreAtMost"],
                  "bestHardAt": first, "trace": [[i["t"], i["score"]] for i in trace]}))
PY
done
python3 "$BENCH_DIR/schedule_solver_report.py" "$results" "$seconds" | tee -a .build-bench/results.txt

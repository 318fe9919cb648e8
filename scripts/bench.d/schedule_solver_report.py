"""Table of scripts/bench schedule-solver: one row per instance, our score (as the referee computes it) beside the
proved hard bound and REFERENCE.md's numbers. Usage: schedule_solver_report.py RESULTS.jsonl SECONDS"""
import datetime as dt, json, sys
from decimal import Decimal

# REFERENCE.md (30 s on this machine kind): Timefold Solver 1.24.0 and the greedy baseline.
REFERENCE = {
    "SMALL-s0": {"timefold": "-1hard/5638.45081soft", "greedy": "-2hard/1678.90238soft"},
    "LARGE-s0": {"timefold": "-110hard/17005.5923soft", "greedy": "-3hard/7197.21582soft"},
}


def parse(score):
    hard, soft = score.split("/")
    return int(hard.replace("hard", "")), Decimal(soft.replace("soft", ""))


rows = [json.loads(line) for line in open(sys.argv[1])]
print(f"# scripts/bench schedule-solver, {dt.datetime.now(dt.timezone.utc):%Y-%m-%dT%H:%MZ}, {sys.argv[2]} s per instance, 2 cores")
print(f"{'instance':<11} {'ours (referee)':<26} {'agrees':<6} {'proved':>6} {'best hard at':>12}  {'Timefold':<26} {'greedy':<24} verdict")
for r in rows:
    ref = REFERENCE.get(r["instance"], {})
    ours = parse(r["score"])
    verdicts = ["hard-optimal" if ours[0] == r["bound"] else f"hard {ours[0]} vs bound {r['bound']}"]
    for name in ("timefold", "greedy"):
        if name in ref:
            verdicts.append(f"{'≥' if ours >= parse(ref[name]) else '<'} {name}")
    at = f"{r['bestHardAt']:.3f} s" if r["bestHardAt"] is not None else "-"
    print(f"{r['instance']:<11} {r['score']:<26} {str(r['agrees']):<6} {r['bound']:>6} {at:>12}  {ref.get('timefold', '-'):<26} "
          f"{ref.get('greedy', '-'):<24} {', '.join(verdicts)}")

# Soft score over time where the issue asks for it (the XL instance): the best plan at each mark.
for r in rows:
    if not r["instance"].startswith("XL"):
        continue
    marks = []
    for t in (0.1, 0.5, 1, 2, 5, 10, 20, 30, 60, 120):
        best = [score for at, score in r["trace"] if at <= t]
        if best:
            hard, soft = best[-1].split("/")
            marks.append(f"{t:g} s: {hard} {float(soft.replace('soft', '')):.1f}soft")
    print(f"{r['instance']} best over time (the solver's own trace): " + "; ".join(marks))

"""Summarises scripts/bench schedule results (JSON lines): p50/p99 and CPU per request per case and size, the
large/small latency ratio, against the targets (team views p99 ≤ 20 ms, organisation attendance ≤ 1 s, ratio ≤ 1.5)."""
import json, sys, datetime as dt

rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
sizes = [int(s) for s in sys.argv[2].split()]
big, small = max(sizes), min(sizes)
by = {(r["label"], r["case"]): r for r in rows}
engines = sorted({r["label"].split("-")[0] for r in rows}, reverse=True)
cases = ("team-week", "org-day", "team-attendance-30d", "org-attendance-30d")
print(f"# scripts/bench schedule, {dt.datetime.now(dt.timezone.utc):%Y-%m-%dT%H:%MZ}, sizes {sizes}")
print(f"{'engine':8} {'case':20} " + " ".join(f"{'p50/p99 ms, cpu ms/req, rows @' + str(s):>40}" for s in sizes) + f"  {'p50 ratio':>9} {'p99 ratio':>9}")
for engine in engines:
    for case in cases:
        cells = [by.get((f"{engine}-{s}", case)) for s in sizes]
        text = " ".join(f"{c['p50_ms']:>9.2f} / {c['p99_ms']:>8.2f}, {c['cpu_ms_per_request']:>7.2f}, {c['rows']:>6}  " if c else f"{'-':>40}"
                        for c in cells)
        b, s = by.get((f"{engine}-{big}", case)), by.get((f"{engine}-{small}", case))
        ratio = f"{b['p50_ms'] / s['p50_ms']:>9.2f} {b['p99_ms'] / s['p99_ms']:>9.2f}" if b and s and big != small else ""
        print(f"{engine:8} {case:20} {text}{ratio}")

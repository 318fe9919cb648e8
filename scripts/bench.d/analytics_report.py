"""Summarises scripts/bench analytics results (JSON lines): latency per case and size, the large/small ratio,
generator throughput, and the aw-server comparison."""
import json, sys, datetime as dt

rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
sizes = [int(s) for s in sys.argv[2].split()]
big, small = max(sizes), min(sizes)
by = {(r["label"], r["case"]): r for r in rows}
engines = sorted({r["label"].split("-")[0] for r in rows if r["label"] != "aw-server"}, reverse=True)
print(f"# scripts/bench analytics, {dt.datetime.now(dt.timezone.utc):%Y-%m-%dT%H:%MZ}, sizes {sizes}")
for engine in engines:
    for size in sizes:
        g = by.get((f"{engine}-{size}", "generator"))
        if g:
            print(f"{engine:9} generator {size:>5} people: {g['events']:>10,} events in {g['seconds']:7.1f} s = {g['events_per_s']:>7,} events/s")
print(f"{'engine':9} {'case':22} " + " ".join(f"{'p50/p99 ms @' + str(s):>22}" for s in sizes) + f"  {'p50 ratio':>9} {'p99 ratio':>9}")
for engine in engines:
    for case in ("team-dashboard-30d", "team-trend-90d", "team-metrics-30d", "employee-summary-30d"):
        cells = [by.get((f"{engine}-{s}", case)) for s in sizes]
        text = " ".join(f"{c['p50_ms']:>10.2f} / {c['p99_ms']:>8.2f}  " if c else f"{'-':>22}" for c in cells)
        b, s = by.get((f"{engine}-{big}", case)), by.get((f"{engine}-{small}", case))
        ratio = f"{b['p50_ms'] / s['p50_ms']:>9.2f} {b['p99_ms'] / s['p99_ms']:>9.2f}" if b and s and big != small else ""
        print(f"{engine:9} {case:22} {text}{ratio}")
aw = by.get(("aw-server", "query2-merge-by-app-30d"))
if aw:
    print(f"aw-server query2 merge-by-app, {aw['events']:,} events (one person, 30 days): p50 {aw['p50_ms']} ms")
    for engine in engines:
        for size in sizes:
            ours = by.get((f"{engine}-{size}", "employee-summary-30d"))
            if ours:
                print(f"  {engine}-{size} employee summary p50 {ours['p50_ms']} ms → ×{aw['p50_ms'] / ours['p50_ms']:.0f} faster")

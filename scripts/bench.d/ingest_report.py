"""The table of scripts/bench ingest: ingest_report.py WORKDIR ENGINE… [aw] — one row per case and system, then,
when aw-server ran, our ratios against it in the same run (the issue's targets are stated as such ratios)."""
import os, re, sys

work, systems = sys.argv[1], sys.argv[2:]
CASES = ("hb1", "hb8", "merge1", "merge8", "batch1", "batch4", "awhb1", "awhb8")


def read(name):
    path = os.path.join(work, name)
    if not os.path.exists(path):
        return None
    return {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", open(path).read())}


def metrics(system, case):
    r = read(f"{system}-{case}")
    if not r or r["requests"] == 0:
        return None
    per = 1000 if case.startswith("batch") else 1
    return {
        "rps": r["requests"] / r["seconds"], "eps": r["requests"] * per / r["seconds"],
        "p50": r["p50_ms"], "p99": r["p99_ms"], "failures": r["failures"],
        "cpu_req_ms": r["cpu_ms"] / r["requests"], "cpu_event_us": r["cpu_ms"] * 1000 / (r["requests"] * per),
    }


print(f"{'case':18} {'req/s':>9} {'events/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'CPU/req ms':>11} {'CPU/event µs':>13} {'non-2xx':>8}")
for system in systems:
    for case in CASES:
        m = metrics(system, case)
        if m:
            print(f"{system + '-' + case:18} {m['rps']:9.1f} {m['eps']:10.0f} {m['p50']:8.2f} {m['p99']:8.2f} "
                  f"{m['cpu_req_ms']:11.3f} {m['cpu_event_us']:13.1f} {m['failures']:8.0f}")
for system in systems:
    s = read(f"{system}-storage")
    if s:
        print(f"{system:18} bytes per stored event: {s['per_event']:.0f} (event tables), {s['per_event_file']:.0f} "
              f"(whole database) over {s['events']:.0f} events")
for system in (s for s in systems if s != "aw"):
    for n in ("1", "8"):
        api0, ours = metrics(system, "awhb" + n), metrics(system, "hb" + n)
        if api0 and ours:
            print(f"{system} /api/0 heartbeats vs /api/activities/heartbeat, {n} device(s): throughput ×{api0['rps'] / ours['rps']:.2f}, "
                  f"p99 {api0['p99']:.2f} vs {ours['p99']:.2f} ms, CPU per request {api0['cpu_req_ms']:.3f} vs {ours['cpu_req_ms']:.3f} ms")
if "aw" in systems:
    for system in (s for s in systems if s != "aw"):
        for case in CASES:
            ours, aw = metrics(system, case), metrics("aw", case.replace("awhb", "hb"))
            if ours and aw:
                print(f"{system} vs aw-server, {case}: throughput ×{ours['rps'] / aw['rps']:.2f}, "
                      f"p99 ×{aw['p99'] / max(ours['p99'], 1e-9):.2f} lower, "
                      f"CPU per request ×{aw['cpu_req_ms'] / max(ours['cpu_req_ms'], 1e-9):.2f} lower")
        ours, aw = read(f"{system}-storage"), read("aw-storage")
        if ours and aw:
            print(f"{system} vs aw-server, bytes per event: {ours['per_event']:.0f} vs {aw['per_event']:.0f} "
                  f"(×{ours['per_event'] / max(aw['per_event'], 1e-9):.2f})")

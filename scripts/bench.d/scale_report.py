"""One block of scripts/bench scale: scale_report.py WORKDIR LABEL INSTANCES STORED_BEFORE STORED_AFTER "RSS_MB…"
Sums the wrk processes of each kind (requests, acknowledged events, non-2xx; p99 = the worst process's p99),
reads the sampled pg_stat_activity peaks, and checks that every acknowledged event was stored. Writes
WORKDIR/LABEL-report and exits 1 when acknowledged events are missing."""
import glob, os, re, sys

work, label, instances, before, after, rss = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6].split()


def bench(kind):
    total = {"requests": 0, "acknowledged": 0, "inserted": 0, "failures": 0, "unavailable": 0, "seconds": 0.0, "p99": 0.0, "p50": 0.0}
    for path in glob.glob(os.path.join(work, f"{label}-{kind}-*.wrk")):
        text = open(path).read()
        m = re.search(r"^BENCH (.*)$", text, re.M)
        if not m:
            total["failures"] += 1
            continue
        r = {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", m.group(1))}
        for k in ("requests", "acknowledged", "inserted", "failures", "unavailable"):
            total[k] += int(r.get(k, 0))
        total["seconds"] = max(total["seconds"], r["seconds"])
        total["p99"] = max(total["p99"], r["p99_ms"])
        total["p50"] = max(total["p50"], r["p50_ms"])
        if r.get("other_status"):
            total.setdefault("other", set()).add(int(r["other_status"]))
        errors = re.search(r"Socket errors: (.*)", text)
        if errors:
            total.setdefault("socket", []).append(errors.group(1))
    return total


hb, batch = bench("hb"), bench("batch")
ours, everyone = 0, 0
for line in open(os.path.join(work, f"connections-{label}")):
    parts = line.strip().split("|")
    if len(parts) == 2 and parts[0].isdigit():
        ours, everyone = max(ours, int(parts[0])), max(everyone, int(parts[1]))
acked = batch["acknowledged"] + hb["inserted"]
stored = after - before
lines = [f"{label}: {instances} instance(s)"]
for name, t in (("heartbeats", hb), ("batches", batch)):
    rps = t["requests"] / max(t["seconds"], 1e-9)
    ok = (t["requests"] - t["failures"]) / max(t["seconds"], 1e-9)
    lines.append(f"  {name:10} {t['requests']:7d} requests  {rps:8.1f} req/s ({ok:.1f} 2xx/s)  p50 ≤ {t['p50']:.0f} ms  p99 ≤ {t['p99']:.0f} ms  "
                 f"non-2xx {t['failures']} (503 + Retry-After: {t['unavailable']}"
                 + (f"; other statuses: {sorted(t['other'])}" if t.get("other") else "") + ")" + (f"  socket errors: {'; '.join(t['socket'])}" if t.get("socket") else ""))
lines.append(f"  events/s (batches) {batch['acknowledged'] / max(batch['seconds'], 1e-9):.0f}")
lines.append(f"  peak pg_stat_activity: {ours} ours (application_name), {everyone} client backends in all (max_connections 20)")
lines.append(f"  RSS peak per instance (MB): {' '.join(rss)}")
lines.append(f"  events acknowledged as new {acked}, stored {stored}: " + ("none lost" if stored >= acked else "LOST ACKNOWLEDGED EVENTS"))
logged = []
for path in sorted(glob.glob(os.path.join(work, f"{label}-server-*.log"))):
    for line in open(path, errors="replace"):
        if re.search(r"\b(error|critical)\b", line):
            logged.append(line.strip())
lines.append(f"  server log lines at error or worse: {len(logged)}" + "".join(f"\n    {l[:300]}" for l in logged[:5]))
open(os.path.join(work, f"{label}-report"), "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
sys.exit(0 if stored >= acked else 1)

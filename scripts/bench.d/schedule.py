"""Schedule and attendance latency against a running server loaded by `productivity-tracker demo`.
Usage: schedule.py BASE_URL LABEL SECONDS_PER_CASE SERVER_PID → one JSON line per case: p50/p99 ms, requests, server
CPU ms per request (utime+stime of SERVER_PID from /proc around the case), rows answered. A sample is the time until
the answer's last byte has arrived (not parsed: `Client.fetch`).
Cases (the first Engineering team, about 20 people, in its zone; the organisation as the admin):
team-week (this week's shifts), org-day (today's shifts, everyone), team-attendance-30d, org-attendance-30d."""
import datetime as dt, json, os, statistics, sys, time
sys.path.insert(0, os.path.dirname(__file__))
from analytics import Client, signed_in, subjects, days_back  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_ms(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / TICKS


def measure(c, path, seconds, pid, rows):
    for _ in range(3):
        answer = c.call("GET", path)
    samples, deadline, before = [], time.perf_counter() + seconds, cpu_ms(pid)
    while time.perf_counter() < deadline or len(samples) < 20:
        t = time.perf_counter()
        c.fetch("GET", path)
        samples.append((time.perf_counter() - t) * 1000)
    cpu = (cpu_ms(pid) - before) / len(samples)
    samples.sort()
    return {"requests": len(samples), "p50_ms": round(statistics.median(samples), 2),
            "p99_ms": round(samples[min(len(samples) - 1, int(0.99 * len(samples)))], 2), "cpu_ms_per_request": round(cpu, 2),
            "rows": rows(answer)}


def bench(base, label, seconds, pid):
    c = signed_in(base)
    team, _ = subjects(c)
    today = dt.date.today()
    monday = today - dt.timedelta(days=today.weekday())
    f30, t30 = days_back(30)
    cases = {
        "team-week": (f"/api/schedule?from={monday}&to={monday + dt.timedelta(days=6)}&teamId={team['id']}", lambda a: len(a["items"])),
        "org-day": (f"/api/schedule?from={today}&to={today}", lambda a: len(a["items"])),
        "team-attendance-30d": (f"/api/schedule/attendance?from={f30}&to={t30}&teamId={team['id']}", lambda a: len(a["shifts"])),
        "org-attendance-30d": (f"/api/schedule/attendance?from={f30}&to={t30}", lambda a: len(a["shifts"])),
    }
    for name, (path, rows) in cases.items():
        print(json.dumps({"label": label, "case": name, **measure(c, path, seconds, pid, rows)}), flush=True)


if __name__ == "__main__":
    bench(sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]))

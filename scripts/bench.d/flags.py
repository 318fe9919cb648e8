"""Flag and gamification evaluation against a served demo organisation (see flags.sh).
Usage: flags.py evaluate BASE_URL SERVER_PID
       flags.py delay BASE_URL SERVER_PID SECONDS"""
import datetime, json, sys, time, urllib.parse, urllib.request, uuid

base, pid = sys.argv[2], int(sys.argv[3])


def call(method, path, body=None, token=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=60) as r:
        text = r.read().decode()
        return json.loads(text) if text else None


def cpu_seconds():
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().split(")")[-1].split()
    import os
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


admin = call("POST", "/api/admin/login", {"email": "admin@demo.example", "password": "demo-password-1"})["accessToken"]


def drain(path, label, started, cpu0, progress=True):
    last = 0
    while True:
        backlog = call("GET", path, token=admin)
        if backlog["queued"] == 0 and not backlog["changesPending"]:
            break
        if progress and time.time() - last > 10:
            print(f"    {label}: {backlog['queued']} person-days queued", file=sys.stderr, flush=True)
            last = time.time()
        time.sleep(0.2)
    return time.time() - started, cpu_seconds() - cpu0


def today():
    org = call("GET", "/api/organization", token=admin)
    return org, datetime.datetime.now(datetime.timezone.utc).date()


if sys.argv[1] == "evaluate":
    t0, c0 = time.time(), cpu_seconds()
    seconds, cpu = drain("/api/flags/evaluation", "initial", t0, c0)
    flags = call("GET", "/api/flags?limit=1", token=admin)
    print(f"  initial evaluation of the generated data: {seconds:.1f} s (server CPU {cpu:.1f} s)")
    _, day = today()
    body = {"from": (day - datetime.timedelta(days=29)).isoformat(), "to": day.isoformat()}
    t0, c0 = time.time(), cpu_seconds()
    queued = call("POST", "/api/flags/evaluate", body, admin)["queued"]
    seconds, cpu = drain("/api/flags/evaluation", "flags-30d", t0, c0)
    print(f"  flags-30d: {queued} person-days re-evaluated in {seconds:.1f} s ({queued / max(seconds, 0.001):.0f}/s, server CPU {cpu:.1f} s)")
    call("PUT", "/api/gamification/settings", {"enabled": False}, admin)  # a kept database may have it on already
    t0, c0 = time.time(), cpu_seconds()
    call("PUT", "/api/gamification/settings", {"enabled": True, "individualLeaderboards": True}, admin)
    seconds, cpu = drain("/api/gamification/rebuild", "points-30d", t0, c0)
    print(f"  points-30d: gamification turned on, 31 days × every person scored in {seconds:.1f} s (server CPU {cpu:.1f} s)")
    sys.exit(0)

# delay: one probe after another until SECONDS have passed.
duration = float(sys.argv[4])
# Every employee, page by page: a kept database has the earlier runs' probe flags, and those people are skipped.
people, cursor = [], None
while True:
    page = call("GET", "/api/employees?limit=500" + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else ""), token=admin)
    people += [p for p in page["items"] if p.get("role") == "employee"]
    cursor = page.get("nextCursor")
    if not cursor:
        break
_, day = today()
sunday = day - datetime.timedelta(days=(day.weekday() + 1) % 7 or 7)
delays, started = [], time.time()
for person in people:
    if time.time() - started > duration:
        break
    query = f"/api/flags?employeeId={person['id']}&rule=unproductive_share&state=open"
    if call("GET", query, token=admin)["items"]:
        continue
    token = call("POST", f"/api/employees/{person['id']}/devices", {"name": "probe", "platform": "linux"}, admin)["token"]
    event = {"id": str(uuid.uuid4()), "timestamp": f"{sunday.isoformat()}T11:00:00Z", "duration": 5400, "app": "Spotify", "title": "probe"}
    sent = time.time()
    call("POST", "/api/activities", {"events": [event]}, token)
    while not call("GET", query, token=admin)["items"]:
        if time.time() - sent > 60:
            print(f"    no flag 60 s after the probe for {person['id']}", file=sys.stderr)
            break
        time.sleep(0.05)
    delays.append(time.time() - sent)
delays.sort()
if not delays:
    print("delay: no probe ran")
    sys.exit(1)
pick = lambda q: delays[min(len(delays) - 1, int(q * len(delays)))]
print(f"delay from a committed write to its flag: {len(delays)} probes, p50 {pick(0.5):.2f} s, p99 {pick(0.99):.2f} s, max {delays[-1]:.2f} s")

"""Analytics latency against a running server loaded by `productivity-tracker demo`.
Usage: analytics.py BASE_URL LABEL SECONDS_PER_CASE            → one JSON line per case (p50/p99 ms, requests)
       analytics.py --export BASE_URL OUT.json                  → one demo employee's last 30 days of events (aw format)
       analytics.py --aw AW_URL EVENTS.json RUNS                → aw-server: load the events, time query2 merge-by-app
Cases: a 30-day team dashboard, a 90-day team trend, 30-day team metrics and a 30-day single-employee summary,
each for the first Engineering team (about 20 people) and its first employee, ending yesterday in the team's zone;
and a 30-day organisation dashboard (everyone)."""
import datetime as dt, http.client, json, statistics, sys, time, urllib.parse

PASSWORD = "demo-password-1"


class Client:
    def __init__(self, base):
        u = urllib.parse.urlparse(base)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=600)
        self.token = None

    def call(self, method, path, body=None):
        data = self.fetch(method, path, body)
        return json.loads(data) if data else None

    def fetch(self, method, path, body=None):
        """The answer's bytes, unparsed: what a latency sample times (the server's work and the transfer, not the
        client's JSON parser, which for a 13 MB answer costs Python more than the server spends writing it)."""
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        self.conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        r = self.conn.getresponse()
        data = r.read()
        if r.status >= 300:
            raise RuntimeError(f"{method} {path}: {r.status} {data[:300]!r}")
        return data


def signed_in(base):
    c = Client(base)
    c.token = c.call("POST", "/api/admin/login", {"email": "admin@demo.example", "password": PASSWORD})["accessToken"]
    return c


def subjects(c):
    teams = c.call("GET", "/api/teams?limit=500")["items"]
    team = next(t for t in teams if t["name"] == "Engineering")
    members = c.call("GET", f"/api/employees?teamId={team['id']}&limit=500")["items"]
    employee = next(m for m in members if m["role"] == "employee")
    return team, employee


def days_back(n):
    end = dt.date.today() - dt.timedelta(days=1)
    return (end - dt.timedelta(days=n - 1)).isoformat(), end.isoformat()


def measure(c, path, seconds):
    for _ in range(3):
        c.call("GET", path)                      # warm caches and the connection
    samples, deadline = [], time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(samples) < 20:
        t = time.perf_counter()
        c.fetch("GET", path)
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    return {"requests": len(samples), "p50_ms": round(statistics.median(samples), 2),
            "p99_ms": round(samples[min(len(samples) - 1, int(0.99 * len(samples)))], 2)}


def bench(base, label, seconds):
    c = signed_in(base)
    team, employee = subjects(c)
    f30, t30 = days_back(30)
    f90, t90 = days_back(90)
    cases = {
        "team-dashboard-30d": f"/api/dashboard?scope=team&id={team['id']}&period=custom&date={f30}&to={t30}",
        "team-trend-90d": f"/api/trends?scope=team&id={team['id']}&metric=score&granularity=day&from={f90}&to={t90}",
        "team-metrics-30d": f"/api/teams/{team['id']}/metrics?period=custom&date={f30}&to={t30}",
        "employee-summary-30d": f"/api/dashboard?scope=employee&id={employee['id']}&period=custom&date={f30}&to={t30}",
        # Everyone at once: the access log once wrote a row per person per read here.
        "organization-dashboard-30d": f"/api/dashboard?scope=organization&period=custom&date={f30}&to={t30}",
    }
    for name, path in cases.items():
        result = measure(c, path, seconds)
        print(json.dumps({"label": label, "case": name, **result}), flush=True)


def export(base, out):
    c = signed_in(base)
    _, employee = subjects(c)
    end = dt.datetime.now(dt.timezone.utc)
    start = end - dt.timedelta(days=30)
    events, cursor = [], None
    while True:
        q = {"employee": employee["id"], "from": start.strftime("%Y-%m-%dT%H:%M:%SZ"), "to": end.strftime("%Y-%m-%dT%H:%M:%SZ"), "limit": 500}
        if cursor:
            q["cursor"] = cursor
        page = c.call("GET", "/api/activities?" + urllib.parse.urlencode(q))
        for e in page["items"]:
            data = {"app": e["app"], "title": e["title"]}
            if e.get("url"):
                data["url"] = e["url"]
            events.append({"timestamp": e["timestamp"], "duration": e["duration"], "data": data})
        cursor = page.get("nextCursor")
        if not cursor:
            break
    json.dump({"employee": employee["id"], "from": start.isoformat(), "to": end.isoformat(), "events": events}, open(out, "w"))
    print(len(events))


def aw(base, path, runs):
    data = json.load(open(path))
    c = Client(base)
    c.call("POST", "/api/0/buckets/demo-window", {"client": "bench", "type": "currentwindow", "hostname": "bench"})
    events = data["events"]
    for i in range(0, len(events), 1000):
        c.call("POST", "/api/0/buckets/demo-window/events", events[i:i + 1000])
    query = {"timeperiods": [data["from"] + "/" + data["to"]],
             "query": ['events = query_bucket("demo-window");', 'events = merge_events_by_keys(events, ["app"]);',
                       'RETURN = sort_by_duration(events);']}
    timings = []
    for _ in range(runs):
        t = time.perf_counter()
        result = c.call("POST", "/api/0/query/", query)
        timings.append((time.perf_counter() - t) * 1000)
    assert result and result[0], "query2 returned nothing"
    print(json.dumps({"label": "aw-server", "case": "query2-merge-by-app-30d", "events": len(events), "requests": runs,
                      "p50_ms": round(statistics.median(timings), 1), "min_ms": round(min(timings), 1)}), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "--export":
        export(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "--aw":
        aw(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        bench(sys.argv[1], sys.argv[2], float(sys.argv[3]))

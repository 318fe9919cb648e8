"""Web pages against a running demo server: web.py BASE_URL LABEL SECONDS_PER_CASE SERVER_PID.
Signs in through the forms (cookies, form tokens) as the Engineering manager and the administrator, then for each
page: p50/p99 of sequential requests for SECONDS, server CPU ms per request, and the page's weight (HTML + assets);
for the dashboards also the JSON API request with the same data. Then Chromium's first contentful paint of the team
dashboard (median of 10 loads in fresh contexts), when CHROMIUM names an executable."""
import http.client, json, os, re, statistics, sys, time, urllib.parse

BASE, LABEL, SECONDS, PID = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
PASSWORD = "demo-password-1"


def cpu_ms(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


class Session:
    """One keep-alive connection with a cookie jar, like one browser tab."""

    def __init__(self):
        u = urllib.parse.urlparse(BASE)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=600)
        self.cookies, self.token = {}, None

    def request(self, method, path, form=None, body=None):
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        data = None
        if form is not None:
            data, headers["Content-Type"] = urllib.parse.urlencode(form), "application/x-www-form-urlencoded"
        elif body is not None:
            data, headers["Content-Type"] = json.dumps(body), "application/json"
        try:
            self.conn.request(method, path, body=data, headers=headers)
            r = self.conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # The server closes a keep-alive connection left idle (the other session's cases): open a new one.
            self.conn.close()
            self.conn.request(method, path, body=data, headers=headers)
            r = self.conn.getresponse()
        payload = r.read()
        for line in r.headers.get_all("Set-Cookie") or []:
            name, _, rest = line.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in line or not value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return r.status, payload, r.headers

    def sign_in(self, email, admin=False):
        _, page, _ = self.request("GET", "/sign-in")
        token = re.search(rb'name="_csrf" value="([^"]+)"', page).group(1).decode()
        form = {"_csrf": token, "email": email, "password": PASSWORD, "next": "/"}
        if admin:
            form["admin"] = "on"
        status, _, _ = self.request("POST", "/sign-in", form=form)
        assert status == 303 and "pt_session" in self.cookies, f"sign-in as {email}: {status}"


def measure(session, path):
    for _ in range(3):
        status, payload, _ = session.request("GET", path)
        assert status == 200, f"{path}: {status} {payload[:200]!r}"
    samples, deadline, before = [], time.perf_counter() + SECONDS, cpu_ms(PID)
    while time.perf_counter() < deadline or len(samples) < 20:
        t = time.perf_counter()
        session.request("GET", path)
        samples.append((time.perf_counter() - t) * 1000)
    cpu = (cpu_ms(PID) - before) / len(samples)
    samples.sort()
    return {"requests": len(samples), "p50_ms": round(statistics.median(samples), 2),
            "p99_ms": round(samples[min(len(samples) - 1, int(0.99 * len(samples)))], 2), "cpu_ms_per_request": round(cpu, 2),
            "bytes": len(payload)}


def main():
    admin_api = Session()
    admin_api.token = json.loads(admin_api.request("POST", "/api/admin/login", body={"email": "admin@demo.example", "password": PASSWORD})[1])["accessToken"]
    teams = json.loads(admin_api.request("GET", "/api/teams?limit=500")[1])["items"]
    team = next(t for t in teams if t["name"] == "Engineering")
    members = json.loads(admin_api.request("GET", f"/api/employees?teamId={team['id']}&limit=500")[1])["items"]
    manager = next(m for m in members if m["role"] == "manager")
    employee = next(m for m in members if m["role"] == "employee")
    boss, admin = Session(), Session()
    boss.sign_in(manager["email"])
    admin.sign_in("admin@demo.example", admin=True)
    # Assets: fetched once by a browser (immutable), counted in each page's weight.
    anonymous = Session()
    _, sign_in_page, _ = anonymous.request("GET", "/sign-in")
    paths = set(re.findall(rb'(/static/[a-z]+-[0-9a-f]{12}\.[a-z]+)', sign_in_page))
    assert paths, "the sign-in page names no assets"
    assets = sum(len(anonymous.request("GET", a.decode())[1]) for a in paths)
    t = team["id"]
    cases = [
        ("manager", "team-dashboard-week", f"/dashboard/team/{t}?period=week", f"/api/dashboard?scope=team&id={t}&period=week"),
        ("manager", "team-dashboard-month", f"/dashboard/team/{t}?period=month", f"/api/dashboard?scope=team&id={t}&period=month"),
        ("manager", "employee-dashboard-week", f"/dashboard/employee/{employee['id']}?period=week", f"/api/dashboard?scope=employee&id={employee['id']}&period=week"),
        ("manager", "team-trends-30d", f"/trends?scope=team&id={t}", f"/api/trends?scope=team&id={t}"),
        ("manager", "team-metrics-week", f"/teams/{t}/metrics?period=week", f"/api/teams/{t}/metrics?period=week"),
        ("manager", "timesheet-week", f"/timesheets?scope=team&id={t}", None),
        ("manager", "flags-inbox", "/flags", None),
        ("manager", "schedule-week", f"/schedule?team={t}", None),
        ("manager", "attendance-week", f"/attendance?team={t}", None),
        ("manager", "points", "/points", None),
        ("admin", "organization-dashboard-week", "/dashboard/organization?period=week", "/api/dashboard?scope=organization&period=week"),
        ("admin", "people", "/admin/people", None),
        ("admin", "rules", "/admin/rules", None),
        ("admin", "system", "/admin/system", None),
    ]
    api = {"manager": Session(), "admin": admin_api}
    api["manager"].token = json.loads(api["manager"].request("POST", "/api/employee/login", body={"email": manager["email"], "password": PASSWORD})[1])["accessToken"]
    worst = 0
    print(f"== web pages, {LABEL}: p50 / p99 ms, server CPU ms per request, page weight (HTML + {assets / 1000:.1f} kB assets)")
    for who, name, page, baseline in cases:
        result = measure(boss if who == "manager" else admin, page)
        worst = max(worst, result["p99_ms"])
        line = (f"   {name:28} {result['p50_ms']:7.1f} / {result['p99_ms']:7.1f} ms  cpu {result['cpu_ms_per_request']:6.2f} ms"
                f"  {(result['bytes'] + assets) / 1000:6.1f} kB")
        if baseline:
            base = measure(api[who], baseline)
            line += f"   | JSON API {base['p50_ms']:6.1f} / {base['p99_ms']:6.1f} ms cpu {base['cpu_ms_per_request']:5.2f} ms"
        print(line, flush=True)
    print(f"   worst page p99: {worst:.1f} ms (target ≤ 50 ms)")
    chromium = os.environ.get("CHROMIUM")
    if chromium:
        from playwright.sync_api import sync_playwright
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            paints = []
            for run in range(11):
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                context.add_cookies([{"name": k, "value": v, "url": BASE} for k, v in boss.cookies.items()])
                page = context.new_page()
                page.goto(BASE + f"/dashboard/team/{t}?period=week")
                page.wait_for_load_state("load")
                # The paint entry may come after "load": wait for it (buffered), at most 5 s.
                fcp = page.evaluate("""() => new Promise(resolve => {
                      new PerformanceObserver(list => {
                        const e = list.getEntriesByName('first-contentful-paint')[0]; if (e) resolve(e.startTime);
                      }).observe({type: 'paint', buffered: true});
                      setTimeout(() => resolve(null), 5000);
                    })""")
                if run > 0 and fcp:
                    paints.append(fcp)
                context.close()
            browser.close()
        print(f"   first contentful paint, team dashboard: median {statistics.median(paints):.0f} ms, max {max(paints):.0f} ms "
              f"over {len(paints)} cold contexts (target ≤ 300 ms)")


main()

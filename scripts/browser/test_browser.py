"""The web interface in headless Chromium against a live demo server (see scripts/browser/run).

Every page each role can reach is visited (a crawl of the links each role is shown, one page per route), with any
console error, failed request or 5xx failing the run; each gets a desktop and a phone screenshot. Key numbers on
the pages are checked against the JSON API, an idle period is classified and the dashboard must change, forged
form posts must be refused, and an employee must not open a colleague's page.
"""
import datetime
import json
import math
import os
import re
import sys
import urllib.parse
import urllib.request
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

BASE, SHOTS = sys.argv[1].rstrip("/"), sys.argv[2]
PASSWORD = "demo-password-1"
DESKTOP, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}
MAX_PAGE_BYTES = 200_000
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("   FAIL:", message)
    return condition


def api(method, path, token, body=None):
    request = urllib.request.Request(BASE + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def login(email, admin=False):
    request = urllib.request.Request(BASE + ("/api/admin/login" if admin else "/api/employee/login"), method="POST",
                                     data=json.dumps({"email": email, "password": PASSWORD}).encode())
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request) as response:
        return json.load(response)["accessToken"]


def duration(seconds):
    """The pages' Formatting.duration: `3 h 05 min`, `12 min`, `40 s` (rounded half away from zero)."""
    total = int(math.floor(max(0.0, seconds) + 0.5))
    hours, minutes = total // 3600, (total % 3600) // 60
    if hours > 0:
        return f"{hours} h {minutes:02d} min"
    if minutes > 0:
        return f"{minutes} min"
    return f"{total} s"


def route_of(path):
    """One page per route and scope: ids and other query values do not make a new page."""
    parts = urlsplit(path)
    scope = re.search(r"(?:^|&)scope=([a-z]+)", parts.query)
    route = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", ":id", parts.path)
    return route + (f"?scope={scope.group(1)}" if scope else "")


class Watched:
    """A browser context for one person, failing on console errors, page errors, failed requests and 5xx."""

    def __init__(self, browser, role):
        self.role, self.problems, self.expected = role, [], 0
        self.context = browser.new_context(viewport=DESKTOP, base_url=BASE)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console error: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        # Text that reached a page as markup would run: any dialog at all is a failure.
        self.page.on("dialog", lambda d: (self.problems.append(f"a dialog opened: {d.message}"), d.dismiss()))
        # A request cancelled because the page moved on (net::ERR_ABORTED) is not a failure; any other is.
        self.page.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "")
                     and self.problems.append(f"request failed: {r.method} {r.url} {r.failure}"))
        self.page.on("response", self.on_response)
        self.shots = 0

    def on_response(self, response):
        """Any 5xx fails; so does a 4xx for anything but the page itself (a missing stylesheet, script or icon)."""
        if response.status >= 500:
            self.problems.append(f"{response.status} from {response.url}")
        elif response.status >= 400 and not response.request.is_navigation_request():
            self.problems.append(f"{response.status} for a part of the page: {response.url}")

    def take_problems(self, where, allowed=0):
        """Problems since the last call; `allowed` console errors are the browser reporting an expected 4xx."""
        problems = [p for p in self.problems if not (allowed and re.search(r"status of 4\d\d|^4\d\d for a part", p))]
        self.problems.clear()
        for p in problems:
            check(False, f"{self.role} {where}: {p}")

    def sign_in(self, email, admin=False):
        page = self.page
        page.goto("/sign-in")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(PASSWORD)
        if admin:
            page.get_by_label("Sign in as administrator").check()
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state("load")
        check("/sign-in" not in page.url, f"{self.role}: sign-in did not leave the sign-in page ({page.url})")
        self.take_problems("sign-in")

    def visit(self, path, status=200, shot=True):
        page = self.page
        response = page.goto(path)
        page.wait_for_load_state("load")
        check(response is not None and response.status == status, f"{self.role} {path}: status {response and response.status}, expected {status}")
        self.take_problems(path, allowed=status >= 400)
        if status == 200:
            self.check_page(path)
        if shot:
            name = f"{self.role}-{self.shots:02d}-" + (re.sub(r"[^a-z0-9]+", "-", route_of(path).lower()).strip("-") or "root")
            page.screenshot(path=os.path.join(SHOTS, f"{name}-desktop.png"), full_page=True)
            page.set_viewport_size(PHONE)
            page.screenshot(path=os.path.join(SHOTS, f"{name}-phone.png"), full_page=True)
            width = page.evaluate("document.documentElement.scrollWidth")
            check(width <= PHONE["width"] + 1, f"{self.role} {path}: wider than a phone ({width} px)")
            page.set_viewport_size(DESKTOP)
            self.shots += 1
        return response

    def check_page(self, path):
        """Every visible form field has a label; the page is light (under 200 kB without images); keyboard reaches the nav."""
        unlabelled = self.page.evaluate("""() => [...document.querySelectorAll('input, select, textarea')]
            .filter(e => e.type !== 'hidden' && !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
            .map(e => e.outerHTML.slice(0, 80))""")
        check(not unlabelled, f"{self.role} {path}: form fields without a label: {unlabelled}")
        weight = self.page.evaluate("""() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
            .reduce((sum, e) => sum + (e.decodedBodySize || 0), 0)""")
        check(weight < MAX_PAGE_BYTES, f"{self.role} {path}: page weight {weight} bytes")
        self.page.keyboard.press("Tab")
        focused = self.page.evaluate("document.activeElement && document.activeElement.tagName")
        check(focused in ("A", "INPUT", "BUTTON", "SELECT"), f"{self.role} {path}: Tab focuses {focused}")

    def crawl(self, start, limit=40):
        """Visits every route this person is shown a link to, starting from `start`; returns the routes seen."""
        seen, queue = set(), [start]
        while queue and len(seen) < limit:
            path = queue.pop(0)
            route = route_of(path)
            if route in seen:
                continue
            seen.add(route)
            self.visit(path)
            links = self.page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
            for href in links:
                if href.startswith("/") and not href.startswith(("/api/", "/static/")) and route_of(href) not in seen:
                    queue.append(href)
        return seen

    def total(self, key):
        return self.page.locator(f'[data-total="{key}"]').first.inner_text().strip()


def main():
    admin_token = login("admin@demo.example", admin=True)
    people = api("GET", "/api/employees?limit=200", admin_token)["items"]
    manager = next(p for p in people if p["role"] == "manager" and p["managedTeamIds"])
    team = manager["managedTeamIds"][0]
    employee = next(p for p in people if p["role"] == "employee" and p["teamId"] == team)
    colleague = next(p for p in people if p["role"] == "employee" and p["id"] != employee["id"])
    print(f"   manager {manager['email']}, employee {employee['email']}, team {team}")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ["CHROMIUM"], args=["--no-sandbox"])

        # Before signing in: every page leads to the sign-in page.
        anonymous = Watched(browser, "anonymous")
        anonymous.visit("/")
        check(anonymous.page.url.startswith(BASE + "/sign-in"), f"/ without a session went to {anonymous.page.url}")
        check(anonymous.page.locator("[data-demo]").count() == 1, "the demo's sign-in page does not say how to sign in")
        anonymous.visit(f"/dashboard/team/{team}")
        check("/sign-in?next=" in anonymous.page.url, f"a protected page without a session went to {anonymous.page.url}")

        # Administrator: the organisation's dashboard agrees with the API, and every reachable page renders.
        admin = Watched(browser, "admin")
        admin.sign_in("admin@demo.example", admin=True)
        admin.visit("/dashboard/organization?period=week")
        org = api("GET", "/api/dashboard?scope=organization&period=week", admin_token)
        check(admin.total("active") == duration(org["totals"]["activeSeconds"]),
              f"organisation active {admin.total('active')!r} vs API {duration(org['totals']['activeSeconds'])!r}")
        routes = admin.crawl("/")
        for extra in [f"/dashboard/team/{team}", f"/teams/{team}/metrics?period=week", f"/trends?scope=team&id={team}",
                      "/trends?scope=organization&metric=active&granularity=week", f"/timesheets?scope=team&id={team}"]:
            if route_of(extra) not in routes:
                admin.visit(extra)
        # Hostile query strings on every page that reads one: a 4xx page, never a 5xx.
        hostile = ["x", "2026-13-45", "9999-01-01", "-1", "\x00", "' OR 1=1", "<script>", "a" * 5000,
                   "00000000-0000-0000-0000-000000000000", "1e308"]
        pages = ["/dashboard/organization?period={}", "/dashboard/organization?period=custom&date={}&to={}", "/dashboard/team/{}",
                 "/dashboard/employee/{}", "/trends?scope=team&id={}", "/trends?metric={}", "/trends?from={}", "/teams/{}/metrics",
                 f"/teams/{team}/metrics?sort={{}}", "/timesheets?from={}&to={}", "/flags?state={}", "/flags?cursor={}", "/flags/{}",
                 "/schedule?date={}", "/schedule?team={}", "/attendance?from={}", "/attendance?team={}", "/points?period={}",
                 "/points?date={}", "/admin/people?team={}", "/admin/people?cursor={}", "/admin/people/{}", "/admin/teams/{}",
                 "/admin/rules/preview?field=app&match=regex&pattern={}&category=neutral", "/me/idle?date={}", "/sign-in?next={}"]
        for template in pages:
            for value in hostile:
                path = template.replace("{}", urllib.parse.quote(value, safe=""))
                status = admin.context.request.get(path, max_redirects=0).status
                check(status < 500, f"{path[:100]}: {status}")
        print(f"   {len(pages) * len(hostile)} hostile query strings: no 5xx")

        # The rule form's preview follows the typing (script), and agrees with the API's preview.
        admin.visit("/admin/rules", shot=False)
        admin.page.locator('select[name="field"]').select_option("app")
        admin.page.locator('select[name="match"]').select_option("glob")
        admin.page.get_by_label("Pattern").type("Slac*", delay=30)
        admin.page.wait_for_selector("#rule-preview [data-preview-count]")
        shown = admin.page.locator("#rule-preview [data-preview-count]").get_attribute("data-preview-count")
        expected = api("POST", "/api/rules/preview", admin_token, {"field": "app", "match": "glob", "pattern": "Slac*", "category": "productive"})
        check(shown == str(len(expected["matches"])), f"live preview shows {shown} matches, the API {len(expected['matches'])}")
        admin.page.screenshot(path=os.path.join(SHOTS, "admin-rules-live-preview-desktop.png"), full_page=True)
        admin.take_problems("rule preview")

        csv = admin.context.request.get(f"/api/dashboard?scope=team&id={team}&period=week&format=csv&table=days")
        check(csv.status == 200 and csv.headers.get("content-type", "").startswith("text/csv"), f"CSV download: {csv.status}")
        print(f"   admin: {len(routes)} routes crawled")

        # Dark colour scheme (the operating system's preference): the same pages, screenshots to look at.
        dark = browser.new_context(viewport=DESKTOP, base_url=BASE, color_scheme="dark")
        dark.add_cookies(admin.context.cookies())
        dark_page = dark.new_page()
        for path in ["/dashboard/organization?period=week", f"/dashboard/team/{team}?period=week", "/flags", "/admin/rules"]:
            dark_page.goto(path)
            dark_page.wait_for_load_state("load")
            background = dark_page.evaluate("getComputedStyle(document.body).backgroundColor")
            check(background != "rgb(247, 247, 249)", f"dark scheme {path}: the light background ({background})")
            dark_page.screenshot(path=os.path.join(SHOTS, "dark-" + re.sub(r"[^a-z0-9]+", "-", route_of(path)).strip("-") + ".png"), full_page=True)
        dark.close()

        # Manager: the team dashboard and metrics agree with the API; first contentful paint of the team dashboard.
        manager_token = login(manager["email"])
        boss = Watched(browser, "manager")
        boss.sign_in(manager["email"])
        boss.visit(f"/dashboard/team/{team}?period=week")
        fcp = boss.page.evaluate("""() => new Promise(resolve => {
            new PerformanceObserver(list => { const e = list.getEntriesByName('first-contentful-paint')[0]; if (e) resolve(e.startTime); })
              .observe({type: 'paint', buffered: true});
            setTimeout(() => resolve(null), 5000);
        })""")
        print(f"   first contentful paint of the team dashboard: {fcp:.0f} ms" if fcp else "   first contentful paint: not reported")
        team_api = api("GET", f"/api/dashboard?scope=team&id={team}&period=week", manager_token)
        check(boss.total("active") == duration(team_api["totals"]["activeSeconds"]),
              f"team active {boss.total('active')!r} vs API {duration(team_api['totals']['activeSeconds'])!r}")
        boss.visit(f"/teams/{team}/metrics?period=week")
        metrics = api("GET", f"/api/teams/{team}/metrics?period=week", manager_token)
        for row in metrics["rows"]:
            shown = boss.page.locator(f'tr[data-employee="{row["employeeId"]}"] td[data-active]').get_attribute("data-active")
            check(shown == str(int(math.floor(row["activeSeconds"] + 0.5))), f"metrics row {row['name']}: {shown} vs {row['activeSeconds']}")
        routes = boss.crawl("/")
        print(f"   manager: {len(routes)} routes crawled")
        other_team = next(t for t in {p.get("teamId") for p in people} - {team, None})
        boss.visit(f"/dashboard/team/{other_team}", status=403)

        # Flags: the manager acknowledges a flag from the inbox; the API sees the same state.
        boss.visit("/flags")
        first = boss.page.locator("tr[data-flag] a").first
        if check(first.count() == 1, "the demo manager's flag inbox is empty"):
            flag_id = boss.page.locator("tr[data-flag]").first.get_attribute("data-flag")
            first.click()
            boss.page.wait_for_load_state("load")
            boss.page.locator('form[action$="/acknowledge"] input[name="note"]').fill("Talked about it")
            boss.page.locator('form[action$="/acknowledge"] button').click()
            boss.page.wait_for_load_state("load")
            check(boss.page.locator("[data-state]").inner_text() == "acknowledged", "the flag page does not show it acknowledged")
            flag = api("GET", f"/api/flags/{flag_id}", manager_token)
            check(flag["state"] == "acknowledged" and flag["history"][-1]["note"] == "Talked about it", f"API: {flag['state']}")
            boss.take_problems("flag review")

        # Employee: their own pages; a colleague's page and the team's pages are refused and not linked.
        mine = Watched(browser, "employee")
        mine.sign_in(employee["email"])
        routes = mine.crawl("/")
        print(f"   employee: {len(routes)} routes crawled")
        check(not any(r.startswith(("/dashboard/team", "/dashboard/organization", "/teams/")) for r in routes),
              f"an employee is shown team or organisation pages: {sorted(routes)}")
        mine.visit(f"/dashboard/employee/{colleague['id']}", status=403)
        mine.visit(f"/teams/{team}/metrics", status=403)
        mine.visit("/dashboard/organization", status=403)
        mine.visit("/flags", status=403)

        # Points: the page's week total is the API's.
        employee_token = login(employee["email"])
        mine.visit("/points", shot=False)
        points = api("GET", "/api/me/gamification", employee_token)
        shown = mine.page.locator('[data-points="week"]').inner_text().strip()
        check(shown == str(points["points"]["week"]), f"points this week: page {shown}, API {points['points']['week']}")

        # Classify an idle period as work away: the dashboard's work-away total grows by its length.
        employee_token = login(employee["email"])
        mine.visit("/me/idle", shot=False)
        rows = mine.page.locator("tr[data-idle]")
        if rows.count() == 0:
            mine.visit("/me/idle?date=" + api("GET", "/api/dashboard?scope=employee&period=week", employee_token)["period"]["from"][:8] + "01", shot=False)
            rows = mine.page.locator("tr[data-idle]")
        check(rows.count() > 0, "the demo employee has no idle periods to classify")
        if rows.count() > 0:
            target = None
            for index in range(rows.count()):
                row = rows.nth(index)
                if row.locator("select").input_value() != "work_away":
                    target = row
                    break
            anchor = target.locator('input[name="date"]').input_value()
            before = api("GET", f"/api/dashboard?scope=employee&period=week&date={anchor}", employee_token)["totals"]["score"]["workAwaySeconds"]
            target.locator("select").select_option("work_away")
            target.get_by_label("Note").fill("customer call <script>alert(1)</script>")
            target.get_by_role("button", name="Save").click()
            mine.page.wait_for_load_state("load")
            check("saved=1" in mine.page.url and mine.page.get_by_role("status").count() > 0, f"classification not confirmed ({mine.page.url})")
            notes = mine.page.locator('input[name="note"]')
            check(any("customer call <script>alert(1)</script>" == notes.nth(i).input_value() for i in range(notes.count())),
                  "the note did not come back as the text typed")
            after = api("GET", f"/api/dashboard?scope=employee&period=week&date={anchor}", employee_token)["totals"]["score"]["workAwaySeconds"]
            check(after > before, f"work away did not grow: {before} → {after}")
            mine.visit(f"/dashboard/me?period=week&date={anchor}")
            check(mine.total("work-away") == duration(after), f"page work away {mine.total('work-away')!r} vs API {duration(after)!r}")
            mine.take_problems("idle classification")

        # Claim an open shift of the employee's team from the schedule page (this week or the next ones).
        claimed = None
        for week in range(3):
            mine.visit("/schedule" + (f"?date={(datetime.date.today() + datetime.timedelta(days=7 * week)).isoformat()}" if week else ""), shot=week == 0)
            buttons = mine.page.locator('form[action$="/claim"]')
            for index in range(buttons.count()):
                form = mine.page.locator('form[action$="/claim"]').nth(index)
                shift_id = form.get_attribute("action").split("/")[-2]
                form.locator("button").click()
                mine.page.wait_for_load_state("load")
                mine.take_problems("claim", allowed=True)
                if "claimed=1" in mine.page.url:
                    claimed = shift_id
                    break
                mine.page.go_back()
            if claimed:
                break
        if check(claimed is not None, "no open shift could be claimed in the demo's next three weeks"):
            check(mine.page.locator(f'[data-shift="{claimed}"]').count() == 1, "the claimed shift is not on the page")
            shift = api("GET", f"/api/schedule/shifts/{claimed}", employee_token)
            check(shift.get("employeeId") == employee["id"], f"API: the shift belongs to {shift.get('employeeId')}")
        mine.visit("/attendance")

        # Forged posts: no form token, another token, and a form on another site (the cookie is SameSite=Strict).
        devices_before = len(api("GET", "/api/me/devices", employee_token)["items"])
        mine.visit("/me/devices", shot=False)
        for body in ("name=forged&platform=linux", "name=forged&platform=linux&_csrf=AAAA"):
            status = mine.page.evaluate("""body => fetch('/me/devices', {method: 'POST', body,
                headers: {'Content-Type': 'application/x-www-form-urlencoded'}}).then(r => r.status)""", body)
            check(status == 403, f"a form post without this session's token answered {status}")
        mine.take_problems("forged posts", allowed=True)
        mine.context.route("http://evil.test/**", lambda route: route.fulfill(content_type="text/html", body=f"""
            <form id="f" method="post" action="{BASE}/me/devices"><input name="name" value="evil"><input name="platform" value="linux"></form>
            <script>document.getElementById('f').submit()</script>"""))
        mine.page.goto("http://evil.test/")
        mine.page.wait_for_url(re.compile(re.escape(BASE) + ".*"))
        mine.page.wait_for_load_state("load")
        mine.take_problems("cross-site form", allowed=True)
        check(len(api("GET", "/api/me/devices", employee_token)["items"]) == devices_before, "a forged form enrolled a device")

        # Sign out ends the session: the dashboard asks for a sign-in again.
        mine.page.goto("/dashboard/me")
        mine.page.get_by_role("button", name="Sign out").click()
        mine.page.wait_for_load_state("load")
        mine.page.goto("/dashboard/me")
        check("/sign-in" in mine.page.url, f"after signing out /dashboard/me went to {mine.page.url}")
        mine.take_problems("sign out")
        browser.close()

    shots = len([f for f in os.listdir(SHOTS) if f.endswith(".png")])
    print(f"   {shots} screenshots in {SHOTS}")
    if failures:
        print(f"!! {len(failures)} browser check(s) failed")
        sys.exit(1)
    print("   browser tests passed")


main()

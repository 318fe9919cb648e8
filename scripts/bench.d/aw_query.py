"""query2 on the same data in ours and aw-server 0.12.0 (scripts/bench aw-query).
Usage: aw_query.py generate DAYS PER_DAY OUT.json
       aw_query.py run BASE_URL TOKEN|aw EVENTS.json LABEL SERVER_PID RUNS    → one JSON line per query
       aw_query.py report RESULTS.jsonl"""
import datetime as dt, json, os, random, statistics, sys, time, urllib.request

WINDOW, AFK, WEB = "aw-watcher-window_bench", "aw-watcher-afk_bench", "aw-watcher-web-firefox"
APPS = [("Code", ["main.swift — tracker", "IngestService.swift — tracker", "README.md — tracker"]),
        ("Firefox", None), ("Slack", ["#general | Acme", "#eng-backend | Acme", "DM with Sam"]),
        ("Terminal", ["bash — 120×40", "swift build", "ssh build-3"]), ("Mail", ["Inbox — 12 messages", "Re: weekly report"]),
        ("zoom.us", ["Zoom Meeting"])]
SITES = [("https://github.com/ActivityWatch/aw-server/pull/%d", "Pull request #%d · GitHub"),
         ("https://www.youtube.com/watch?v=%d", "Video %d - YouTube"), ("https://stackoverflow.com/questions/%d", "Question %d - Stack Overflow"),
         ("https://mail.google.com/mail/u/0/#inbox/%d", "Inbox (%d) - Gmail")]
CLASSES = [[["Work", "Programming"], {"type": "regex", "regex": "Code|Terminal|GitHub|Stack Overflow"}],
           [["Comms"], {"type": "regex", "regex": "Slack|Mail|Gmail|zoom", "ignore_case": True}],
           [["Media"], {"type": "regex", "regex": "YouTube|Spotify"}]]


def iso(t):
    return t.isoformat()


def generate(days, per_day, out):
    """PER_DAY window events a day in an 8-hour working day with a lunch break (AFK), browser tabs for Firefox."""
    rng = random.Random(1)
    window, afk, web = [], [], []
    today = dt.datetime.now(dt.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    for d in range(days, 0, -1):
        start = today - dt.timedelta(days=d) + dt.timedelta(hours=8)
        t, end = start, start + dt.timedelta(hours=8, minutes=45)
        lunch = start + dt.timedelta(hours=4)
        mean = (8 * 3600) / per_day
        while t < end:
            if lunch <= t < lunch + dt.timedelta(minutes=45):
                t = lunch + dt.timedelta(minutes=45)
                continue
            seconds = max(1, round(rng.expovariate(1 / mean)))
            app, titles = rng.choice(APPS)
            if titles is None:
                url, title = rng.choice(SITES)
                n = rng.randint(1, 300)
                window.append({"timestamp": iso(t), "duration": seconds, "data": {"app": app, "title": (title % n) + " — Mozilla Firefox"}})
                web.append({"timestamp": iso(t), "duration": seconds, "data": {"url": url % n, "title": title % n, "audible": False, "incognito": False, "tabCount": 4}})
            else:
                window.append({"timestamp": iso(t), "duration": seconds, "data": {"app": app, "title": rng.choice(titles)}})
            t += dt.timedelta(seconds=seconds)
        afk += [{"timestamp": iso(start), "duration": 4 * 3600, "data": {"status": "not-afk"}},
                {"timestamp": iso(lunch), "duration": 45 * 60, "data": {"status": "afk"}},
                {"timestamp": iso(lunch + dt.timedelta(minutes=45)), "duration": 4 * 3600, "data": {"status": "not-afk"}}]
    first = today - dt.timedelta(days=days)
    json.dump({"from": iso(first), "to": iso(today), "days": days, "window": window, "afk": afk, "web": web}, open(out, "w"))
    print(f"generated {len(window)} window events, {len(web)} tab events, {len(afk)} AFK events over {days} days")


def call(base, token, method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    req.add_header("Content-Type", "application/json")
    if token != "aw":
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=600) as r:
        return r.read()


def full_query(bucket_window, bucket_afk, bucket_web):
    """aw-webui's activity view (aw-client's fullDesktopQuery with one Firefox bucket, categories as above)."""
    classes = json.dumps(CLASSES)
    return f"""
events = flood(query_bucket(find_bucket("{bucket_window}")));
not_afk = flood(query_bucket(find_bucket("{bucket_afk}")));
not_afk = filter_keyvals(not_afk, "status", ["not-afk"]);
browser_events = [];
events_firefox = flood(query_bucket("{bucket_web}"));
window_firefox = filter_keyvals(events, "app", ["Firefox", "Firefox.exe", "firefox", "firefox.exe"]);
events_firefox = filter_period_intersect(events_firefox, window_firefox);
events_firefox = split_url_events(events_firefox);
browser_events = concat(browser_events, events_firefox);
browser_events = sort_by_timestamp(browser_events);
audible_events = filter_keyvals(browser_events, "audible", [true]);
not_afk = period_union(not_afk, audible_events);
events = filter_period_intersect(events, not_afk);
events = categorize(events, {classes});
title_events = sort_by_duration(merge_events_by_keys(events, ["app", "title"]));
app_events = sort_by_duration(merge_events_by_keys(title_events, ["app"]));
cat_events = sort_by_duration(merge_events_by_keys(events, ["$category"]));
app_events = limit_events(app_events, 100);
title_events = limit_events(title_events, 100);
duration = sum_durations(events);
browser_events = split_url_events(browser_events);
browser_urls = limit_events(sort_by_duration(merge_events_by_keys(browser_events, ["url"])), 100);
browser_domains = limit_events(sort_by_duration(merge_events_by_keys(browser_events, ["$domain"])), 100);
browser_duration = sum_durations(browser_events);
RETURN = {{"events": limit_events(events, 100), "window": {{"app_events": app_events, "title_events": title_events,
  "cat_events": cat_events, "active_events": limit_events(not_afk, 100), "duration": duration}},
  "browser": {{"domains": browser_domains, "urls": browser_urls, "duration": browser_duration}}}};
""".strip().split("\n")


def cpu_ms(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def run(base, token, path, label, pid, runs):
    data = json.load(open(path))
    for bucket, kind, events in ((WINDOW, "currentwindow", data["window"]), (AFK, "afkstatus", data["afk"]), (WEB, "web.tab.current", data["web"])):
        call(base, token, "POST", f"/api/0/buckets/{bucket}", {"client": "bench", "type": kind, "hostname": "bench"})
        for i in range(0, len(events), 1000):
            call(base, token, "POST", f"/api/0/buckets/{bucket}/events", events[i:i + 1000])
    count = int(call(base, token, "GET", f"/api/0/buckets/{WINDOW}/events/count"))
    whole = [data["from"] + "/" + data["to"]]
    start = dt.datetime.fromisoformat(data["from"])
    per_day = [iso(start + dt.timedelta(days=i)) + "/" + iso(start + dt.timedelta(days=i + 1)) for i in range(data["days"])]
    cases = {
        "merge-by-app": (['events = query_bucket("%s");' % WINDOW, 'events = merge_events_by_keys(events, ["app"]);',
                          'RETURN = sort_by_duration(events);'], whole),
        "activity-view": (full_query(WINDOW, AFK, WEB), whole),
        "activity-view-per-day": (full_query(WINDOW, AFK, WEB), per_day),
    }
    for name, (query, periods) in cases.items():
        body = {"query": query, "timeperiods": periods}
        answer = json.loads(call(base, token, "POST", "/api/0/query/", body))   # warm, and a sanity check
        assert answer and answer[0], f"{name}: empty answer"
        samples, before = [], cpu_ms(pid)
        for _ in range(runs):
            t = time.perf_counter()
            call(base, token, "POST", "/api/0/query/", body)
            samples.append((time.perf_counter() - t) * 1000)
        cpu = (cpu_ms(pid) - before) / runs
        samples.sort()
        summary = answer[0][0]["duration"] if name == "merge-by-app" else answer[0]["window"]["duration"]
        print(json.dumps({"label": label, "case": name, "events": count, "periods": len(periods), "runs": runs,
                          "p50_ms": round(statistics.median(samples), 1), "p99_ms": round(samples[min(len(samples) - 1, int(0.99 * len(samples)))], 1),
                          "cpu_ms": round(cpu, 1), "check": round(summary, 1)}), flush=True)


def report(path):
    rows = [json.loads(l) for l in open(path) if l.strip()]
    aw = {r["case"]: r for r in rows if r["label"] == "aw-server"}
    print(f"{'system':10} {'case':24} {'events':>7} {'periods':>7} {'p50 ms':>9} {'p99 ms':>9} {'CPU/query ms':>13}")
    for r in rows:
        print(f"{r['label']:10} {r['case']:24} {r['events']:7} {r['periods']:7} {r['p50_ms']:9.1f} {r['p99_ms']:9.1f} {r['cpu_ms']:13.1f}")
    for r in rows:
        a = aw.get(r["case"])
        if r["label"] != "aw-server" and a:
            print(f"{r['label']} vs aw-server, {r['case']}: ×{a['p50_ms'] / max(r['p50_ms'], 0.01):.1f} faster (p50), "
                  f"×{a['cpu_ms'] / max(r['cpu_ms'], 0.01):.1f} less CPU per query; same answer: {abs(a['check'] - r['check']) < 1}")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "generate":
        generate(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    elif cmd == "run":
        run(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]), int(sys.argv[7]))
    else:
        report(sys.argv[2])

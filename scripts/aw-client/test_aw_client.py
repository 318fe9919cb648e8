"""ActivityWatch's own Python client (aw-client from PyPI) against our live server's /api/0.

Usage: test_aw_client.py PORT DEVICE_TOKEN PERSON_ACCESS_TOKEN
The device token goes in the host as TOKEN:@127.0.0.1, exactly as a watcher's configuration would put it: requests
turns URL credentials into HTTP Basic — but only with the colon (without it, `TOKEN@host` sends no credentials). Every expected number below is worked out by hand in the comments."""
import json, sys, urllib.request
from datetime import datetime, timedelta, timezone

from aw_client import ActivityWatchClient
from aw_client.queries import DesktopQueryParams, fullDesktopQuery
from aw_core.models import Event

port, device_token, person_token = int(sys.argv[1]), sys.argv[2], sys.argv[3]
failures = []


def check(name, got, want):
    if got != want:
        failures.append(f"{name}: got {got!r}, want {want!r}")
    else:
        print(f"  ok  {name}")


client = ActivityWatchClient("aw-client-test", host=f"{device_token}:@127.0.0.1", port=port)
host = "test-laptop"
window, afk, web, custom = f"aw-watcher-window_{host}", f"aw-watcher-afk_{host}", "aw-watcher-web-firefox", f"my-custom-watcher_{host}"
client.create_bucket(window, "currentwindow")
client.create_bucket(window, "currentwindow")          # again: aw-server's 304, which aw-client takes as success
client.create_bucket(afk, "afkstatus")
client.create_bucket(web, "web.tab.current")
client.create_bucket(custom, "app.custom.test")
check("buckets", sorted(client.get_buckets().keys()), sorted([window, afk, web, custom]))

# t0: half an hour ago, whole seconds. Everything below is placed in seconds after it.
t0 = (datetime.now(timezone.utc) - timedelta(minutes=30)).replace(microsecond=0)
at = lambda s: t0 + timedelta(seconds=s)

# Window heartbeats: Code at 0, 60, 120 with pulsetime 90 merge into one event [0, 120].
code = {"app": "Code", "title": "main.swift"}
for s in (0, 60, 120):
    client.heartbeat(window, Event(timestamp=at(s), duration=0, data=code), pulsetime=90)
# The browser extension reports a YouTube tab [110, 190]; then Firefox's window beats at 120 and 180: [120, 180],
# and the server gives that window time the tab's URL.
tab = {"url": "https://www.youtube.com/watch?v=1", "title": "Cats", "audible": False, "incognito": False, "tabCount": 2}
client.heartbeat(web, Event(timestamp=at(110), duration=80, data=tab), pulsetime=60)
firefox = {"app": "Firefox", "title": "Cats — Mozilla Firefox"}
for s in (120, 180):
    client.heartbeat(window, Event(timestamp=at(s), duration=0, data=firefox), pulsetime=90)
# Slack [180, 300] inserted as a finished event.
client.insert_events(window, [Event(timestamp=at(180), duration=120, data={"app": "Slack", "title": "general"})])
# AFK: here [0, 240], away [240, 300].
client.insert_events(afk, [Event(timestamp=at(0), duration=240, data={"status": "not-afk"}),
                           Event(timestamp=at(240), duration=60, data={"status": "afk"})])

events = client.get_events(window, limit=-1)
check("window events, newest first", [(e.data["app"], e.duration.total_seconds()) for e in events],
      [("Slack", 120.0), ("Firefox", 60.0), ("Code", 120.0)])
check("window event ids are integers", all(isinstance(e.id, int) for e in events), True)
check("Firefox time carries the tab's URL", events[1].data.get("url"), tab["url"])
check("event count", client.get_eventcount(window), 3)
check("one event by id", client.get_event(window, events[2].id).data, code)
check("afk events", [(e.data["status"], e.duration.total_seconds()) for e in client.get_events(afk)],
      [("afk", 60.0), ("not-afk", 240.0)])
check("events in a range", [e.data["app"] for e in client.get_events(window, start=at(150), end=at(200))], ["Slack", "Firefox"])

# aw-webui's activity view: the full desktop query, window + AFK + browser, with two categories.
params = DesktopQueryParams(bid_window=window, bid_afk=afk, bid_browsers=[web], classes=[
    (["Work"], {"type": "regex", "regex": "Code"}),
    (["Media"], {"type": "regex", "regex": "youtube|Cats"}),
])
# aw-client 0.5.15 leaves `{default_limit}` unformatted in its browser part (a plain string, not an f-string): a
# syntax error on any server. aw-webui sends 100 there; so do we.
query = fullDesktopQuery(params).replace("{default_limit}", "100")
result = client.query(query, [(at(-60), at(600))])[0]
# Not-AFK is [0, 240]: Code [0, 120] and Firefox [120, 180] are whole, Slack is cut to [180, 240].
check("activity: events", [(e["data"]["app"], e["duration"], e["data"]["$category"]) for e in result["events"]],
      [("Code", 120.0, ["Work"]), ("Firefox", 60.0, ["Media"]), ("Slack", 60.0, ["Uncategorized"])])
check("activity: duration", result["window"]["duration"], 240.0)
check("activity: apps by time", [(e["data"]["app"], e["duration"]) for e in result["window"]["app_events"]],
      [("Code", 120.0), ("Firefox", 60.0), ("Slack", 60.0)])
check("activity: titles", len(result["window"]["title_events"]), 3)
check("activity: categories", sorted((e["data"]["$category"][0], e["duration"]) for e in result["window"]["cat_events"]),
      [("Media", 60.0), ("Uncategorized", 60.0), ("Work", 120.0)])
check("activity: active periods", [e["duration"] for e in result["window"]["active_events"]], [240.0])
# The tab [110, 190] inside Firefox's window time [120, 180]: 60 s of youtube.com.
check("browser: domains", [(e["data"]["$domain"], e["duration"]) for e in result["browser"]["domains"]], [("youtube.com", 60.0)])
check("browser: urls", [(e["data"]["url"], e["duration"]) for e in result["browser"]["urls"]], [(tab["url"], 60.0)])
check("browser: duration", result["browser"]["duration"], 60.0)
# Two periods at once: the first 150 s, then the rest.
two = client.query("events = query_bucket(find_bucket(\"aw-watcher-window_\"));\nRETURN = sum_durations(events);",
                   [(at(0), at(150)), (at(150), at(600))])
check("two periods", two, [150.0, 150.0])

# A custom bucket: arbitrary data, kept verbatim; export, delete, import, export again.
odd = [{"file": "/src/main.swift", "n": 12, "ratio": 0.125, "nested": {"a": [1, None, True]}}, {"é": "ünïcode 😀", "empty": {}}]
client.insert_events(custom, [Event(timestamp=at(10 * i), duration=5, data=d) for i, d in enumerate(odd)])
exported = client.export_bucket(custom)
check("export holds the events", [e["data"] for e in exported["buckets"][custom]["events"]], odd)
extra = client.get_events(custom)[0]
client.delete_event(custom, extra.id)
check("delete an event", client.get_eventcount(custom), 1)
client.delete_bucket(custom, force=True)
check("bucket deleted", custom in client.get_buckets(), False)
client.import_bucket(exported["buckets"][custom])
again = client.export_bucket(custom)
strip = lambda x: {k: v for k, v in x["buckets"][custom].items() if k not in ("created", "last_updated")}
check("import round trip", json.dumps(strip(again), sort_keys=True), json.dumps(strip(exported), sort_keys=True))
check("export all", sorted(client.export_all()["buckets"].keys()), sorted([window, afk, web, custom]))

# Settings, as aw-webui keeps them.
client.set_setting("startOfDay", "04:00")
check("settings", client.get_setting("startOfDay"), "04:00")

# The person's own access token reads the buckets (Bearer), and the AFK spell is one of their idle periods.
def get(path):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Authorization": f"Bearer {person_token}"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)
check("the person reads their buckets", sorted(get("/api/0/buckets/").keys()), sorted([window, afk, web, custom]))
frm, to = at(-60).strftime("%Y-%m-%dT%H:%M:%SZ"), at(600).strftime("%Y-%m-%dT%H:%M:%SZ")
idle = get(f"/api/idle?from={frm}&to={to}")["items"]
check("the AFK spell is an idle period", [(i["reason"], i["start"], i["end"]) for i in idle],
      [("afk", at(240).strftime("%Y-%m-%dT%H:%M:%SZ"), at(300).strftime("%Y-%m-%dT%H:%M:%SZ"))])

if failures:
    print("\n".join("FAIL " + f for f in failures))
    sys.exit(1)
print(f"aw-client: all checks passed")

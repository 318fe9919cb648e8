-- Realistic heartbeats, as ActivityWatch's window watcher sends them: one per simulated second per device
-- (duration 0, pulsetime=2), the focused window changing with probability 0.1 per beat. Each connection is its
-- own device with its own simulated clock, starting BENCH_SIM_AGO seconds in the past (so that a fast server
-- never runs its clock into the future; every case gets its own window of time, so cases do not interleave).
-- Hours fill up as they would in a day of work: ~3,600 beats and ~360 distinct events per device-hour.
local apps = {
  { "Code", { "main.swift — tracker", "IngestService.swift — tracker", "Package.swift — tracker", "README.md — tracker" } },
  { "Firefox", { "Pull request #%d · GitHub", "Issue %d — Jira", "Inbox (%d) - Gmail", "Stack Overflow — question %d" } },
  { "Slack", { "#general | Acme", "#eng-backend | Acme", "DM with Sam %d", "#incident-%d | Acme" } },
  { "Terminal", { "bash — %d×40", "swift build", "ssh build-%d" } },
  { "Mail", { "Inbox — %d messages", "Re: weekly report %d" } },
  { "zoom.us", { "Zoom Meeting %d" } },
}

function pick_window()
  local a = apps[math.random(1, #apps)]
  local t = a[2][math.random(1, #a[2])]
  return a[1], string.format(t, math.random(1, 40))
end

-- A string as a JSON string's contents (window titles may hold quotes and backslashes).
function json_escape(s) return (s:gsub('\\', '\\\\'):gsub('"', '\\"')) end

function next_beat()
  if not sim then
    sim = os.time() - tonumber(os.getenv("BENCH_SIM_AGO") or "36000") + id * 0.001
    app, title = pick_window()
  end
  sim = sim + 1
  if math.random() < 0.1 then app, title = pick_window() end
  return iso_at(sim), app, title
end

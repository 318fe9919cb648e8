-- Realistic heartbeats (see realistic.lua) against our API.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
dofile(os.getenv("BENCH_DIR") .. "/realistic.lua")
per_request = 1

function request()
  local ts, app, title = next_beat()
  local body = string.format('{"timestamp":"%s","duration":0,"app":"%s","title":"%s"}', ts, json_escape(app), json_escape(title))
  return wrk.format("POST", "/api/activities/heartbeat?pulsetime=2",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end

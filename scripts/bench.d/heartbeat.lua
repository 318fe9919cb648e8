-- Heartbeats from one device per connection, same window (so they merge, as a real watcher's do).
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
per_request = 1

function request()
  local body = string.format('{"timestamp":"%s","duration":0,"app":"Code","title":"main.swift"}', iso(now()))
  return wrk.format("POST", "/api/activities/heartbeat?pulsetime=60",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end

-- The same realistic heartbeats against aw-server (/api/0), one bucket per connection.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
dofile(os.getenv("BENCH_DIR") .. "/realistic.lua")
per_request = 1

function request()
  local ts, app, title = next_beat()
  local body = string.format('{"timestamp":"%s","duration":0,"data":{"app":"%s","title":"%s"}}', ts, json_escape(app), json_escape(title))
  return wrk.format("POST", "/api/0/buckets/" .. bucket .. "/heartbeat?pulsetime=2",
    { ["Content-Type"] = "application/json" }, body)
end

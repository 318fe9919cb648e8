-- The same realistic heartbeats against ActivityWatch's API (/api/0), one bucket per connection: aw-server's, or
-- ours with the connection's device token (a token line of "aw" means aw-server, which has no auth).
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
dofile(os.getenv("BENCH_DIR") .. "/realistic.lua")
per_request = 1

function request()
  local ts, app, title = next_beat()
  local body = string.format('{"timestamp":"%s","duration":0,"data":{"app":"%s","title":"%s"}}', ts, json_escape(app), json_escape(title))
  local headers = { ["Content-Type"] = "application/json" }
  if token ~= "aw" then headers["Authorization"] = "Bearer " .. token end
  return wrk.format("POST", "/api/0/buckets/" .. bucket .. "/heartbeat?pulsetime=2", headers, body)
end

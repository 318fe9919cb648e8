-- The same heartbeats against ActivityWatch's aw-server (/api/0), one bucket per connection.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
per_request = 1

function request()
  local body = string.format('{"timestamp":"%s","duration":0,"data":{"app":"Code","title":"main.swift"}}', iso(now()))
  return wrk.format("POST", "/api/0/buckets/" .. bucket .. "/heartbeat?pulsetime=60",
    { ["Content-Type"] = "application/json" }, body)
end

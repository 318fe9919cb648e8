-- The same 1,000-event batches against aw-server's events endpoint (one bucket per device).
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
per_request = 1000

function request()
  local device, parts = backlog_batch(function(ts, app, title)
    return string.format('{"timestamp":"%s","duration":3,"data":{"app":"%s","title":"%s"}}', ts, app, title)
  end)
  return wrk.format("POST", "/api/0/buckets/bench-" .. device .. "/events",
    { ["Content-Type"] = "application/json" }, "[" .. table.concat(parts, ",") .. "]")
end

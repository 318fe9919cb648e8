-- The same 1,000-event batches against aw-server's events endpoint.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
per_request = 1000
local apps = { "Code", "Slack", "Firefox", "Terminal", "Mail" }

function request()
  local base = os.time() - 3600
  local parts = {}
  for i = 1, 1000 do
    parts[i] = string.format('{"timestamp":"%s","duration":3,"data":{"app":"%s","title":"Window %d"}}',
      iso(base + i * 3.5 + math.random()), apps[(i % #apps) + 1], i % 37)
  end
  return wrk.format("POST", "/api/0/buckets/" .. bucket .. "/events",
    { ["Content-Type"] = "application/json" }, "[" .. table.concat(parts, ",") .. "]")
end

-- 1,000-event batches with fresh ids, spread over the last hour.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
per_request = 1000
local apps = { "Code", "Slack", "Firefox", "Terminal", "Mail" }

function request()
  local base = os.time() - 3600
  local parts = {}
  for i = 1, 1000 do
    parts[i] = string.format('{"id":"%s","timestamp":"%s","duration":3,"app":"%s","title":"Window %d"}',
      uuid(), iso(base + i * 3.5 + math.random()), apps[(i % #apps) + 1], i % 37)
  end
  return wrk.format("POST", "/api/activities",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
    '{"events":[' .. table.concat(parts, ",") .. ']}')
end

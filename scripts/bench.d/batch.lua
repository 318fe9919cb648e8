-- 1,000-event batches with fresh ids, spread over the last hour.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
per_request = 1000
local apps = { "Code", "Slack", "Firefox", "Terminal", "Mail" }

-- Each request fills a different past hour of a different device, as agents uploading their backlog do; the
-- same hour sent again and again would describe one person producing tens of thousands of events an hour.
function request()
  k = (k or 0) + 1
  -- Threads interleave (slot = request × 16 + thread id), so no two requests share a device and an hour.
  local slot = (k - 1) * 16 + id
  local base = (math.floor(os.time() / 3600) - 1 - math.floor(slot / #tokens_all)) * 3600
  local parts = {}
  for i = 1, 1000 do
    parts[i] = string.format('{"id":"%s","timestamp":"%s","duration":3,"app":"%s","title":"Window %d"}',
      uuid(), iso(base + i * 3.5 + math.random() + (id - 1) * 0.0001), apps[(i % #apps) + 1], i % 37)
  end
  return wrk.format("POST", "/api/activities",
    { ["Authorization"] = "Bearer " .. tokens_all[(slot % #tokens_all) + 1], ["Content-Type"] = "application/json" },
    '{"events":[' .. table.concat(parts, ",") .. ']}')
end

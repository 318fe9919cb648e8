-- 1,000-event batches with fresh ids, each in a different past hour of a different device (see common.lua).
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
per_request = 1000

function request()
  local device, parts = backlog_batch(function(ts, app, title)
    return string.format('{"id":"%s","timestamp":"%s","duration":3,"app":"%s","title":"%s"}', uuid(), ts, app, title)
  end)
  return wrk.format("POST", "/api/activities",
    { ["Authorization"] = "Bearer " .. tokens_all[device], ["Content-Type"] = "application/json" },
    '{"events":[' .. table.concat(parts, ",") .. ']}')
end

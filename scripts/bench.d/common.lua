-- Shared by the wrk scripts: per-thread tokens / buckets, counting non-2xx answers and acknowledged events.
local counter = 0
local threads = {}

function load_lines(path)
  local lines = {}
  for line in io.lines(path) do if #line > 0 then table.insert(lines, line) end end
  return lines
end

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  acknowledged = 0
  inserted = 0
  failures = 0
  local tokens = load_lines(os.getenv("BENCH_TOKENS"))
  tokens_all = tokens
  token = tokens[((id - 1) % #tokens) + 1]
  bucket = "bench-" .. tostring(((id - 1) % #tokens) + 1)
  math.randomseed(os.time() * 1000 + id)
end

function iso(t) return iso_at(t) end

function iso_at(t)
  local whole = math.floor(t)
  local ms = math.floor((t - whole) * 1000)
  return os.date("!%Y-%m-%dT%H:%M:%S", whole) .. string.format(".%03dZ", ms)
end

function now()
  -- wrk has no sub-second clock in Lua; spread within the second by a counter.
  seq = (seq or 0) + 1
  return os.time() + (seq % 1000) / 1000
end

function uuid()
  local t = {}
  for i = 1, 32 do t[i] = string.format("%x", math.random(0, 15)) end
  local s = table.concat(t)
  return s:sub(1, 8) .. "-" .. s:sub(9, 12) .. "-4" .. s:sub(14, 16) .. "-a" .. s:sub(18, 20) .. "-" .. s:sub(21, 32)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    failures = failures + 1
    if status == 503 then unavailable = (unavailable or 0) + 1 else other_status = status end
  else
    local n = body and body:match('"accepted"%s*:%s*(%d+)')
    if n then acknowledged = acknowledged + tonumber(n) else acknowledged = acknowledged + (per_request or 1) end
    -- A heartbeat that did not merge stored a new event (our API says so; aw-server's answer does not).
    if body and body:find('"merged"%s*:%s*false') then inserted = inserted + 1 end
  end
end

function done(summary, latency, requests)
  local acked, new, failed, shed, other = 0, 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    acked = acked + (thread:get("acknowledged") or 0)
    new = new + (thread:get("inserted") or 0)
    failed = failed + (thread:get("failures") or 0)
    shed = shed + (thread:get("unavailable") or 0)
    other = thread:get("other_status") or other
  end
  io.write(string.format("BENCH requests=%d seconds=%.3f p50_ms=%.3f p99_ms=%.3f acknowledged=%d inserted=%d failures=%d unavailable=%d other_status=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000, acked, new, failed, shed, other))
end

-- 1,000 events in a past hour chosen so that no two requests share a device and an hour (agents uploading their
-- backlog do this; the same hour again and again would describe tens of thousands of events per person-hour).
-- Returns the device index (1-based) and the events, each formatted by `format(timestamp, app, title)`.
local apps = { "Code", "Slack", "Firefox", "Terminal", "Mail" }
function backlog_batch(format)
  k = (k or 0) + 1
  local slot = (k - 1) * 16 + id   -- threads interleave by id (up to 16 threads)
  local device = (slot % #tokens_all) + 1
  local base = (math.floor(os.time() / 3600) - 1 - math.floor(slot / #tokens_all)) * 3600
  local parts = {}
  for i = 1, 1000 do
    parts[i] = format(iso(base + i * 3.5 + math.random() + (id - 1) * 0.0001), apps[(i % #apps) + 1], "Window " .. (i % 37))
  end
  return device, parts
end

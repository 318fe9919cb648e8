-- Realistic heartbeats from a fleet (scripts/bench scale): each wrk thread drives BENCH_DEVICES_PER_THREAD devices in
-- turn, each with its own simulated clock and focused window (realistic.lua's model: one beat per simulated second,
-- the window changing with probability 0.1, pulsetime=2). Real agents send one beat at a time, so with as many
-- devices per thread as connections a device seldom has two beats in flight.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")
dofile(os.getenv("BENCH_DIR") .. "/realistic.lua")
per_request = 1
local per_thread = tonumber(os.getenv("BENCH_DEVICES_PER_THREAD") or "10")
local ago = tonumber(os.getenv("BENCH_SIM_AGO") or "36000")

function request()
  if not fleet then
    fleet, turn = {}, 0
    for d = 1, per_thread do
      local app, title = pick_window()
      fleet[d] = { token = tokens_all[((id - 1) * per_thread + d - 1) % #tokens_all + 1],
                   sim = os.time() - ago + id * 0.001 + d * 0.000001, app = app, title = title }
    end
  end
  turn = turn % per_thread + 1
  local device = fleet[turn]
  device.sim = device.sim + 1
  if math.random() < 0.1 then device.app, device.title = pick_window() end
  local body = string.format('{"timestamp":"%s","duration":0,"app":"%s","title":"%s"}',
    iso_at(device.sim), json_escape(device.app), json_escape(device.title))
  return wrk.format("POST", "/api/activities/heartbeat?pulsetime=2",
    { ["Authorization"] = "Bearer " .. device.token, ["Content-Type"] = "application/json" }, body)
end

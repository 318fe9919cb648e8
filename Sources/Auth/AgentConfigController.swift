import Hummingbird
import TrackerHTTP

/// `GET /api/agent/config`: what an agent device needs to run. Device tokens only.
/// `paused`: an administrator or the person's manager paused this device — stop sending until it is false again
/// (anything sent meanwhile is dropped, never stored). (Per-organisation configuration comes with agent control.)
struct AgentConfigController {
    struct AgentConfig: ResponseEncodable {
        let deviceId: String
        let employeeId: String
        /// Seconds between heartbeats.
        let heartbeatIntervalSeconds: Int
        /// Merge window an agent should send with heartbeats (poll interval + 1 s, as ActivityWatch watchers do).
        let pulsetimeSeconds: Int
        /// Seconds without input before the agent reports idle.
        let idleThresholdSeconds: Int
        let paused: Bool
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("config") { _, context -> AgentConfig in
            let device = try context.requireDevice()
            return AgentConfig(
                deviceId: device.deviceID, employeeId: device.employeeID, heartbeatIntervalSeconds: 5,
                pulsetimeSeconds: 6, idleThresholdSeconds: 180, paused: device.paused
            )
        }
    }
}

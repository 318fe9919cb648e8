import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// What an agent device needs to run (device tokens only): `GET /api/agent/config` — the configuration resolved for
/// its person (organisation → team → person) and whether it is paused, with an `ETag`; an agent polling with
/// `If-None-Match` gets `304` until something changes. `POST /api/agent/status` — the agent's version and the
/// configuration version it applied, shown in the device list.
struct AgentConfigController {
    let devices: DeviceService

    struct AgentConfig: Codable {
        let deviceId: String
        let employeeId: String
        /// The ETag's value: changes whenever anything below does.
        let version: String
        let paused: Bool
        let trackingEnabled: Bool
        /// Seconds between heartbeats.
        let heartbeatIntervalSeconds: Int
        /// Merge window an agent should send with heartbeats (interval + 1 s, as ActivityWatch watchers do).
        let pulsetimeSeconds: Int
        /// Seconds without input before the agent reports idle.
        let idleThresholdSeconds: Int
        let privateMode: Bool
        let trackOnlyDuringShifts: Bool
        /// Never send activity matching these (the server drops it too).
        let excluded: [AgentExclusion]
    }

    struct Report: Decodable {
        let agentVersion: String?
        let configVersion: String?
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("config") { request, context -> Response in
            let device = try context.requireDevice()
            let settings = device.policy.settings
            let version = device.policy.version + (device.paused ? "-paused" : "")
            let etag = "\"\(version)\""
            if let match = request.headers[.ifNoneMatch],
               match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag || $0 == "*" }) {
                return Response(status: .notModified, headers: [.eTag: etag])
            }
            let config = AgentConfig(
                deviceId: device.deviceID, employeeId: device.employeeID, version: version, paused: device.paused,
                trackingEnabled: settings.trackingEnabled, heartbeatIntervalSeconds: settings.heartbeatIntervalSeconds,
                pulsetimeSeconds: settings.heartbeatIntervalSeconds + 1, idleThresholdSeconds: settings.idleThresholdSeconds,
                privateMode: settings.privateMode, trackOnlyDuringShifts: settings.trackOnlyDuringShifts, excluded: settings.excluded
            )
            return Response(status: .ok, headers: [.contentType: "application/json", .eTag: etag, .cacheControl: "no-cache"],
                            body: .init(byteBuffer: ByteBuffer(data: try JSONCoding.encoder.encode(config))))
        }
        group.post("status") { request, context -> HTTPResponse.Status in
            let device = try context.requireDevice()
            let report = try await request.decodeJSON(as: Report.self, context: context)
            try await devices.report(device, agentVersion: report.agentVersion, appliedConfig: report.configVersion)
            return .noContent
        }
    }
}

import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP
import Auth

/// `POST /api/activities` (batch), `POST /api/activities/heartbeat`, `GET /api/activities`.
struct ActivityController {
    let ingest: IngestService
    let reader: ActivityReader
    let access: AccessControl
    let time: TimeSource

    /// Batches of 5,000 events with long titles exceed the default 1 MiB body limit.
    static let maxBody = 32 * 1024 * 1024

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post { request, context -> BatchResult in
            let device = try context.requireDevice()
            let batch = try await request.decodeJSON(as: EventBatch.self, context: context, limit: Self.maxBody)
            return try await ingest.ingest(batch, from: device)
        }
        group.post("heartbeat") { request, context -> HeartbeatResult in
            let device = try context.requireDevice()
            let pulsetime = try request.uri.queryParameters.get("pulsetime").map { text -> Double in
                guard let value = Double(text) else { throw SimpleAppError.invalid("pulsetime", "must be a number of seconds") }
                return value
            } ?? 0
            let heartbeat = try await request.decodeJSON(as: IncomingHeartbeat.self, context: context)
            return try await ingest.heartbeat(heartbeat, pulsetimeSeconds: pulsetime, from: device)
        }
        group.get("hourly") { request, context -> Page<HourlyRollup> in
            let user = try context.requireUser()
            let (employee, from, to) = try await ReadScope.resolve(request, user: user, access: access, time: time, resource: "activities.hourly")
            return Page(items: try await reader.hourly(employeeID: employee, from: from, to: to), nextCursor: nil)
        }
        group.get { request, context -> Page<ActivityEvent> in
            let user = try context.requireUser()
            let (employee, from, to) = try await ReadScope.resolve(request, user: user, access: access, time: time, resource: "activities")
            let page = try PageRequest(request)
            let rows = try await reader.events(employeeID: employee, from: from, to: to, after: page.after, limit: page.limit + 1)
            let items = rows.prefix(page.limit)
            let next = rows.count > page.limit ? items.last.map { PageRequest.encode($0.key) } : nil
            return Page(items: items.map(\.event), nextCursor: next)
        }
    }
}

/// `?employee=&from=&to=` for reads of one person's data: defaults to the caller and the last 24 hours; ranges
/// up to 31 days; other people go through the access rules (and the access log).
enum ReadScope {
    static let maxRange: TimeInterval = 31 * 86_400

    static func resolve(
        _ request: Request, user: UserIdentity, access: AccessControl, time: TimeSource, resource: String
    ) async throws -> (String, Date, Date) {
        let query = request.uri.queryParameters
        let employee = try query.get("employee").map { try FieldValidation.id($0, field: "employee") } ?? user.employeeID
        let to = try request.dateQuery("to") ?? time.now
        let from = try request.dateQuery("from") ?? to.addingTimeInterval(-86_400)
        guard to > from else { throw SimpleAppError.invalid("to", "must be after from") }
        guard to.timeIntervalSince(from) <= maxRange else { throw SimpleAppError.invalid("to", "range must be at most 31 days") }
        try await access.authorizeRead(of: employee, resource: resource, by: user)
        return (employee, from, to)
    }
}

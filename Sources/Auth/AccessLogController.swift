import Hummingbird
import TrackerCore
import TrackerHTTP

/// `GET /api/admin/access-log?subject=&actor=&from=&to=` — the whole log, for administrators.
struct AccessLogController {
    let accessLog: any AccessLogRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("access-log") { request, context -> Page<AccessLogEntry> in
            _ = try context.requireAdmin()
            let query = request.uri.queryParameters
            let page = try PageRequest(request)
            let rows = try await accessLog.entries(
                subjectID: try query.get("subject").map { try FieldValidation.id($0, field: "subject") },
                actorID: try query.get("actor").map { try FieldValidation.id($0, field: "actor") },
                from: try request.dateQuery("from"), to: try request.dateQuery("to"),
                after: page.after, limit: page.limit + 1
            )
            return page.page(rows) { [String(Int($0.at.timeIntervalSince1970)), $0.id] }
        }
    }
}

extension AccessLogEntry: ResponseCodable {}

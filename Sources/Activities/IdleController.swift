import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP
import Auth

/// `POST /api/idle` (agents), `GET /api/idle`, `PATCH /api/idle/{id}` (the employee classifies their own).
struct IdleController {
    let ingest: IngestService
    let idle: IdleService
    let reader: ActivityReader
    let access: AccessControl
    let time: TimeSource

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post { request, context -> BatchResult in
            let device = try context.requireDevice()
            let batch = try await request.decodeJSON(as: IdleBatch.self, context: context, limit: ActivityController.maxBody)
            return try await ingest.ingest(batch, from: device)
        }
        group.get { request, context -> Page<IdlePeriod> in
            let user = try context.requireUser()
            let (employee, from, to) = try await ReadScope.resolve(request, user: user, access: access, time: time, resource: "idle")
            // `?view=manager` lets people see their own periods exactly as their manager does (private notes hidden).
            let asManager = request.uri.queryParameters.get("view") == "manager"
            let periods = try await reader.idlePeriods(
                employeeID: employee, from: from, to: to, revealPrivateNotes: employee == user.employeeID && !asManager
            )
            return Page(items: periods, nextCursor: nil)
        }
        group.patch(":idleId") { request, context -> IdlePeriod in
            let user = try context.requireUser()
            let id = try FieldValidation.id(context.parameters.get("idleId") ?? "", field: "idleId")
            let change = try await request.decodeJSON(as: IdleClassificationChange.self, context: context)
            return try await idle.classify(idleID: id, employeeID: user.employeeID, change: change)
        }
    }
}

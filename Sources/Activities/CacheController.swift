import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP
import Auth

/// `GET /api/cache/status`, `POST /api/cache/rebuild`, `GET /api/cache/jobs/{id}`.
struct CacheController {
    let cache: CacheService
    let access: AccessControl

    struct RebuildRequest: Decodable {
        let from: Date?
        let to: Date?
        let employeeId: String?
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("status") { _, context -> CacheService.Status in
            _ = try context.requireManagerOrAdmin()
            return try await cache.status()
        }
        group.post("rebuild") { request, context -> EditedResponse<RebuildJob> in
            let user = try context.requireManagerOrAdmin()
            let body = try await request.decodeJSON(as: RebuildRequest.self, context: context)
            let employee = try body.employeeId.map { try FieldValidation.id($0, field: "employeeId") }
            if user.role != .admin {
                // Managers rebuild one of their people at a time.
                guard let employee else { throw AccessError.forbidden("Managers must name an employeeId of their team.") }
                try await access.authorizeRead(of: employee, resource: "cache.rebuild", by: user)
            }
            let job = try await cache.rebuild(from: body.from, to: body.to, employeeID: employee)
            return EditedResponse(status: .accepted, response: job)
        }
        group.get("jobs/:jobId") { _, context -> RebuildJob in
            let user = try context.requireManagerOrAdmin()
            let job = try await cache.job(id: try FieldValidation.id(context.parameters.get("jobId") ?? "", field: "jobId"))
            // A job for one person is theirs to see only for those who may read that person (a manager: their
            // team); another team's job answers as if it did not exist. Whole-organisation jobs (rule changes)
            // carry no one's data.
            if user.role != .admin, let subject = job.employeeId {
                do {
                    _ = try await access.checkRead(of: subject, by: user)
                } catch let error where error is AccessError || error is DirectoryError {
                    throw CacheService.jobNotFound
                }
            }
            return job
        }
    }
}

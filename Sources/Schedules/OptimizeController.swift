import Auth
import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `/api/schedule/optimize`: start a planner job (`202`), list, watch, apply its plan as drafts, cancel.
struct OptimizeController {
    let optimize: OptimizeService

    struct Items: ResponseCodable, Sendable { var items: [OptimizeJob] }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post { request, context -> EditedResponse<OptimizeJob> in
            let user = try context.requireManagerOrAdmin()
            let input = try await request.decodeJSON(as: OptimizeInput.self, context: context)
            return EditedResponse(status: .accepted, response: try await optimize.start(input, by: user))
        }
        group.get { request, context -> Items in
            let user = try context.requireManagerOrAdmin()
            var limit = 20
            if let text = request.text("limit") {
                guard let value = Int(text), (1...200).contains(value) else { throw SimpleAppError.invalid("limit", "must be 1 to 200") }
                limit = value
            }
            return Items(items: try await optimize.list(limit: limit, by: user))
        }
        group.get(":jobId") { _, context -> OptimizeJob in
            try await optimize.job(id: try context.uuidParameter("jobId"), by: try context.requireManagerOrAdmin())
        }
        group.post(":jobId/apply") { _, context -> OptimizeJob in
            try await optimize.apply(id: try context.uuidParameter("jobId"), by: try context.requireManagerOrAdmin())
        }
        group.delete(":jobId") { _, context -> OptimizeJob in
            try await optimize.cancel(id: try context.uuidParameter("jobId"), by: try context.requireManagerOrAdmin())
        }
    }
}

extension OptimizeJob: ResponseCodable {}

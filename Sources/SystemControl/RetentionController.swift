import Foundation
import Hummingbird
import TrackerHTTP

/// `GET /api/system/retention/preview` and `POST /api/system/retention/run` (administrators): what a retention run
/// would delete now, and a run now (the same as the hourly one; it answers when done, with its counts).
struct RetentionController {
    let service: RetentionService

    struct Preview: ResponseEncodable {
        var asOf: Date
        var items: [RetentionService.Item]
        var lastRun: RetentionService.Run?
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("preview") { _, context -> Preview in
            _ = try context.requireAdmin()
            return Preview(asOf: service.now, items: try await service.preview(), lastRun: service.lastRun)
        }
        group.post("run") { _, context -> RetentionService.Run in
            _ = try context.requireAdmin()
            return try await service.runOnce()
        }
    }
}

extension RetentionService.Run: ResponseEncodable {}

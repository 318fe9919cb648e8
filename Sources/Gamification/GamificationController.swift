import Auth
import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `/api/gamification`: settings, the badge catalogue, leaderboards, a person's view for their managers, rebuilds.
/// `/api/me/gamification`: the caller's own view, choices and ledger.
struct GamificationController {
    let service: GamificationService

    struct BadgeCatalogue: ResponseEncodable {
        var items: [Badges.Badge]
    }

    struct Ledger: ResponseEncodable {
        var items: [LedgerEntry]
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("settings") { _, context -> GamificationSettings in
            _ = try context.requireUser()
            return try await service.settings()
        }
        group.put("settings") { request, context -> GamificationSettings in
            let user = try context.requireAdmin()
            let input = try await request.decodeJSON(as: GamificationSettings.Input.self, context: context)
            return try await service.updateSettings(input, by: user)
        }
        group.get("badges") { _, context -> BadgeCatalogue in
            _ = try context.requireUser()
            return BadgeCatalogue(items: Badges.catalogue)
        }
        group.get("leaderboard") { request, context -> GamificationService.Leaderboard in
            let user = try context.requireUser()
            let text = request.text("period") ?? "week"
            guard let period = GamificationService.BoardPeriod(rawValue: text) else { throw SimpleAppError.invalid("period", "must be week or month") }
            return try await service.leaderboard(period: period, date: request.text("date"), by: user)
        }
        group.get("people/:employeeId") { _, context -> GamificationService.PersonView in
            let user = try context.requireUser()
            return try await service.person(try context.uuidParameter("employeeId"), by: user)
        }
        group.post("rebuild") { request, context -> EditedResponse<GamificationService.Queued> in
            let user = try context.requireAdmin()
            let input = try await request.decodeJSON(as: GamificationService.RebuildInput.self, context: context)
            return EditedResponse(status: .accepted, response: try await service.rebuild(input, by: user))
        }
        group.get("rebuild") { _, context -> GamificationService.Backlog in
            try await service.backlog(by: try context.requireManagerOrAdmin())
        }
    }

    func addMeRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get { _, context -> GamificationService.PersonView in
            try await service.mine(by: try context.requireUser())
        }
        group.put { request, context -> GamificationService.PersonView in
            let user = try context.requireUser()
            let input = try await request.decodeJSON(as: GamificationMember.Input.self, context: context)
            return try await service.updateMine(input, by: user)
        }
        group.get("ledger") { request, context -> Ledger in
            let user = try context.requireUser()
            guard let from = request.text("from") else { throw SimpleAppError.invalid("from", "is required (YYYY-MM-DD)") }
            let to = request.text("to") ?? from
            return Ledger(items: try await service.ledger(from: from, to: to, by: user))
        }
    }
}

extension GamificationSettings: ResponseEncodable {}
extension GamificationService.PersonView: ResponseEncodable {}
extension GamificationService.Leaderboard: ResponseEncodable {}
extension GamificationService.Queued: ResponseEncodable {}
extension GamificationService.Backlog: ResponseEncodable {}

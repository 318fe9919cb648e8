import Auth
import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// Locations, skills, people's skills and profiles, and the scheduling settings.
struct CatalogController {
    let catalog: CatalogService
    let settings: ScheduleSettingsStore
    let time: TimeSource

    struct Items<Item: Codable & Sendable>: ResponseCodable, Sendable { var items: [Item] }
    struct NewSkill: Decodable { let name: String? }
    struct SkillIDs: Decodable { let skillIds: [String] }
    struct TeamSettings: Codable, ResponseCodable, Sendable { var teamId: String; var graceMinutes: Int? }
    struct TeamSettingsInput: Decodable { var graceMinutes: Int? }

    func addRoutes(schedule: RouterGroup<AppRequestContext>, employees: RouterGroup<AppRequestContext>) {
        schedule.get("locations") { request, context -> Items<Location> in
            _ = try context.requireUser()
            return Items(items: try await catalog.locations(includeArchived: try request.boolQuery("includeArchived") ?? false))
        }
        schedule.post("locations") { request, context -> EditedResponse<Location> in
            _ = try context.requireAdmin()
            let input = try await request.decodeJSON(as: CatalogService.LocationInput.self, context: context)
            return EditedResponse(status: .created, response: try await catalog.createLocation(input))
        }
        schedule.patch("locations/:locationId") { request, context -> Location in
            _ = try context.requireAdmin()
            let id = try context.uuidParameter("locationId")
            let input = try await request.decodeJSON(as: CatalogService.LocationInput.self, context: context)
            return try await catalog.updateLocation(id: id, input)
        }
        schedule.delete("locations/:locationId") { _, context -> Location in
            _ = try context.requireAdmin()
            // Archived, not deleted: past shifts keep their place.
            let empty = try JSONCoding.decoder.decode(CatalogService.LocationInput.self, from: Data("{}".utf8))
            return try await catalog.updateLocation(id: try context.uuidParameter("locationId"), empty, archive: true)
        }
        schedule.get("skills") { _, context -> Items<Skill> in
            _ = try context.requireUser()
            return Items(items: try await catalog.skills())
        }
        schedule.post("skills") { request, context -> EditedResponse<Skill> in
            _ = try context.requireManagerOrAdmin()
            let body = try await request.decodeJSON(as: NewSkill.self, context: context)
            guard let name = body.name else { throw SimpleAppError.invalid("name", "is required") }
            return EditedResponse(status: .created, response: try await catalog.createSkill(name: name))
        }
        employees.put(":employeeId/skills") { request, context -> ScheduleProfile in
            let user = try context.requireManagerOrAdmin()
            let id = try context.uuidParameter("employeeId")
            let body = try await request.decodeJSON(as: SkillIDs.self, context: context)
            return try await catalog.setSkills(employeeID: id, skillIDs: body.skillIds, by: user)
        }
        schedule.get("people/:employeeId/profile") { _, context -> ScheduleProfile in
            let user = try context.requireUser()
            return try await catalog.profile(employeeID: try context.uuidParameter("employeeId"), by: user)
        }
        schedule.put("people/:employeeId/profile") { request, context -> ScheduleProfile in
            let user = try context.requireUser()
            let id = try context.uuidParameter("employeeId")
            let input = try await request.decodeJSON(as: CatalogService.ProfileInput.self, context: context)
            return try await catalog.updateProfile(employeeID: id, input, by: user)
        }
        schedule.get("settings") { _, context -> ScheduleSettings in
            _ = try context.requireManagerOrAdmin()
            return try await settings.organization()
        }
        schedule.put("settings") { request, context -> ScheduleSettings in
            _ = try context.requireAdmin()
            let body = try await request.collectBody(upTo: 16_384)
            let merged = try Self.merge(current: try await settings.organization(), body: Data(buffer: body)).validated()
            try await settings.save(merged, at: time.now)
            return merged
        }
        schedule.put("settings/teams/:teamId") { request, context -> TeamSettings in
            let user = try context.requireManagerOrAdmin()
            let team = try context.uuidParameter("teamId")
            try ScheduleAccess.requirePlanner(of: team, user)
            let body = try await request.decodeJSON(as: TeamSettingsInput.self, context: context)
            if let grace = body.graceMinutes, !(0...240).contains(grace) {
                throw SimpleAppError.invalid("graceMinutes", "must be from 0 to 240")
            }
            try await settings.saveTeam(team, .init(graceMinutes: body.graceMinutes), at: time.now)
            return TeamSettings(teamId: team, graceMinutes: body.graceMinutes)
        }
    }

    /// The body's fields over the current settings (`rules` merged rule by rule): a PUT may name only what it changes.
    static func merge(current: ScheduleSettings, body: Data) throws -> ScheduleSettings {
        guard var base = try JSONSerialization.jsonObject(with: JSONCoding.encoder.encode(current)) as? [String: Any],
              let changes = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
        else { throw SimpleAppError.invalid("body", "must be a JSON object") }
        let known = Set(ScheduleSettings.CodingKeys.allCases.map(\.rawValue)), ruleNames = Set(ScheduleRule.allCases.map(\.rawValue))
        for (key, value) in changes {
            guard known.contains(key) else { throw SimpleAppError.invalid(key, "is not a schedule setting") }
            if key == "rules", let rules = value as? [String: Any], let unknown = rules.keys.first(where: { !ruleNames.contains($0) }) {
                throw SimpleAppError.invalid("rules.\(unknown)", "is not a rule (\(ruleNames.sorted().joined(separator: ", ")))")
            }
            if key == "rules", let rules = value as? [String: Any], var old = base["rules"] as? [String: Any] {
                for (rule, mode) in rules { old[rule] = mode }
                base[key] = old
            } else {
                base[key] = value
            }
        }
        return try JSONCoding.decoder.decode(ScheduleSettings.self, from: JSONSerialization.data(withJSONObject: base))
    }
}

extension Location: ResponseCodable {}
extension Skill: ResponseCodable {}
extension ScheduleProfile: ResponseCodable {}
extension ScheduleSettings: ResponseCodable {}

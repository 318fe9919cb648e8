import Auth
import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `/api/schedule/templates…`, `/api/schedule/generate` and `/api/schedule/copy-week` (managers of the team, admins).
struct TemplateController {
    let templates: TemplateService

    struct Items: ResponseCodable, Sendable { var items: [ShiftTemplate] }
    struct Generate: Decodable { let templateIds: [String]?; let from: String?; let to: String? }
    struct CopyWeek: Decodable { let teamId: String?; let from: String?; let to: String?; let includeAssignments: Bool? }

    func addRoutes(to schedule: RouterGroup<AppRequestContext>) {
        schedule.get("templates") { request, context -> Items in
            let user = try context.requireManagerOrAdmin()
            let team = try request.text("teamId").map { try FieldValidation.id($0, field: "teamId") }
            return Items(items: try await templates.list(teamID: team, by: user))
        }
        schedule.post("templates") { request, context -> EditedResponse<ShiftTemplate> in
            let user = try context.requireManagerOrAdmin()
            let input = try await request.decodeJSON(as: TemplateService.Input.self, context: context)
            return EditedResponse(status: .created, response: try await templates.create(input, by: user))
        }
        schedule.patch("templates/:templateId") { request, context -> ShiftTemplate in
            let user = try context.requireManagerOrAdmin()
            let id = try context.uuidParameter("templateId")
            let input = try await request.decodeJSON(as: TemplateService.Input.self, context: context)
            return try await templates.update(id: id, input, by: user)
        }
        schedule.delete("templates/:templateId") { _, context -> ShiftTemplate in
            let user = try context.requireManagerOrAdmin()
            let id = try context.uuidParameter("templateId")
            let none = try JSONCoding.decoder.decode(TemplateService.Input.self, from: Data("{}".utf8))
            return try await templates.update(id: id, none, archive: true, by: user)
        }
        schedule.post("generate") { request, context -> TemplateService.Generated in
            let user = try context.requireManagerOrAdmin()
            let body = try await request.decodeJSON(as: Generate.self, context: context)
            return try await templates.generate(templateIDs: body.templateIds ?? [], from: body.from, to: body.to, by: user)
        }
        schedule.post("copy-week") { request, context -> TemplateService.Copied in
            let user = try context.requireManagerOrAdmin()
            let body = try await request.decodeJSON(as: CopyWeek.self, context: context)
            guard let team = body.teamId else { throw SimpleAppError.invalid("teamId", "is required") }
            return try await templates.copyWeek(teamID: team, from: body.from, to: body.to,
                                                includeAssignments: body.includeAssignments ?? false, by: user)
        }
    }
}

extension ShiftTemplate: ResponseCodable {}
extension TemplateService.Generated: ResponseCodable {}
extension TemplateService.Copied: ResponseCodable {}

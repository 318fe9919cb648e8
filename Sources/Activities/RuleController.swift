import Hummingbird
import TrackerCore
import TrackerHTTP

/// `/api/rules`: list, create, update, delete, preview.
struct RuleController {
    let rules: RuleService

    struct RuleList: ResponseEncodable { let items: [ProductivityRule] }
    struct Preview: ResponseEncodable { let matches: [RuleService.PreviewMatch] }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get { _, context -> RuleList in
            RuleList(items: try await rules.list(for: try context.requireUser()))
        }
        group.post { request, context -> EditedResponse<RuleService.Saved> in
            let user = try context.requireManagerOrAdmin()
            let input = try await request.decodeJSON(as: RuleInput.self, context: context)
            return EditedResponse(status: .created, response: try await rules.create(input, by: user))
        }
        group.post("preview") { request, context -> Preview in
            let user = try context.requireManagerOrAdmin()
            let input = try await request.decodeJSON(as: RuleInput.self, context: context)
            return Preview(matches: try await rules.preview(input, by: user))
        }
        group.put(":ruleId") { request, context -> RuleService.Saved in
            let user = try context.requireManagerOrAdmin()
            let id = try FieldValidation.id(context.parameters.get("ruleId") ?? "", field: "ruleId")
            let input = try await request.decodeJSON(as: RuleInput.self, context: context)
            return try await rules.update(id: id, input, by: user)
        }
        group.delete(":ruleId") { _, context -> RebuildJob in
            let user = try context.requireManagerOrAdmin()
            let id = try FieldValidation.id(context.parameters.get("ruleId") ?? "", field: "ruleId")
            return try await rules.delete(id: id, by: user)
        }
    }
}

extension RuleService.Saved: ResponseEncodable {}

import Auth
import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `/api/flags`: list (filters, paging, CSV), one flag with its history, review steps, assignment, comments; the
/// rules; a re-evaluation. `/api/me/flags`: the flags about the caller, and their comments.
struct FlagController {
    let flags: FlagService
    let rules: FlagRuleService

    struct NoteBody: Decodable, Sendable { var note: String? }
    struct CommentBody: Decodable, Sendable { var text: String? }
    struct AssignBody: Decodable, Sendable { var assigneeId: String? }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get { request, context -> Response in
            let user = try context.requireUser()
            let query = try Self.listQuery(request)
            if try CSVDownload.wanted(request) {
                let all = try await flags.all(query, by: user)
                return CSVDownload.response(FlagCSV.document(all), filename: "flags")
            }
            return try await flags.list(query, page: try PageRequest(request), by: user).response(from: request, context: context)
        }
        group.get("rules") { _, context -> FlagRuleService.Rules in
            try await rules.rules(by: try context.requireManagerOrAdmin())
        }
        group.put("rules/:rule") { request, context -> FlagRuleService.RuleView in
            let user = try context.requireManagerOrAdmin()
            let input = try await request.decodeJSON(as: FlagRuleService.Input.self, context: context)
            return try await rules.save(rule: try Self.rule(context), teamID: try Self.teamID(request), input: input, by: user)
        }
        group.delete("rules/:rule") { request, context -> Response in
            let user = try context.requireManagerOrAdmin()
            guard let team = try Self.teamID(request) else { throw SimpleAppError.invalid("teamId", "is required: only a team's override can be removed") }
            try await rules.removeOverride(rule: try Self.rule(context), teamID: team, by: user)
            return Response(status: .noContent)
        }
        group.post("evaluate") { request, context -> EditedResponse<FlagRuleService.Queued> in
            let user = try context.requireManagerOrAdmin()
            let input = try await request.decodeJSON(as: FlagRuleService.EvaluateInput.self, context: context)
            return EditedResponse(status: .accepted, response: try await rules.evaluate(input, by: user))
        }
        group.get("evaluation") { _, context -> FlagRuleService.Backlog in
            try await rules.backlog(by: try context.requireManagerOrAdmin())
        }
        group.get(":flagId") { _, context -> Flag in
            try await flags.get(id: try context.uuidParameter("flagId"), by: try context.requireUser())
        }
        for step in FlagService.Step.allCases {
            group.post(":flagId/\(step.rawValue)") { request, context -> Flag in
                let user = try context.requireUser()
                let body = try await request.decodeJSON(as: NoteBody.self, context: context)
                return try await flags.review(id: try context.uuidParameter("flagId"), step: step, note: body.note, by: user)
            }
        }
        group.put(":flagId/assignee") { request, context -> Flag in
            let user = try context.requireManagerOrAdmin()
            let body = try await request.decodeJSON(as: AssignBody.self, context: context)
            let assignee = try body.assigneeId.map { try FieldValidation.id($0, field: "assigneeId") }
            return try await flags.assign(id: try context.uuidParameter("flagId"), assigneeID: assignee, by: user)
        }
        group.post(":flagId/comments") { request, context -> Flag in
            let user = try context.requireUser()
            let body = try await request.decodeJSON(as: CommentBody.self, context: context)
            return try await flags.comment(id: try context.uuidParameter("flagId"), text: body.text, by: user)
        }
    }

    func addMeRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get { request, context -> Page<Flag> in
            let user = try context.requireUser()
            let states = try Self.list(request, "state", as: FlagState.self), rules = try Self.list(request, "rule", as: FlagRule.self)
            return try await flags.mine(states: states, rules: rules, page: try PageRequest(request), by: user)
        }
        group.get(":flagId") { _, context -> Flag in
            try await flags.get(id: try context.uuidParameter("flagId"), by: try context.requireUser())
        }
        group.post(":flagId/comments") { request, context -> Flag in
            let user = try context.requireUser()
            let body = try await request.decodeJSON(as: CommentBody.self, context: context)
            return try await flags.comment(id: try context.uuidParameter("flagId"), text: body.text, by: user)
        }
    }

    static func listQuery(_ request: Request) throws -> FlagService.ListQuery {
        let from = try request.text("from").map { try RFC3339.parameter($0, name: "from") }
        let to = try request.text("to").map { try RFC3339.parameter($0, name: "to") }
        if let from, let to, to <= from { throw SimpleAppError.invalid("to", "must be after from") }
        return FlagService.ListQuery(
            teamID: try request.text("teamId").map { try FieldValidation.id($0, field: "teamId") },
            employeeID: try request.text("employeeId").map { try FieldValidation.id($0, field: "employeeId") },
            rules: try list(request, "rule", as: FlagRule.self), states: try list(request, "state", as: FlagState.self),
            severities: try list(request, "severity", as: FlagSeverity.self), from: from, to: to
        )
    }

    /// `?name=a,b` as cases of `type` (a `400` naming the parameter and listing the cases otherwise).
    static func list<T: RawRepresentable & CaseIterable>(_ request: Request, _ name: String, as type: T.Type) throws -> [T]? where T.RawValue == String {
        guard let text = request.text(name) else { return nil }
        let parts = text.split(separator: ",", omittingEmptySubsequences: true).prefix(20)
        guard !parts.isEmpty else { return nil }  // `?state=`: no filter
        return try parts.map { part in
            guard let value = T(rawValue: String(part)) else {
                throw SimpleAppError.invalid(name, "must be one or more of " + T.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return value
        }
    }

    static func rule(_ context: AppRequestContext) throws -> FlagRule {
        guard let rule = FlagRule(rawValue: context.parameters.get("rule") ?? "") else {
            throw SimpleAppError.invalid("rule", "must be one of " + FlagRule.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return rule
    }

    static func teamID(_ request: Request) throws -> String? {
        try request.text("teamId").map { try FieldValidation.id($0, field: "teamId") }
    }
}

extension Flag: ResponseCodable {}
extension FlagRuleService.RuleView: ResponseEncodable {}
extension FlagRuleService.Rules: ResponseEncodable {}
extension FlagRuleService.Queued: ResponseEncodable {}
extension FlagRuleService.Backlog: ResponseEncodable {}

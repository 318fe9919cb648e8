import Auth
import Flags
import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `/flags` (the review inbox of managers and admins), `/me/flags` (the flags about oneself) and `/flags/{id}`
/// (evidence, history, review steps and comments). Who may see and act is `FlagService`'s decision.
struct FlagPages: Sendable {
    let shared: WebShared
    let flags: FlagService

    func addRoutes(to pages: RouterGroup<AppRequestContext>) {
        pages.get("flags") { request, context -> Response in
            let viewer = try await shared.viewer(context)
            guard viewer.isAdmin || viewer.isManager else { throw AccessError.forbidden("The flag inbox is for managers and administrators; yours are under My flags.") }
            let filter = try StateFilter(request.uri.queryParameters.nonEmpty("state"))
            let page = try await flags.list(.init(states: filter.states), page: try PageRequest(request), by: viewer.user)
            let names = try await shared.names(page.items.map(\.employeeId))
            return shared.layout.page("Flags", viewer: viewer, current: "/flags", FlagListPage(
                title: "Flags", flags: page.items, names: names, filter: filter, next: page.nextCursor, path: "/flags", showPerson: true
            ).body)
        }
        pages.get("me/flags") { request, context -> Response in
            let viewer = try await shared.viewer(context)
            let filter = try StateFilter(request.uri.queryParameters.nonEmpty("state") ?? "all")
            let page = try await flags.mine(states: filter.states, rules: nil, page: try PageRequest(request), by: viewer.user)
            return shared.layout.page("My flags", viewer: viewer, current: "/me/flags", FlagListPage(
                title: "Flags about me", flags: page.items, names: [:], filter: filter, next: page.nextCursor, path: "/me/flags", showPerson: false
            ).body)
        }
        pages.get("flags/:id") { _, context -> Response in
            let viewer = try await shared.viewer(context)
            return try await detail(viewer, id: try context.uuidParameter("id"), notice: "")
        }
        for step in FlagService.Step.allCases {
            pages.post("flags/:id/\(step.rawValue)") { request, context -> Response in
                let viewer = try await shared.viewer(context)
                let form = try await shared.form(request, context)
                let id = try context.uuidParameter("id")
                _ = try await flags.review(id: id, step: step, note: form["note"], by: viewer.user)
                return PageLayout.redirect("/flags/\(id)")
            }
        }
        pages.post("flags/:id/comments") { request, context -> Response in
            let viewer = try await shared.viewer(context)
            let form = try await shared.form(request, context)
            let id = try context.uuidParameter("id")
            _ = try await flags.comment(id: id, text: form["text"], by: viewer.user)
            return PageLayout.redirect("/flags/\(id)")
        }
    }

    private func detail(_ viewer: WebViewer, id: String, notice: HTML) async throws -> Response {
        let flag = try await flags.get(id: id, by: viewer.user)
        let people = [flag.employeeId] + (flag.history ?? []).compactMap(\.actorId) + (flag.assigneeId.map { [$0] } ?? [])
        let names = try await shared.names(people)
        let page = FlagDetailPage(flag: flag, names: names, csrf: viewer.csrf, mayReview: flags.canReview(flag, viewer.user))
        return shared.layout.page("Flag", viewer: viewer, current: flags.canReview(flag, viewer.user) ? "/flags" : "/me/flags", page.body)
    }

    /// Which states a list shows: open and acknowledged (waiting for someone) by default.
    struct StateFilter: Sendable {
        static let choices: [(String, String)] = [
            ("waiting", "Waiting (open or acknowledged)"), ("open", "Open"), ("acknowledged", "Acknowledged"), ("resolved", "Resolved"),
            ("dismissed", "Dismissed"), ("withdrawn", "Withdrawn"), ("all", "All"),
        ]
        let key: String
        let states: [FlagState]?

        init(_ raw: String?) throws {
            key = raw ?? "waiting"
            switch key {
            case "waiting": states = [.open, .acknowledged]
            case "all": states = nil
            default:
                guard let state = FlagState(rawValue: key) else {
                    throw SimpleAppError.invalid("state", "must be one of \(Self.choices.map(\.0).joined(separator: ", "))")
                }
                states = [state]
            }
        }
    }
}

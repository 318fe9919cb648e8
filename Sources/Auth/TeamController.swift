import Hummingbird
import TrackerCore
import TrackerHTTP

/// Teams: admins manage them; managers read the teams they manage.
struct TeamController {
    let directory: DirectoryService
    let access: AccessControl

    struct Managers: Decodable { let employeeIds: [String] }

    func addRoutes(to teams: RouterGroup<AppRequestContext>) {
        teams.get { request, context -> Page<Team> in
            let user = try context.requireManagerOrAdmin()
            let page = try PageRequest(request)
            let rows = try await directory.teams(
                visibleTo: user, includeArchived: try request.boolQuery("includeArchived") ?? false,
                after: page.after, limit: page.limit + 1
            )
            return page.page(rows) { [$0.name.lowercased(), $0.id] }
        }
        teams.post { request, context -> EditedResponse<Team> in
            _ = try context.requireAdmin()
            let body = try await request.decodeJSON(as: DirectoryService.NewTeam.self, context: context)
            return EditedResponse(status: .created, response: try await directory.createTeam(body))
        }
        teams.get(":teamId") { _, context -> Team in
            let user = try context.requireManagerOrAdmin()
            let id = try context.uuidParameter("teamId")
            try access.authorizeTeam(id, by: user)
            return try await directory.team(id)
        }
        teams.patch(":teamId") { request, context -> Team in
            _ = try context.requireAdmin()
            let id = try context.uuidParameter("teamId")
            let body = try await request.decodeJSON(as: DirectoryService.TeamChanges.self, context: context)
            return try await directory.updateTeam(id, body)
        }
        teams.delete(":teamId") { request, context -> Team in
            _ = try context.requireAdmin()
            let id = try context.uuidParameter("teamId")
            let changes = try JSONCoding.decoder.decode(DirectoryService.TeamChanges.self, from: #"{"archived":true}"#.data(using: .utf8)!)
            return try await directory.updateTeam(id, changes)
        }
        teams.put(":teamId/managers") { request, context -> Team in
            _ = try context.requireAdmin()
            let id = try context.uuidParameter("teamId")
            let body = try await request.decodeJSON(as: Managers.self, context: context)
            return try await directory.setManagers(teamID: id, employeeIDs: body.employeeIds)
        }
    }
}

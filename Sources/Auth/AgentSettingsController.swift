import Hummingbird
import TrackerCore
import TrackerHTTP

/// `/api/system/agent-settings`: the organisation's, teams' and people's agent configuration (administrators), and
/// what a person's devices run with (`…/employees/{id}/effective`: also their managers).
struct AgentSettingsController {
    let settings: AgentSettingsService
    let access: AccessControl

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get { _, context -> AgentSettingsService.Overview in
            _ = try context.requireAdmin()
            return try await settings.overview()
        }
        group.put("organization") { request, context -> AgentSettingsService.Level in
            let admin = try context.requireAdmin()
            return try await settings.setOrganization(try await request.decodeJSON(as: AgentSettings.self, context: context), by: admin.employeeID)
        }
        group.put("teams/:teamId") { request, context -> AgentSettingsService.Level in
            let admin = try context.requireAdmin()
            let team = try context.uuidParameter("teamId")
            return try await settings.setTeam(team, try await request.decodeJSON(as: AgentSettings.self, context: context), by: admin.employeeID)
        }
        group.delete("teams/:teamId") { _, context -> HTTPResponse.Status in
            _ = try context.requireAdmin()
            try await settings.remove(team: try context.uuidParameter("teamId"))
            return .noContent
        }
        group.put("employees/:employeeId") { request, context -> AgentSettingsService.Level in
            let admin = try context.requireAdmin()
            let person = try context.uuidParameter("employeeId")
            return try await settings.setPerson(person, try await request.decodeJSON(as: AgentSettings.self, context: context), by: admin.employeeID)
        }
        group.delete("employees/:employeeId") { _, context -> HTTPResponse.Status in
            _ = try context.requireAdmin()
            try await settings.remove(person: try context.uuidParameter("employeeId"))
            return .noContent
        }
        group.get("employees/:employeeId/effective") { _, context -> AgentSettingsService.Effective in
            let user = try context.requireManagerOrAdmin()
            let person = try await access.checkRead(of: try context.uuidParameter("employeeId"), by: user)
            return try await settings.effective(employeeID: person.id)
        }
    }
}

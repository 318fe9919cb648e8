import Auth
import Foundation
import TrackerCore

/// Who may plan what: admins everything, managers the teams they manage, employees only themselves.
enum ScheduleAccess {
    static func requirePlanner(of teamID: String, _ user: UserIdentity) throws {
        switch user.role {
        case .admin: return
        case .manager where user.managedTeams.contains(teamID): return
        case .manager: throw AccessError.forbidden("You may only plan shifts of the teams you manage.")
        case .employee: throw AccessError.forbidden("Only managers and administrators may plan shifts.")
        }
    }

    /// Whether `user` manages `employee` (admins manage everyone; nobody manages themselves through a team).
    static func manages(_ employee: Employee, _ user: UserIdentity) -> Bool {
        if user.role == .admin { return true }
        guard user.role == .manager, let team = employee.teamId else { return false }
        return user.managedTeams.contains(team)
    }

    /// The teams whose plans `user` may see (nil: all).
    static func plannedTeams(_ user: UserIdentity) -> [String]? {
        user.role == .admin ? nil : user.managedTeams.sorted()
    }
}

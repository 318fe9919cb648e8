import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// Employees: admins manage them; managers read their teams' members; everyone reads themself.
struct EmployeeController {
    let directory: DirectoryService
    let auth: AuthService
    let devices: DeviceService
    let access: AccessControl

    struct ResetToken: ResponseEncodable { let resetToken: String; let expiresAt: Date }
    struct NewDevice: Decodable { let name: String; let platform: String }

    func addRoutes(to employees: RouterGroup<AppRequestContext>) {
        employees.get { request, context -> Page<Employee> in
            let user = try context.requireManagerOrAdmin()
            let page = try PageRequest(request)
            let teamID = try request.uri.queryParameters.get("teamId").map { try FieldValidation.id($0, field: "teamId") }
            let rows = try await directory.employees(
                visibleTo: user, teamID: teamID, includeArchived: try request.boolQuery("includeArchived") ?? false,
                after: page.after, limit: page.limit + 1
            )
            let result = page.page(rows) { [$0.email.lowercased(), $0.id] }
            // A listing is a view of the team (or, for an admin without a filter, the organisation): one log entry,
            // resolved to the people in it when someone asks who read their profile.
            let scopes: [AccessScope] = teamID.map { [.team($0)] } ?? (user.role == .admin ? [.organization] : user.managedTeams.sorted().map { .team($0) })
            for scope in scopes { try await access.recordView(of: scope, resource: "employee.profile", by: user) }
            return result
        }
        employees.post { request, context -> EditedResponse<Employee> in
            _ = try context.requireAdmin()
            let body = try await request.decodeJSON(as: DirectoryService.NewEmployee.self, context: context)
            return EditedResponse(status: .created, response: try await directory.createEmployee(body))
        }
        employees.get(":employeeId") { _, context -> Employee in
            let user = try context.requireUser()
            return try await access.authorizeRead(of: try context.uuidParameter("employeeId"), resource: "employee.profile", by: user)
        }
        employees.patch(":employeeId") { request, context -> Employee in
            _ = try context.requireAdmin()
            let id = try context.uuidParameter("employeeId")
            let body = try await request.decodeJSON(as: DirectoryService.EmployeeChanges.self, context: context)
            return try await directory.updateEmployee(id, body)
        }
        employees.delete(":employeeId") { _, context -> Employee in
            _ = try context.requireAdmin()
            return try await directory.archiveEmployee(try context.uuidParameter("employeeId"))
        }
        employees.post(":employeeId/password-reset") { _, context -> EditedResponse<ResetToken> in
            let admin = try context.requireAdmin()
            let (token, expires) = try await auth.createResetToken(for: try context.uuidParameter("employeeId"), by: admin)
            return EditedResponse(status: .created, response: ResetToken(resetToken: token, expiresAt: expires))
        }
        employees.get(":employeeId/devices") { _, context -> ItemList<Device> in
            let user = try context.requireManagerOrAdmin()
            let employee = try await access.authorizeRead(of: try context.uuidParameter("employeeId"), resource: "employee.devices", by: user)
            return ItemList(items: try await devices.list(employeeID: employee.id))
        }
        employees.post(":employeeId/devices") { request, context -> EditedResponse<DeviceService.Enrolled> in
            _ = try context.requireAdmin()
            let body = try await request.decodeJSON(as: NewDevice.self, context: context)
            let enrolled = try await devices.enrol(employeeID: try context.uuidParameter("employeeId"), name: body.name, platform: body.platform)
            return EditedResponse(status: .created, response: enrolled)
        }
        // Remote pause and resume: the person's managers and administrators.
        for (action, paused) in [("pause", true), ("resume", false)] {
            employees.post(":employeeId/devices/:deviceId/\(action)") { _, context -> Device in
                let user = try context.requireManagerOrAdmin()
                let employee = try await access.checkRead(of: try context.uuidParameter("employeeId"), by: user)
                return try await devices.setPaused(paused, deviceID: try context.uuidParameter("deviceId"), employeeID: employee.id,
                                                   by: user.employeeID)
            }
        }
        employees.delete(":employeeId/devices/:deviceId") { _, context -> HTTPResponse.Status in
            _ = try context.requireAdmin()
            try await devices.revoke(deviceID: try context.uuidParameter("deviceId"), employeeID: try context.uuidParameter("employeeId"))
            return .noContent
        }
    }
}

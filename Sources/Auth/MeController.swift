import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// The signed-in person's own data: `/api/me`, password, devices, and who looked at their data.
struct MeController {
    let auth: AuthService
    let devices: DeviceService
    let access: AccessControl
    let accessLog: any AccessLogRepository

    struct PasswordChange: Decodable { let currentPassword: String; let newPassword: String }
    struct NewDevice: Decodable { let name: String; let platform: String }

    func addRoutes(to me: RouterGroup<AppRequestContext>) {
        me.get { _, context -> Employee in
            let user = try context.requireUser()
            return try await access.authorizeRead(of: user.employeeID, resource: "employee.profile", by: user)
        }
        me.post("password") { request, context -> HTTPResponse.Status in
            let user = try context.requireUser()
            let body = try await request.decodeJSON(as: PasswordChange.self, context: context)
            try await auth.changePassword(user: user, current: body.currentPassword, new: body.newPassword)
            return .noContent
        }
        me.get("access-log") { request, context -> Page<AccessLogEntry> in
            let user = try context.requireUser()
            let page = try PageRequest(request)
            let rows = try await accessLog.entries(
                subjectID: user.employeeID, actorID: nil, from: try request.dateQuery("from"), to: try request.dateQuery("to"),
                after: page.after, limit: page.limit + 1
            )
            return page.page(rows) { [String(Int($0.at.timeIntervalSince1970)), $0.id] }
        }
        me.post("devices") { request, context -> EditedResponse<DeviceService.Enrolled> in
            let user = try context.requireUser()
            let body = try await request.decodeJSON(as: NewDevice.self, context: context)
            let enrolled = try await devices.enrol(employeeID: user.employeeID, name: body.name, platform: body.platform)
            return EditedResponse(status: .created, response: enrolled)
        }
        me.get("devices") { _, context -> ItemList<Device> in
            let user = try context.requireUser()
            return ItemList(items: try await devices.list(employeeID: user.employeeID))
        }
        me.delete("devices/:deviceId") { _, context -> HTTPResponse.Status in
            let user = try context.requireUser()
            try await devices.revoke(deviceID: try context.uuidParameter("deviceId"), employeeID: user.employeeID)
            return .noContent
        }
    }
}

import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `POST /api/admin/login`, `/api/employee/login`, `/api/auth/refresh`, `/api/auth/logout`, `/api/auth/password-reset`.
struct AuthController {
    let auth: AuthService

    struct Login: Decodable { let email: String; let password: String }
    struct Refresh: Decodable { let refreshToken: String }
    struct Logout: Decodable { let refreshToken: String? }
    struct Reset: Decodable { let token: String; let newPassword: String }

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.post("admin/login") { request, context in
            let body = try await request.decodeJSON(as: Login.self, context: context)
            return try await auth.login(email: body.email, password: body.password, adminOnly: true, clientAddress: context.clientAddress)
        }
        api.post("employee/login") { request, context in
            let body = try await request.decodeJSON(as: Login.self, context: context)
            return try await auth.login(email: body.email, password: body.password, adminOnly: false, clientAddress: context.clientAddress)
        }
        api.post("auth/refresh") { request, context in
            let body = try await request.decodeJSON(as: Refresh.self, context: context)
            return try await auth.refresh(body.refreshToken)
        }
        api.post("auth/logout") { request, context -> HTTPResponse.Status in
            let user = try context.requireUser()
            // The body is optional: without it, the session of the access token is revoked.
            let buffer = try await request.collectBody(upTo: 16_384)
            let body = buffer.readableBytes > 0 ? try JSONCoding.decoder.decode(Logout.self, from: Data(buffer: buffer)) : nil
            try await auth.logout(user: user, refreshToken: body?.refreshToken)
            return .noContent
        }
        api.post("auth/password-reset") { request, context -> HTTPResponse.Status in
            let body = try await request.decodeJSON(as: Reset.self, context: context)
            try await auth.resetPassword(token: body.token, newPassword: body.newPassword)
            return .noContent
        }
    }
}

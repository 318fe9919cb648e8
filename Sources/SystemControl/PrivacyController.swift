import Auth
import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `GET /api/me/export` (anyone signed in: their own data), `GET /api/system/employees/{id}/export` (administrators;
/// written to the person's access log), `POST /api/system/erasures` and `GET /api/system/erasures` (administrators).
struct PrivacyController {
    let service: PrivacyService
    let access: AccessControl

    struct EraseRequest: Decodable {
        var employeeId: String
        /// The person's email address, typed out.
        var confirm: String
        var reason: String
    }

    struct ErasureList: ResponseEncodable { var items: [PrivacyService.Erasure] }

    func addRoutes(me: RouterGroup<AppRequestContext>, system: RouterGroup<AppRequestContext>) {
        me.get("export") { _, context -> Response in
            let user = try context.requireUser()
            let person = try await access.checkRead(of: user.employeeID, by: user)
            return try await zip(person)
        }
        system.get("employees/:employeeId/export") { _, context -> Response in
            let user = try context.requireAdmin()
            let id = try FieldValidation.id(try context.parameters.require("employeeId"), field: "employeeId")
            return try await zip(try await access.authorizeRead(of: id, resource: "privacy.export", by: user))
        }
        system.post("erasures") { request, context -> PrivacyService.Erasure in
            let user = try context.requireAdmin()
            let body = try await request.decodeJSON(as: EraseRequest.self, context: context)
            let id = try FieldValidation.id(body.employeeId, field: "employeeId")
            let reason = try FieldValidation.text(body.reason, field: "reason", maxLength: 500)
            guard body.confirm.count <= FieldValidation.maxEmailLength else { throw SimpleAppError.invalid("confirm", "is too long") }
            return try await service.erase(employeeID: id, by: user, confirm: body.confirm, reason: reason)
        }
        system.get("erasures") { request, context -> ErasureList in
            _ = try context.requireAdmin()
            let limit = try request.uri.queryParameters.get("limit").map { text -> Int in
                guard let n = Int(text), (1...500).contains(n) else { throw SimpleAppError.invalid("limit", "must be an integer from 1 to 500") }
                return n
            } ?? 100
            return ErasureList(items: try await service.erasures(limit: limit))
        }
    }

    private func zip(_ person: Employee) async throws -> Response {
        let bytes = try await service.export(person)
        let day = ISO8601DateFormatter.string(from: service.time.now, timeZone: .gmt, formatOptions: [.withFullDate])
        return Response(status: .ok, headers: [
            .contentType: "application/zip", .contentDisposition: "attachment; filename=\"personal-data-\(day).zip\"",
            .cacheControl: "no-store",
        ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension PrivacyService.Erasure: ResponseEncodable {}

import Auth
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `/api/schedule` (the view), `/api/schedule/shifts…`, `/api/schedule/publish` and `/api/me/schedule`.
struct ShiftController {
    let shifts: ShiftService
    let views: ScheduleViewService

    struct Publish: Decodable { let from: String?; let to: String?; let teamId: String? }

    func addRoutes(schedule: RouterGroup<AppRequestContext>, me: RouterGroup<AppRequestContext>) {
        schedule.get { request, context -> Response in
            try await views.view(try Self.query(request), by: try context.requireUser()).json().response()
        }
        schedule.get("shifts") { request, context -> Response in
            try await views.view(try Self.query(request), by: try context.requireUser()).json().response()
        }
        schedule.post("shifts") { request, context -> EditedResponse<Shift> in
            let user = try context.requireManagerOrAdmin()
            let input = try await request.decodeJSON(as: ShiftInput.self, context: context)
            return EditedResponse(status: .created, response: try await shifts.create(input, by: user))
        }
        schedule.get("shifts/:shiftId") { _, context -> Shift in
            let user = try context.requireUser()
            return try await shifts.shift(id: try context.uuidParameter("shiftId"), by: user)
        }
        schedule.patch("shifts/:shiftId") { request, context -> Shift in
            let user = try context.requireManagerOrAdmin()
            let id = try context.uuidParameter("shiftId")
            let input = try await request.decodeJSON(as: ShiftInput.self, context: context)
            return try await shifts.update(id: id, input, by: user)
        }
        schedule.delete("shifts/:shiftId") { request, context -> Response in
            let user = try context.requireManagerOrAdmin()
            let id = try context.uuidParameter("shiftId")
            let version = try request.uri.queryParameters.get("version").map { text -> Int64 in
                guard let value = Int64(text), value > 0 else { throw SimpleAppError.invalid("version", "must be a positive whole number") }
                return value
            }
            try await shifts.delete(id: id, version: version, by: user)
            return Response(status: .noContent)
        }
        schedule.post("shifts/:shiftId/claim") { _, context -> Shift in
            let user = try context.requireUser()
            return try await shifts.claim(id: try context.uuidParameter("shiftId"), by: user)
        }
        schedule.post("publish") { request, context -> ShiftService.PublishResult in
            let user = try context.requireManagerOrAdmin()
            let body = try await request.decodeJSON(as: Publish.self, context: context)
            guard let team = body.teamId else { throw SimpleAppError.invalid("teamId", "is required") }
            return try await shifts.publish(teamID: team, from: body.from, to: body.to, by: user)
        }
        me.get("schedule") { request, context -> Response in
            let user = try context.requireUser()
            return try await views.mine(from: request.text("from"), to: request.text("to"), by: user).json().response()
        }
    }

    static func query(_ request: Request) throws -> ScheduleViewService.Query {
        ScheduleViewService.Query(
            from: request.text("from"), to: request.text("to"),
            teamID: try request.text("teamId").map { try FieldValidation.id($0, field: "teamId") },
            employeeID: try request.text("employee").map { try FieldValidation.id($0, field: "employee") },
            locationID: try request.text("locationId").map { try FieldValidation.id($0, field: "locationId") }
        )
    }
}

extension Shift: ResponseCodable {}
extension ShiftService.PublishResult: ResponseCodable {}

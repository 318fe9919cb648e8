import Auth
import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `/api/schedule/time-off`: request, list, approve, deny, cancel.
struct TimeOffController {
    let timeOff: TimeOffService

    struct Items: ResponseCodable, Sendable { var items: [TimeOff] }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get { request, context -> Items in
            let user = try context.requireUser()
            return Items(items: try await timeOff.list(
                employeeID: try request.text("employee").map { try FieldValidation.id($0, field: "employee") },
                teamID: try request.text("teamId").map { try FieldValidation.id($0, field: "teamId") },
                status: try request.enumQuery("status", as: TimeOff.Status.self), from: request.text("from"), to: request.text("to"), by: user
            ))
        }
        group.post { request, context -> EditedResponse<TimeOff> in
            let user = try context.requireUser()
            let input = try await request.decodeJSON(as: TimeOffService.Input.self, context: context)
            return EditedResponse(status: .created, response: try await timeOff.request(input, by: user))
        }
        group.get(":timeOffId") { _, context -> TimeOff in
            try await timeOff.get(id: try context.uuidParameter("timeOffId"), by: try context.requireUser())
        }
        group.post(":timeOffId/approve") { request, context -> TimeOff in
            let user = try context.requireManagerOrAdmin()
            let id = try context.uuidParameter("timeOffId")
            return try await timeOff.decide(id: id, approve: true, note: try await NoteBody.read(request), by: user)
        }
        group.post(":timeOffId/deny") { request, context -> TimeOff in
            let user = try context.requireManagerOrAdmin()
            let id = try context.uuidParameter("timeOffId")
            return try await timeOff.decide(id: id, approve: false, note: try await NoteBody.read(request), by: user)
        }
        group.delete(":timeOffId") { _, context -> TimeOff in
            try await timeOff.cancel(id: try context.uuidParameter("timeOffId"), by: try context.requireUser())
        }
    }

}

extension TimeOff: ResponseCodable {}

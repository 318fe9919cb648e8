import Auth
import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `/api/schedule/requests`: swap and drop requests.
struct ShiftRequestController {
    let requests: ShiftRequestService

    struct Items: ResponseCodable, Sendable { var items: [ShiftRequest] }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get { request, context -> Items in
            let user = try context.requireUser()
            return Items(items: try await requests.list(status: try request.enumQuery("status", as: ShiftRequest.Status.self), by: user))
        }
        group.post { request, context -> EditedResponse<ShiftRequest> in
            let user = try context.requireUser()
            let input = try await request.decodeJSON(as: ShiftRequestService.Input.self, context: context)
            return EditedResponse(status: .created, response: try await requests.create(input, by: user))
        }
        group.post(":requestId/accept") { _, context -> ShiftRequest in
            try await requests.answer(id: try context.uuidParameter("requestId"), accept: true, by: try context.requireUser())
        }
        group.post(":requestId/decline") { _, context -> ShiftRequest in
            try await requests.answer(id: try context.uuidParameter("requestId"), accept: false, by: try context.requireUser())
        }
        group.post(":requestId/approve") { request, context -> ShiftRequest in
            let user = try context.requireManagerOrAdmin()
            let id = try context.uuidParameter("requestId")
            return try await requests.approve(id: id, note: try await NoteBody.read(request), by: user)
        }
        group.post(":requestId/deny") { request, context -> ShiftRequest in
            let user = try context.requireManagerOrAdmin()
            let id = try context.uuidParameter("requestId")
            return try await requests.deny(id: id, note: try await NoteBody.read(request), by: user)
        }
        group.delete(":requestId") { _, context -> ShiftRequest in
            try await requests.cancel(id: try context.uuidParameter("requestId"), by: try context.requireUser())
        }
    }

}

extension ShiftRequest: ResponseCodable {}

import Auth
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `POST|DELETE /api/me/calendar` (issue, rotate, revoke my feed) and `GET /api/schedule/calendar/{token}.ics`.
struct CalendarController {
    let calendar: CalendarService

    func addRoutes(schedule: RouterGroup<AppRequestContext>, me: RouterGroup<AppRequestContext>) {
        me.post("calendar") { _, context -> EditedResponse<CalendarService.Issued> in
            EditedResponse(status: .created, response: try await calendar.rotate(by: try context.requireUser()))
        }
        me.delete("calendar") { _, context -> Response in
            try await calendar.revoke(by: try context.requireUser())
            return Response(status: .noContent)
        }
        schedule.get("calendar/:file") { _, context -> Response in
            // The token is the authentication: anything wrong with it is a plain 404.
            guard let file = context.parameters.get("file"), let text = try await calendar.feed(file: file) else {
                throw ScheduleError.notFound("calendar")
            }
            return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8", .cacheControl: "private, max-age=300"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }
}

extension CalendarService.Issued: ResponseCodable {}

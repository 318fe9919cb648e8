import Foundation
import TrackerHTTP

/// Shifts written by hand for list answers (an organisation's day is a thousand shifts; `JSONEncoder` spent more on
/// them than the query). Same keys as the `Codable` form, which single-shift answers still use.
extension Shift {
    func write(_ f: inout JSONText.Fields) {
        f.string("id", id)
        f.string("teamId", teamId)
        f.string("locationId", locationId)
        f.string("employeeId", employeeId)
        f.date("start", start)
        f.date("end", end)
        f.string("timeZone", timeZone)
        f.string("localStart", localStart)
        f.string("localEnd", localEnd)
        f.string("skillId", skillId)
        f.int("breakMinutes", breakMinutes)
        f.string("notes", notes)
        f.string("status", status.rawValue)
        f.int("version", Int(version))
        f.string("source", source)
        f.string("externalId", externalId)
        f.string("templateId", templateId)
        f.date("createdAt", createdAt)
        f.date("updatedAt", updatedAt)
    }
}

extension ScheduleViewService.View {
    func json() -> JSONText {
        var document = JSONText(capacity: items.count * 600 + 128)
        document.object { f in
            f.date("from", from)
            f.date("to", to)
            f.string("timeZone", timeZone)
            f.array("items", items) { shift, f in shift.write(&f) }
        }
        return document
    }
}

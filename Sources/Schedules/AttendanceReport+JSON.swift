import Foundation
import TrackerHTTP

/// The report written by hand: an organisation's month is tens of thousands of rows, and `JSONEncoder` cost more than
/// the queries. The keys and shapes are those of the `Codable` form (tests decode this with `JSONDecoder`).
extension AttendanceReport {
    func json() -> JSONText {
        var document = JSONText(capacity: shifts.count * 420 + days.count * 200 + 512)
        document.object { f in
            f.string("from", from)
            f.string("to", to)
            f.string("timeZone", timeZone)
            f.array("shifts", shifts) { s, f in
                f.string("shiftId", s.shiftId)
                f.string("employeeId", s.employeeId)
                f.string("employee", s.employee)
                f.string("teamId", s.teamId)
                f.string("date", s.date)
                f.date("start", s.start)
                f.date("end", s.end)
                f.int("scheduledMinutes", s.scheduledMinutes)
                f.int("activeMinutes", s.activeMinutes)
                f.date("firstActivity", s.firstActivity)
                f.date("lastActivity", s.lastActivity)
                f.string("status", s.status.rawValue)
                f.strings("statuses", s.statuses.map(\.rawValue))
                f.int("lateMinutes", s.lateMinutes)
                f.int("earlyLeaveMinutes", s.earlyLeaveMinutes)
                f.int("overtimeMinutes", s.overtimeMinutes)
                f.bool("inProgress", s.inProgress)
            }
            f.array("days", days) { d, f in
                f.string("employeeId", d.employeeId)
                f.string("employee", d.employee)
                f.string("date", d.date)
                f.int("scheduledMinutes", d.scheduledMinutes)
                f.int("trackedMinutes", d.trackedMinutes)
                f.int("differenceMinutes", d.differenceMinutes)
                f.int("unscheduledMinutes", d.unscheduledMinutes)
            }
            f.object("totals") { t in
                t.int("shifts", totals.shifts)
                t.int("onTime", totals.onTime)
                t.int("late", totals.late)
                t.int("absent", totals.absent)
                t.int("earlyLeave", totals.earlyLeave)
                t.int("overtime", totals.overtime)
                t.int("scheduledMinutes", totals.scheduledMinutes)
                t.int("trackedMinutes", totals.trackedMinutes)
                t.int("unscheduledMinutes", totals.unscheduledMinutes)
            }
        }
        return document
    }
}

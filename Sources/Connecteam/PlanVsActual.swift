import Activities
import Auth
import Foundation
import Schedules
import SQLKit
import TrackerCore
import TrackerStore

/// Per person per local day: hours scheduled (published shifts), clocked (Connecteam's time clock), tracked
/// (the agents' activity, idle away, work-away idle counted), and the gaps between them — clocked but inactive,
/// active but not clocked, clocked outside any shift. Computed from the intervals themselves, not hourly totals, so
/// an hour half clocked and half active at other times shows both gaps.
struct PlanVsActual: Sendable {
    let database: any Database
    let directory: any DirectoryRepository
    let facts: ScheduleFacts
    let timeline: ActivityTimeline
    let time: TimeSource

    static let maxDays = 62
    static let maxPeople = 500

    struct Row: Codable, Sendable, Equatable {
        var employeeId: String
        var name: String
        var date: String
        var timeZone: String
        var scheduledHours: Double
        var clockedHours: Double
        var trackedHours: Double
        var clockedInactiveHours: Double
        var activeUnclockedHours: Double
        var clockedOutsideShiftHours: Double
    }

    func rows(people: [Employee], from: String, to: String) async throws -> [Row] {
        var rows: [Row] = []
        let now = time.now.epochMillis
        for person in people.prefix(Self.maxPeople) {
            let zoneName = try await directory.effectiveTimeZone(employeeID: person.id) ?? "UTC"
            let zone = TimeZone(identifier: zoneName) ?? .gmt
            let period = try LocalPeriod.make(kind: .custom, anchor: from, through: to, timeZone: zone, maxDays: Self.maxDays, anchorField: "from")
            let shifts = try await facts.shifts(employeeID: person.id, from: period.start, to: period.end)
            let planned = IntervalSet(shifts.map { $0.start.epochMillis..<$0.end.epochMillis })
            let clocked = try await clockedTime(person.id, from: period.start.epochMillis, to: period.end.epochMillis, now: now)
            for day in period.days {
                let bounds = day.start.epochMillis..<day.end.epochMillis
                let (activity, idle) = try await timeline.day(employeeID: person.id, from: day.start, to: day.end)
                let away = IntervalSet(idle.filter { $0.classification == .workAway }.map { $0.start..<$0.end })
                let notWorking = IntervalSet(idle.filter { $0.classification != .workAway }.map { $0.start..<$0.end })
                let tracked = IntervalSet(activity.map { $0.start..<$0.end }).subtracting(notWorking).union(away).clipped(to: bounds)
                let plan = planned.clipped(to: bounds), clock = clocked.clipped(to: bounds)
                func hours(_ set: IntervalSet) -> Double { (Double(set.total) / 36_000).rounded() / 100 }
                rows.append(Row(employeeId: person.id, name: person.name, date: day.date, timeZone: zoneName,
                                scheduledHours: hours(plan), clockedHours: hours(clock), trackedHours: hours(tracked),
                                clockedInactiveHours: hours(clock.subtracting(tracked)), activeUnclockedHours: hours(tracked.subtracting(clock)),
                                clockedOutsideShiftHours: hours(clock.subtracting(plan))))
            }
        }
        return rows
    }

    /// The person's clocked time overlapping `[from, to)`; a punch still open runs until now.
    private func clockedTime(_ employeeID: String, from: Int64, to: Int64, now: Int64) async throws -> IntervalSet {
        try await database.withConnection { db in
            IntervalSet(try await db.raw("""
                SELECT start_ms, end_ms FROM connecteam_clocked WHERE employee_id = \(bind: employeeID)
                AND start_ms > \(bind: from - 86_400_000) AND start_ms < \(bind: to) AND (end_ms IS NULL OR end_ms > \(bind: from))
                """).all().map { row in
                let start = try row.decode(column: "start_ms", as: Int64.self)
                return start..<max(start, try row.decode(column: "end_ms", as: Int64?.self) ?? now)
            })
        }
    }
}

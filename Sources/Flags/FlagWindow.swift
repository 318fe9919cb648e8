import Activities
import Auth
import Foundation
import Schedules
import TrackerCore

/// What the rules read for several days of one person, loaded once — rollup totals, active hours, shifts, time off,
/// idle and agent reports over the union of the days' windows — and cut per day to exactly what a load for that day
/// alone would return. A 30-day re-evaluation of a person then costs a handful of queries, not a handful per day.
struct FlagWindow: Sendable {
    var totals: [String: RollupReader.HourTotals]
    var hours: [RollupReader.HourPresence]
    var shifts: [ScheduleFacts.JudgedShift]
    var timeOff: [Range<Date>]
    var idle: [IdlePeriod]
    var reported: [ClosedRange<Int64>]

    /// One day's view: its 4 weeks before and its ISO week.
    struct Reach: Sendable {
        var day: LocalPeriod.Day
        var week: [LocalPeriod.Day]
        /// The days whose totals the rules read (4 weeks before the day through the end of its week).
        var span: [LocalPeriod.Day]
        var weekStart: Date { week.first?.start ?? day.start }
        var weekEnd: Date { week.last?.end ?? day.end }

        init(_ day: LocalPeriod.Day, zone: TimeZone) throws {
            self.day = day
            week = LocalCalendar.week(of: day, zone)
            let first = LocalCalendar.date(day.date, plusDays: -7 * FlagEvaluator.rippleWeeks) ?? day.date
            let last = max(day.date, week.last?.date ?? day.date)
            span = try LocalPeriod.make(kind: .custom, anchor: first, through: last, timeZone: zone, maxDays: 62).days
        }
    }

    /// The reports that matter for a day: around its shifts that have started, up to now (nil rule off: none).
    static func reportWindow(_ reach: Reach, shifts: [ScheduleFacts.JudgedShift], now: Date) -> ClosedRange<Date>? {
        let dayShifts = shifts.filter { $0.start < reach.day.end && $0.end > reach.day.start && $0.start < now }
        guard let first = dayShifts.map(\.start).min(), let last = dayShifts.map(\.end).max() else { return nil }
        let end = min(last, now)
        return end > first ? first...end : nil
    }

    /// Loads the union of `reaches`' windows.
    static func load(_ employeeID: String, reaches: [Reach], zone: TimeZone, silence: Bool, now: Date,
                     rollups: RollupReader, activity: ActivityReader, facts: ScheduleFacts) async throws -> FlagWindow {
        guard let first = reaches.first else { return FlagWindow(totals: [:], hours: [], shifts: [], timeOff: [], idle: [], reported: []) }
        let spanFirst = reaches.compactMap { $0.span.first?.date }.min() ?? first.day.date
        let spanLast = reaches.compactMap { $0.span.last?.date }.max() ?? first.day.date
        let days = try LocalPeriod.make(kind: .custom, anchor: spanFirst, through: spanLast, timeZone: zone, maxDays: 800).days
        let weekStart = reaches.map(\.weekStart).min() ?? first.day.start, weekEnd = reaches.map(\.weekEnd).max() ?? first.day.end
        let dayStart = reaches.map(\.day.start).min() ?? first.day.start, dayEnd = reaches.map(\.day.end).max() ?? first.day.end
        async let sums = rollups.daySums(.employees([employeeID]), days: days, zone: zone)
        async let hours = rollups.activeHours(employeeID: employeeID, from: weekStart, to: weekEnd)
        async let shifts = facts.shifts(employeeID: employeeID, from: weekStart, to: weekEnd)
        async let timeOff = facts.approvedTimeOff(employeeID: employeeID, from: days.first?.start ?? dayStart, to: weekEnd)
        async let idle = activity.idlePeriods(employeeID: employeeID, from: dayStart, to: dayEnd, revealPrivateNotes: false)
        let judged = try await shifts
        var reported: [ClosedRange<Int64>] = []
        let windows = silence ? reaches.compactMap { reportWindow($0, shifts: judged, now: now) } : []
        if let from = windows.map(\.lowerBound).min(), let to = windows.map(\.upperBound).max() {
            reported = try await activity.reportedSpans(employeeID: employeeID, from: from, to: to)
        }
        var totals: [String: RollupReader.HourTotals] = [:]
        for (index, value) in try await sums where days.indices.contains(index) { totals[days[index].date] = value }
        return FlagWindow(totals: totals, hours: try await hours, shifts: judged, timeOff: try await timeOff, idle: try await idle,
                          reported: reported)
    }

    /// What a load for `reach` alone would have returned.
    func cut(_ reach: Reach, silence: Bool, now: Date) -> FlagWindow {
        let lo = reach.weekStart, hi = reach.weekEnd
        let spanStart = reach.span.first?.start ?? reach.day.start
        let dates = Set(reach.span.map(\.date))
        var reports: [ClosedRange<Int64>] = []
        if silence, let window = Self.reportWindow(reach, shifts: shifts.filter { $0.start < hi && $0.end > lo }, now: now) {
            let from = window.lowerBound.epochMillis, to = window.upperBound.epochMillis
            for span in reported {
                let start = max(from, span.lowerBound), end = min(to, span.upperBound)
                guard end >= start else { continue }
                if let last = reports.last, start <= last.upperBound {
                    reports[reports.count - 1] = last.lowerBound...max(last.upperBound, end)
                } else {
                    reports.append(start...end)
                }
            }
        }
        return FlagWindow(
            totals: totals.filter { dates.contains($0.key) },
            hours: hours.filter { $0.hour >= lo.epochMillis && $0.hour < hi.epochMillis },
            shifts: shifts.filter { $0.start < hi && $0.end > lo },
            timeOff: timeOff.filter { $0.lowerBound < hi && $0.upperBound > spanStart },
            idle: idle.filter { $0.start < reach.day.end && $0.end > reach.day.start },
            reported: reports
        )
    }
}

import Activities
import Foundation
import TrackerCore

/// Turns the attendance queries' rows into the report: statuses per shift, plan vs tracked per person-day. Pure.
struct AttendanceBuilder {
    var names: [String: String]
    var zone: TimeZone
    var period: LocalPeriod
    var range: ScheduleRange
    var settings: ScheduleSettings
    var teamGrace: [String: Int]
    var now: Int64

    func report(shifts: [AttendanceQueries.ShiftPresence], days: [AttendanceQueries.DayActivity]) -> AttendanceReport {
        var totals = AttendanceReport.Totals()
        let rows = shifts.filter { $0.start >= range.from && $0.start < range.to && $0.start <= now }
            .map { judge($0) }
        for row in rows {
            totals.shifts += 1
            for status in row.statuses {
                switch status {
                case .onTime: totals.onTime += 1
                case .late: totals.late += 1
                case .absent: totals.absent += 1
                case .earlyLeave: totals.earlyLeave += 1
                case .overtime: totals.overtime += 1
                }
            }
        }
        let dayRows = plan(shifts, days)
        for day in dayRows {
            totals.scheduledMinutes += day.scheduledMinutes
            totals.trackedMinutes += day.trackedMinutes
            totals.unscheduledMinutes += day.unscheduledMinutes
        }
        return AttendanceReport(from: period.days.first?.date ?? "", to: period.days.last?.date ?? "", timeZone: zone.identifier,
                                shifts: rows, days: dayRows, totals: totals)
    }

    func judge(_ p: AttendanceQueries.ShiftPresence) -> AttendanceReport.ShiftRow {
        let s = p
        let grace = Int64(teamGrace[s.teamId] ?? settings.graceMinutes) * 60_000
        let inProgress = now < s.end
        var statuses: [AttendanceReport.Status] = []
        var late: Int64 = 0, early: Int64 = 0, overtime: Int64 = 0
        if !p.inside {
            // Not yet absent while the grace after the start is still running.
            if !(inProgress && now <= s.start + grace) { statuses.append(.absent) }
        } else if let first = p.first, let last = p.last {
            if first > s.start + grace { statuses.append(.late); late = first - s.start }
            if !inProgress {
                if last < s.end - grace { statuses.append(.earlyLeave); early = s.end - last }
                if last > s.end + grace { statuses.append(.overtime); overtime = last - s.end }
            }
            if statuses.isEmpty { statuses.append(.onTime) }
        }
        if statuses.isEmpty { statuses.append(.onTime) }
        let order: [AttendanceReport.Status] = [.absent, .late, .earlyLeave, .overtime, .onTime]
        let primary = order.first(where: statuses.contains) ?? .onTime
        let employee = s.employeeId
        return AttendanceReport.ShiftRow(
            shiftId: s.id, employeeId: employee, employee: names[employee] ?? "", teamId: s.teamId,
            date: ScheduleFormat.date(Date(epochMillis: s.start), zone), start: Date(epochMillis: s.start), end: Date(epochMillis: s.end),
            scheduledMinutes: s.paidMinutes, activeMinutes: Self.minutes(p.activeMs),
            firstActivity: p.inside ? p.first.map(Date.init(epochMillis:)) : nil, lastActivity: p.inside ? p.last.map(Date.init(epochMillis:)) : nil,
            status: primary, statuses: statuses, lateMinutes: Self.minutes(late), earlyLeaveMinutes: Self.minutes(early),
            overtimeMinutes: Self.minutes(overtime), inProgress: inProgress
        )
    }

    /// Scheduled minutes per person-day (each shift's paid time spread over the local days it spans) beside tracked
    /// and unscheduled minutes; one row per person-day with either.
    func plan(_ shifts: [AttendanceQueries.ShiftPresence], _ activity: [AttendanceQueries.DayActivity]) -> [AttendanceReport.DayRow] {
        struct Key: Hashable { var person: String; var day: Int }
        var scheduled: [Key: Double] = [:]
        let bounds = period.days.map { ($0.start.epochMillis, $0.end.epochMillis) }
        for s in shifts where s.end > s.start {
            let paidShare = Double(s.paidMinutes) / (Double(s.end - s.start) / 60_000)
            // The days a shift touches: binary search for the first, then forward (a shift spans at most two or three).
            var index = bounds.partitioningIndex { $0.1 > s.start }
            while index < bounds.count, bounds[index].0 < s.end {
                let lo = max(s.start, bounds[index].0), hi = min(s.end, bounds[index].1)
                if hi > lo { scheduled[Key(person: s.employeeId, day: index), default: 0] += Double(hi - lo) / 60_000 * paidShare }
                index += 1
            }
        }
        let index = RollupReader.dayIndex(period.days, zone: zone)
        var tracked: [Key: (Int64, Int64)] = [:]
        for row in activity {
            guard let day = index[row.localDay] else { continue }
            let key = Key(person: row.employee, day: day)
            let old = tracked[key] ?? (0, 0)
            tracked[key] = (old.0 + row.trackedMs, old.1 + row.unscheduledMs)
        }
        let threshold = Int64(settings.unscheduledThresholdMinutes) * 60_000
        return Set(scheduled.keys).union(tracked.keys)
            .sorted { (names[$0.person] ?? "", $0.person, $0.day) < (names[$1.person] ?? "", $1.person, $1.day) }
            .map { key in
                let planned = Int((scheduled[key] ?? 0).rounded())
                let (active, outside) = tracked[key] ?? (0, 0)
                let activeMinutes = Self.minutes(active)
                return AttendanceReport.DayRow(
                    employeeId: key.person, employee: names[key.person] ?? "", date: period.days[key.day].date,
                    scheduledMinutes: planned, trackedMinutes: activeMinutes, differenceMinutes: activeMinutes - planned,
                    unscheduledMinutes: outside >= threshold && outside > 0 ? Self.minutes(outside) : 0
                )
            }
    }

    static func minutes(_ ms: Int64) -> Int { Int((Double(ms) / 60_000).rounded()) }
}

extension Array {
    /// The first index whose element satisfies `predicate`, for a predicate false then true along the array.
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if predicate(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

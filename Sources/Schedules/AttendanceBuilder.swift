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

    func report(shifts: [AttendanceQueries.ShiftPresence], tracked: [AttendanceQueries.DayActivity],
                unscheduled: [AttendanceQueries.DayActivity]) -> AttendanceReport {
        var totals = AttendanceReport.Totals()
        let bounds = dayBounds
        let rows = shifts.filter { $0.start >= range.from && $0.start < range.to && $0.start <= now }
            .map { judge($0, bounds: bounds) }
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
        let dayRows = plan(shifts, tracked: tracked, unscheduled: unscheduled)
        for day in dayRows {
            totals.scheduledMinutes += day.scheduledMinutes
            totals.trackedMinutes += day.trackedMinutes
            totals.unscheduledMinutes += day.unscheduledMinutes
        }
        return AttendanceReport(from: period.days.first?.date ?? "", to: period.days.last?.date ?? "", timeZone: zone.identifier,
                                shifts: rows, days: dayRows, totals: totals)
    }

    /// Each local day of the period as `[start, end)` in epoch milliseconds.
    var dayBounds: [(Int64, Int64)] { period.days.map { ($0.start.epochMillis, $0.end.epochMillis) } }

    /// The local date of `instant`: the period's day holding it (a binary search, not a time-zone lookup per shift).
    func localDate(_ instant: Int64, bounds: [(Int64, Int64)]) -> String {
        let day = bounds.partitioningIndex { $0.1 > instant }
        if day < bounds.count, bounds[day].0 <= instant { return period.days[day].date }
        return ScheduleFormat.date(Date(epochMillis: instant), zone)
    }

    func judge(_ p: AttendanceQueries.ShiftPresence, bounds: [(Int64, Int64)]) -> AttendanceReport.ShiftRow {
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
            date: localDate(s.start, bounds: bounds), start: Date(epochMillis: s.start), end: Date(epochMillis: s.end),
            scheduledMinutes: s.paidMinutes, activeMinutes: Self.minutes(p.activeMs),
            firstActivity: p.inside ? p.first.map(Date.init(epochMillis:)) : nil, lastActivity: p.inside ? p.last.map(Date.init(epochMillis:)) : nil,
            status: primary, statuses: statuses, lateMinutes: Self.minutes(late), earlyLeaveMinutes: Self.minutes(early),
            overtimeMinutes: Self.minutes(overtime), inProgress: inProgress
        )
    }

    /// Scheduled minutes per person-day (each shift's paid time spread over the local days it spans) beside tracked
    /// and unscheduled minutes; one row per person-day with either, by person (name, then id) and day. Person-days
    /// are slots of flat arrays (a person's number × the period's days): an organisation's month is tens of thousands
    /// of them, and hashing a key per row and comparing names per sort step cost more than the queries.
    func plan(_ shifts: [AttendanceQueries.ShiftPresence], tracked activity: [AttendanceQueries.DayActivity],
              unscheduled: [AttendanceQueries.DayActivity]) -> [AttendanceReport.DayRow] {
        var number: [String: Int] = [:]
        var people: [String] = []
        func person(_ id: String) -> Int {
            if let known = number[id] { return known }
            number[id] = people.count
            people.append(id)
            return people.count - 1
        }
        for id in names.keys { _ = person(id) }
        let shiftPeople = shifts.map { person($0.employeeId) }
        let trackedPeople = activity.map { person($0.employee) }, outsidePeople = unscheduled.map { person($0.employee) }
        let dayCount = period.days.count
        var scheduled = [Double](repeating: 0, count: people.count * dayCount)
        var active = [Int64](repeating: 0, count: scheduled.count), outside = active
        var present = [Bool](repeating: false, count: scheduled.count)

        let bounds = dayBounds
        for (s, who) in zip(shifts, shiftPeople) where s.end > s.start {
            let paidShare = Double(s.paidMinutes) / (Double(s.end - s.start) / 60_000)
            // The days a shift touches: binary search for the first, then forward (a shift spans at most two or three).
            var day = bounds.partitioningIndex { $0.1 > s.start }
            while day < bounds.count, bounds[day].0 < s.end {
                let lo = max(s.start, bounds[day].0), hi = min(s.end, bounds[day].1)
                if hi > lo {
                    scheduled[who * dayCount + day] += Double(hi - lo) / 60_000 * paidShare
                    present[who * dayCount + day] = true
                }
                day += 1
            }
        }
        let dayIndex = RollupReader.dayIndex(period.days, zone: zone)
        for (row, who) in zip(activity, trackedPeople) {
            guard let day = dayIndex[row.localDay] else { continue }
            active[who * dayCount + day] += row.activeMs
            present[who * dayCount + day] = true
        }
        for (row, who) in zip(unscheduled, outsidePeople) {
            guard let day = dayIndex[row.localDay] else { continue }
            outside[who * dayCount + day] += row.activeMs
            present[who * dayCount + day] = true
        }

        let threshold = Int64(settings.unscheduledThresholdMinutes) * 60_000
        let order = people.indices.map { (name: names[people[$0]] ?? "", id: people[$0], number: $0) }
            .sorted { ($0.name, $0.id) < ($1.name, $1.id) }
        var rows: [AttendanceReport.DayRow] = []
        for who in order {
            for day in 0..<dayCount where present[who.number * dayCount + day] {
                let slot = who.number * dayCount + day
                let planned = Int(scheduled[slot].rounded())
                let activeMinutes = Self.minutes(active[slot])
                let away = outside[slot]
                rows.append(AttendanceReport.DayRow(
                    employeeId: who.id, employee: who.name, date: period.days[day].date,
                    scheduledMinutes: planned, trackedMinutes: activeMinutes, differenceMinutes: activeMinutes - planned,
                    unscheduledMinutes: away >= threshold && away > 0 ? Self.minutes(away) : 0
                ))
            }
        }
        return rows
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

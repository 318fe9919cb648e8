import Activities
import Foundation
import Schedules
import TrackerCore
import TrackerHTTP

/// Judges one person-day against every enabled rule: the day rules for that day, the week rules for its ISO week,
/// the shift rules for the shifts that overlap it. Pure: the evaluator loads the inputs.
struct FlagJudge {
    struct Inputs {
        var employeeID: String
        var zone: TimeZone
        /// Its IANA name as configured (what evidence and links show).
        var zoneName: String
        /// The day judged.
        var day: LocalPeriod.Day
        /// Its ISO week, Monday first (7 days).
        var week: [LocalPeriod.Day]
        /// Totals per local date, for the 28 days before `day` and the whole week at least.
        var totals: [String: RollupReader.HourTotals]
        /// Active hours of the week.
        var hours: [RollupReader.HourPresence]
        /// Published shifts overlapping the week.
        var shifts: [ScheduleFacts.JudgedShift]
        var timeOff: [Range<Date>]
        /// Idle periods overlapping the day.
        var idle: [IdlePeriod] = []
        /// When the person's devices reported anything, around the day's shifts (merged spans, epoch ms).
        var reported: [ClosedRange<Int64>] = []
        /// Working weekdays, 0 = Monday.
        var workWeek: Set<Int>
        var now: Date
        var rules: [FlagRule: FlagRuleSettings]
    }

    let inputs: Inputs

    func outcomes() -> [FlagOutcome] {
        FlagRule.allCases.flatMap { rule -> [FlagOutcome] in
            guard let settings = inputs.rules[rule], settings.enabled else { return [] }
            switch rule {
            case .lowActivity: return [lowActivity(settings)]
            case .unproductiveShare: return [unproductiveShare(settings)]
            case .excessiveHours: return [excessiveHours(settings)]
            case .afterHours: return [afterHours(settings)]
            case .lateStart, .earlyLeave, .absent: return shiftsOfDay.map { shift(rule, $0, settings) }
            case .longIdle: return [longIdle(settings)]
            case .agentSilent: return shiftsOfDay.compactMap { agentSilent($0, settings) }
            }
        }
    }

    // MARK: day rules

    func lowActivity(_ settings: FlagRuleSettings) -> FlagOutcome {
        let day = inputs.day
        let percent = settings.value("percent", of: .lowActivity), minSamples = Int(settings.value("minSamples", of: .lowActivity))
        let observed = activeHours(day.date)
        var samples: [FlagEvidence.DayValue] = [], raw: [Double] = []
        for weeksBack in 1...4 {
            guard let date = LocalCalendar.date(day.date, plusDays: -7 * weeksBack) else { continue }
            let hours = activeHours(date)
            if hours > 0, !onTimeOff(date) {
                samples.append(.init(date: date, value: Self.round(hours)))
                raw.append(hours)
            }
        }
        let median = Self.median(raw)
        let threshold = median * percent / 100
        let workday = inputs.workWeek.contains(LocalCalendar.weekday(day.start, inputs.zone))
        var holds: Bool? = observed < threshold
        var summary = "Active \(Self.hours(observed)) h, below \(CSVDownload.number(percent)) % of the usual \(Self.hours(median)) h for this weekday (median of \(samples.count) earlier weeks)."
        if !workday || onTimeOff(day.date) {
            holds = false
            summary = workday ? "On approved time off." : "Not a working day."
        } else if samples.count < minSamples {
            holds = false
            summary = "Only \(samples.count) earlier \(LocalCalendar.weekdayName(day.start, inputs.zone)) with activity; the baseline needs \(minSamples)."
        }
        if inputs.now < day.end { holds = nil }  // a day is judged once it is over
        return outcome(.lowActivity, day: day, holds: holds, evidence: evidence(
            observed: Self.round(observed), baseline: Self.round(median), threshold: Self.round(threshold), unit: "hours",
            period: dayPeriod(day), days: samples, summary: summary, open: dashboard(period: "day", date: day.date)
        ))
    }

    func unproductiveShare(_ settings: FlagRuleSettings) -> FlagOutcome {
        let day = inputs.day
        let percent = settings.value("percent", of: .unproductiveShare), minActive = settings.value("minActiveMinutes", of: .unproductiveShare)
        let totals = inputs.totals[day.date]
        let active = totals?.active ?? 0, unproductive = totals?.unproductive ?? 0
        let share = active > 0 ? unproductive / active * 100 : 0
        var holds: Bool? = active >= minActive * 60 && share > percent
        if inputs.now < day.end { holds = nil }
        return outcome(.unproductiveShare, day: day, holds: holds, evidence: evidence(
            observed: Self.round(share), baseline: nil, threshold: percent, unit: "percent", period: dayPeriod(day), days: nil,
            summary: "Unproductive \(Self.hours(unproductive / 3600)) h of \(Self.hours(active / 3600)) h active (\(Self.round(share)) %, threshold \(CSVDownload.number(percent)) %).",
            open: dashboard(period: "day", date: day.date)
        ))
    }

    /// The longest unclassified idle stretch inside the windows (the day's shifts if the week has any, else the
    /// work hours of a working day).
    func longIdle(_ settings: FlagRuleSettings) -> FlagOutcome {
        let day = inputs.day
        let minutes = settings.value("minutes", of: .longIdle)
        let windows: [(Int64, Int64)]
        if weekHasShifts {
            windows = shiftsOfDay.map { ($0.start.epochMillis, $0.end.epochMillis) }
        } else if inputs.workWeek.contains(LocalCalendar.weekday(day.start, inputs.zone)),
                  let from = LocalCalendar.instant(day, hour: settings.value("workStartHour", of: .longIdle), inputs.zone),
                  let to = LocalCalendar.instant(day, hour: settings.value("workEndHour", of: .longIdle), inputs.zone) {
            windows = [(from.epochMillis, to.epochMillis)]
        } else {
            windows = []
        }
        var longest: Int64 = 0, at: Int64?
        for period in inputs.idle where period.classification == nil {
            let start = period.start.epochMillis, end = period.end.epochMillis
            for window in windows {
                let overlap = min(end, window.1) - max(start, window.0)
                if overlap > longest { longest = overlap; at = max(start, window.0) }
            }
        }
        let observed = Double(longest) / 60_000
        let basis = weekHasShifts ? "inside a published shift" : "inside work hours"
        let when = at.map { " from \(LocalCalendar.clock(Date(epochMillis: $0), inputs.zone))" } ?? ""
        return outcome(.longIdle, day: day, holds: observed >= minutes, evidence: evidence(
            observed: Self.round(observed), baseline: nil, threshold: minutes, unit: "minutes", period: dayPeriod(day), days: nil,
            summary: "Unclassified idle of \(Int(observed.rounded(.down))) min \(basis)\(when) (threshold \(CSVDownload.number(minutes)) min).",
            open: "/api/idle?employee=\(inputs.employeeID)&from=\(RFC3339.format(day.start))&to=\(RFC3339.format(day.end))"
        ))
    }

    // MARK: week rules

    func excessiveHours(_ settings: FlagRuleSettings) -> FlagOutcome {
        let limit = settings.value("hours", of: .excessiveHours)
        let perDay = inputs.week.map { FlagEvidence.DayValue(date: $0.date, value: Self.round(activeHours($0.date))) }
        let observed = inputs.week.reduce(0) { $0 + activeHours($1.date) }
        return weekOutcome(.excessiveHours, holds: observed > limit, evidence: evidence(
            observed: Self.round(observed), baseline: nil, threshold: limit, unit: "hours", period: weekPeriod, days: perDay,
            summary: "Active \(Self.hours(observed)) h this week, more than \(CSVDownload.number(limit)) h.", open: dashboard(period: "week", date: weekStart)
        ))
    }

    func afterHours(_ settings: FlagRuleSettings) -> FlagOutcome {
        let minutes = settings.value("minutes", of: .afterHours), needed = settings.value("days", of: .afterHours)
        let outside = outsideMinutes(settings)
        let perDay = inputs.week.map { FlagEvidence.DayValue(date: $0.date, value: Self.round(outside[$0.date] ?? 0)) }
        let count = perDay.filter { $0.value > minutes }.count
        let basis = weekHasShifts ? "outside published shifts" : "outside work hours"
        return weekOutcome(.afterHours, holds: Double(count) >= needed, evidence: evidence(
            observed: Double(count), baseline: nil, threshold: needed, unit: "days", period: weekPeriod, days: perDay,
            summary: "\(count) day(s) this week with more than \(CSVDownload.number(minutes)) min active \(basis) (threshold \(CSVDownload.number(needed)) day(s)).",
            open: dashboard(period: "week", date: weekStart)
        ))
    }

    var weekHasShifts: Bool {
        guard let first = inputs.week.first, let last = inputs.week.last else { return false }
        return inputs.shifts.contains { $0.start < last.end && $0.end > first.start }
    }

    /// Active minutes per local date outside the windows: the week's shifts if it has any, else the work hours of
    /// workdays. Within an hour, activity is taken as spread evenly over its first-to-last active span.
    func outsideMinutes(_ settings: FlagRuleSettings) -> [String: Double] {
        let windows: [(Int64, Int64)] = weekHasShifts
            ? inputs.shifts.map { ($0.start.epochMillis, $0.end.epochMillis) }
            : inputs.week.compactMap { day in
                guard inputs.workWeek.contains(LocalCalendar.weekday(day.start, inputs.zone)),
                      let from = LocalCalendar.instant(day, hour: settings.value("workStartHour", of: .afterHours), inputs.zone),
                      let to = LocalCalendar.instant(day, hour: settings.value("workEndHour", of: .afterHours), inputs.zone)
                else { return nil }
                return (from.epochMillis, to.epochMillis)
            }
        var result: [String: Double] = [:]
        for hour in inputs.hours {
            guard let day = inputs.week.first(where: { $0.start.epochMillis <= hour.hour && hour.hour < $0.end.epochMillis }) else { continue }
            let from = hour.firstMs ?? hour.hour, to = hour.lastMs ?? (hour.hour + HourBucket.millis)
            let inside: Double
            if to > from {
                let covered = windows.reduce(Int64(0)) { $0 + max(0, min(to, $1.1) - max(from, $1.0)) }
                inside = min(1, Double(covered) / Double(to - from))
            } else {
                inside = windows.contains { $0.0 <= from && from < $0.1 } ? 1 : 0
            }
            result[day.date, default: 0] += Double(hour.activeMs) * (1 - inside) / 60_000
        }
        return result
    }

    // MARK: shift rules

    /// Shifts overlapping the day: a night shift is judged from either of its days, with the same result.
    var shiftsOfDay: [ScheduleFacts.JudgedShift] {
        inputs.shifts.filter { $0.start < inputs.day.end && $0.end > inputs.day.start }
    }

    func shift(_ rule: FlagRule, _ shift: ScheduleFacts.JudgedShift, _ settings: FlagRuleSettings) -> FlagOutcome {
        let minutes = settings.value("minutes", of: rule)
        let a = shift.attendance
        let ended = a.map { !$0.inProgress } ?? false
        let excused = inputs.timeOff.contains { $0.lowerBound < shift.end && $0.upperBound > shift.start }
        var holds: Bool?
        var observed = 0.0, threshold = minutes
        var summary: String
        switch rule {
        case .lateStart:
            observed = Double(a?.lateMinutes ?? 0)
            let late = a?.statuses.contains(.late) == true && observed >= minutes
            holds = a?.firstActivity != nil || ended ? late : nil
            summary = "First activity \(Int(observed)) min after the shift's start (threshold \(CSVDownload.number(minutes)) min)."
        case .earlyLeave:
            observed = Double(a?.earlyLeaveMinutes ?? 0)
            holds = ended ? (a?.statuses.contains(.earlyLeave) == true && observed >= minutes) : nil
            summary = "Last activity \(Int(observed)) min before the shift's end (threshold \(CSVDownload.number(minutes)) min)."
        default:
            threshold = 0
            observed = Double(a?.activeMinutes ?? 0)
            holds = ended ? a?.statuses.contains(.absent) == true : nil
            summary = "No activity during the shift."
        }
        if excused { holds = false; summary = "On approved time off during the shift." }
        let date = LocalPeriod.localDate(shift.start, in: inputs.zone)
        let period = FlagEvidence.Period(
            label: "\(date) \(LocalCalendar.clock(shift.start, inputs.zone))–\(LocalCalendar.clock(shift.end, inputs.zone))",
            from: LocalCalendar.local(shift.start, inputs.zone), to: LocalCalendar.local(shift.end, inputs.zone), timeZone: inputs.zoneName
        )
        return FlagOutcome(
            rule: rule, periodKey: "shift:\(shift.id)", periodFrom: shift.start, periodTo: shift.end, holds: holds,
            evidence: evidence(observed: observed, baseline: nil, threshold: threshold, unit: "minutes", period: period, days: nil,
                               summary: summary, open: "/api/schedule/attendance?employeeId=\(inputs.employeeID)&from=\(date)&to=\(date)")
        )
    }

    /// The longest stretch of a shift (so far) without any report from the person's devices; nil before it starts.
    /// Silence of the agent *while the person works*: gaps between reports inside a shift, and while the shift runs,
    /// the time since the last report. The time before the first report is a late start or an absence, and the time
    /// after the last report of a shift that has ended is an early leave — their own rules judge those.
    func agentSilent(_ shift: ScheduleFacts.JudgedShift, _ settings: FlagRuleSettings) -> FlagOutcome? {
        let now = inputs.now.epochMillis, start = shift.start.epochMillis
        guard start < now else { return nil }
        let running = shift.end.epochMillis > now
        let end = min(shift.end.epochMillis, now)
        let minutes = settings.value("minutes", of: .agentSilent)
        let inside = inputs.reported.filter { $0.upperBound >= start && $0.lowerBound <= end }
        var longest: Int64 = 0, gapStart = start
        if var cursor = inside.first.map({ max(start, $0.upperBound) }) {
            for span in inside.dropFirst() {
                if span.lowerBound - cursor > longest { longest = span.lowerBound - cursor; gapStart = cursor }
                cursor = max(cursor, span.upperBound)
            }
            if running, end - cursor > longest { longest = end - cursor; gapStart = cursor }
        }
        let observed = Double(longest) / 60_000
        let excused = inputs.timeOff.contains { $0.lowerBound < shift.end && $0.upperBound > shift.start }
        var outcome = self.shift(.agentSilent, shift, settings)
        outcome.holds = !excused && observed >= minutes
        outcome.evidence.observed = Self.round(observed)
        outcome.evidence.threshold = minutes
        outcome.evidence.summary = excused ? "On approved time off during the shift."
            : inside.isEmpty ? "No data during the shift yet: not arrived (judged as a late start or an absence)."
            : "No data from any device for \(Int(observed.rounded(.down))) min from \(LocalCalendar.clock(Date(epochMillis: gapStart), inputs.zone)) (threshold \(CSVDownload.number(minutes)) min)."
        return outcome
    }

    // MARK: helpers

    func activeHours(_ date: String) -> Double { (inputs.totals[date]?.active ?? 0) / 3600 }

    func onTimeOff(_ date: String) -> Bool {
        guard let day = LocalCalendar.day(date, inputs.zone) else { return false }
        return inputs.timeOff.contains { $0.lowerBound < day.end && $0.upperBound > day.start }
    }

    var weekStart: String { inputs.week.first?.date ?? inputs.day.date }

    var weekPeriod: FlagEvidence.Period {
        let first = inputs.week.first ?? inputs.day, last = inputs.week.last ?? inputs.day
        return .init(label: LocalCalendar.isoWeek(first.start, inputs.zone), from: LocalCalendar.local(first.start, inputs.zone),
                     to: LocalCalendar.local(last.end, inputs.zone), timeZone: inputs.zoneName)
    }

    func dayPeriod(_ day: LocalPeriod.Day) -> FlagEvidence.Period {
        .init(label: day.date, from: LocalCalendar.local(day.start, inputs.zone), to: LocalCalendar.local(day.end, inputs.zone),
              timeZone: inputs.zoneName)
    }

    func dashboard(period: String, date: String) -> String {
        "/api/dashboard?scope=employee&id=\(inputs.employeeID)&period=\(period)&date=\(date)&timeZone=\(inputs.zoneName)"
    }

    func evidence(observed: Double, baseline: Double?, threshold: Double, unit: String, period: FlagEvidence.Period,
                  days: [FlagEvidence.DayValue]?, summary: String, open: String) -> FlagEvidence {
        FlagEvidence(observed: observed, baseline: baseline, threshold: threshold, unit: unit, period: period, days: days, summary: summary, open: open)
    }

    func outcome(_ rule: FlagRule, day: LocalPeriod.Day, holds: Bool?, evidence: FlagEvidence) -> FlagOutcome {
        FlagOutcome(rule: rule, periodKey: day.date, periodFrom: day.start, periodTo: day.end, holds: holds, evidence: evidence)
    }

    func weekOutcome(_ rule: FlagRule, holds: Bool, evidence: FlagEvidence) -> FlagOutcome {
        let first = inputs.week.first ?? inputs.day, last = inputs.week.last ?? inputs.day
        return FlagOutcome(rule: rule, periodKey: evidence.period.label, periodFrom: first.start, periodTo: last.end, holds: holds, evidence: evidence)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// Two decimals: what evidence shows.
    static func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    static func hours(_ value: Double) -> String { String(format: "%.2f", value) }
}

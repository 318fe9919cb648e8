import Foundation
import TrackerCore

/// What the rules need to know about the person a shift is given to, loaded in the writing transaction.
struct RuleContext: Sendable {
    /// The person's other shifts from 8 days before to 8 days after the candidate (any status).
    var others: [ShiftRecord]
    var skills: Set<String>
    /// Approved time off overlapping the candidate: (id, from, to) in epoch ms.
    var timeOff: [(id: String, from: Int64, to: Int64)]
    var profile: ProfileRecord
    var zone: TimeZone
    var settings: ScheduleSettings
}

/// The scheduling rules as pure functions of a candidate shift and its person's context.
enum ShiftRules {
    static let contextMarginMs: Int64 = 8 * 86_400_000

    /// The first of the person's shifts that overlaps the candidate (always refused).
    static func overlap(_ candidate: ShiftRecord, _ context: RuleContext) -> ShiftRecord? {
        context.others.first { $0.overlaps(candidate.start, candidate.end) }
    }

    /// Every rule the candidate breaks, in `ScheduleRule` order.
    static func violations(_ candidate: ShiftRecord, _ context: RuleContext) -> [RuleViolation] {
        var found: [RuleViolation] = []
        if let skill = candidate.skillId, !context.skills.contains(skill) {
            found.append(.init(rule: .skill, message: "skillId: the person does not have the skill this shift requires (\(skill))."))
        }
        if let off = context.timeOff.first(where: { $0.from < candidate.end && $0.to > candidate.start }) {
            found.append(.init(rule: .timeOff, message: "employeeId: the person has approved time off \(off.id) during this shift."))
        }
        if let rest = minRest(candidate, context) { found.append(rest) }
        found += weeklyCaps(candidate, context)
        if let availability = availability(candidate, context) { found.append(availability) }
        return found
    }

    static func minRest(_ candidate: ShiftRecord, _ context: RuleContext) -> RuleViolation? {
        let minimum = Int64(context.profile.minRestMinutes ?? context.settings.minRestMinutes) * 60_000
        guard minimum > 0 else { return nil }
        for other in context.others {
            let gap = other.end <= candidate.start ? candidate.start - other.end
                : other.start >= candidate.end ? other.start - candidate.end : -1
            if gap >= 0, gap < minimum {
                return .init(rule: .minRest, message: "start: only \(Self.hours(gap)) h of rest between this shift and shift \(other.id); the minimum is \(Self.hours(minimum)) h.")
            }
        }
        return nil
    }

    static func weeklyCaps(_ candidate: ShiftRecord, _ context: RuleContext) -> [RuleViolation] {
        let maxMinutes = context.profile.maxWeekMinutes, maxShifts = context.profile.maxWeekShifts
        guard maxMinutes != nil || maxShifts != nil, let week = week(of: candidate.start, context.zone) else { return [] }
        let inWeek = context.others.filter { $0.start >= week.lowerBound && $0.start < week.upperBound }
        var found: [RuleViolation] = []
        let minutes = inWeek.reduce(candidate.paidMinutes) { $0 + $1.paidMinutes }
        if let maxMinutes, minutes > maxMinutes {
            found.append(.init(rule: .maxHoursPerWeek, message: "employeeId: this shift brings the person to \(Self.hours(Int64(minutes) * 60_000)) h in the week; the limit is \(Self.hours(Int64(maxMinutes) * 60_000)) h."))
        }
        if let maxShifts, inWeek.count + 1 > maxShifts {
            found.append(.init(rule: .maxShiftsPerWeek, message: "employeeId: this would be the person's shift number \(inWeek.count + 1) in the week; the limit is \(maxShifts)."))
        }
        return found
    }

    /// The ISO week (Monday first) of `instant` in `zone`, as epoch ms.
    static func week(of instant: Int64, _ zone: TimeZone) -> Range<Int64>? {
        let date = ScheduleFormat.date(Date(epochMillis: instant), zone)
        guard let period = try? LocalPeriod.make(kind: .week, anchor: date, timeZone: zone) else { return nil }
        return period.start.epochMillis..<period.end.epochMillis
    }

    static func availability(_ candidate: ShiftRecord, _ context: RuleContext) -> RuleViolation? {
        let zone = context.zone
        let startDate = Date(epochMillis: candidate.start), lastInstant = Date(epochMillis: candidate.end - 1)
        let days = Set([ScheduleFormat.date(startDate, zone), ScheduleFormat.date(lastInstant, zone)])
        if let day = days.sorted().first(where: { context.profile.unavailableDates.contains($0) }) {
            return .init(rule: .availability, message: "employeeId: the person is unavailable on \(day).")
        }
        guard let windows = context.profile.availability else { return nil }
        let weekday = Weekday.index(of: startDate, zone)
        let startMinute = Weekday.minuteOfDay(startDate, zone)
        let length = Int((candidate.end - candidate.start) / 60_000)
        if Self.fits(startMinute, length, windows[Weekday.names[weekday]] ?? [], shift: 0)
            || Self.fits(startMinute, length, windows[Weekday.names[(weekday + 6) % 7]] ?? [], shift: 1440) {
            return nil
        }
        return .init(rule: .availability, message: "start: the shift is outside the person's availability on \(Weekday.names[weekday]).")
    }

    /// Whether `[start, start + length)` (minutes from local midnight) lies in one window; windows of the previous
    /// day are moved back by `shift` minutes (so one running past midnight covers the early hours).
    static func fits(_ start: Int, _ length: Int, _ windows: [ScheduleProfile.Window], shift: Int) -> Bool {
        windows.contains { window in
            guard let from = Weekday.minutes(window.from), var to = Weekday.minutes(window.to) else { return false }
            if to <= from { to += 1440 }
            return from - shift <= start && start + length <= to - shift
        }
    }

    static func hours(_ ms: Int64) -> String {
        let hours = Double(ms) / 3_600_000
        return hours == hours.rounded() ? String(Int64(hours)) : String(format: "%.1f", hours)
    }
}

/// Weekday names and local wall-clock arithmetic.
enum Weekday {
    static let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// 0 = Monday.
    static func index(of date: Date, _ zone: TimeZone) -> Int {
        let local = Int64((date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))).rounded(.down))
        // 1970-01-01 was a Thursday (index 3).
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return Int(((day + 3) % 7 + 7) % 7)
    }

    static func minuteOfDay(_ date: Date, _ zone: TimeZone) -> Int {
        let local = Int64((date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))).rounded(.down))
        return Int(((local % 86_400) + 86_400) % 86_400 / 60)
    }

    /// `HH:MM` (00:00 … 24:00) as minutes; nil otherwise.
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard text.utf8.count == 5, parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0...24).contains(h), (0...59).contains(m), h < 24 || m == 0 else { return nil }
        return h * 60 + m
    }
}

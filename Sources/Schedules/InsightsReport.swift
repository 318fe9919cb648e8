import Foundation
import TrackerCore

/// `GET /api/schedule/insights`: what a team's history says about planning it — when people are productive, where
/// the plan under- or over-staffs its demand, who is close to their weekly cap, who is chronically late or absent,
/// and when the team's shifts would best start.
public struct InsightsReport: Codable, Sendable {
    /// Weekday (0 = Monday) × local hour: active hours and the productive share of them.
    public struct Profile: Codable, Sendable {
        /// `nil` for the team as a whole.
        public var employeeId: String?
        public var activeHours: [[Double]]
        public var productiveShare: [[Double]]
    }

    public struct StaffingGap: Codable, Sendable, Equatable {
        public var date: String
        /// Local start of the hour, `HH:00`.
        public var hour: String
        public var locationId: String?
        public var skillId: String?
        public var demand: Int
        public var staffed: Int
        /// Staffed minus demand: below 0 under-staffed, above 0 over-staffed.
        public var gap: Int
    }

    public struct Staffing: Codable, Sendable {
        /// Where the demand came from: `templates` or `request`.
        public var demandSource: String
        public var underStaffedHours: Int
        public var overStaffedHours: Int
        public var matchedHours: Int
        public var gaps: [StaffingGap]
    }

    public struct OvertimeRisk: Codable, Sendable, Equatable {
        public var employeeId: String
        /// The Monday the week starts on (local).
        public var week: String
        public var capHours: Double
        public var scheduledHours: Double
        public var trackedHours: Double
        /// Tracked so far plus shifts not yet started.
        public var projectedHours: Double
        /// Projected over cap.
        public var share: Double
        public var over: Bool
    }

    public struct AttendancePattern: Codable, Sendable, Equatable {
        public var employeeId: String
        public var shifts: Int
        public var late: Int
        public var absent: Int
        public var lateRate: Double
        public var absentRate: Double
        public var averageLateMinutes: Double
        /// The weekday (`mon` … `sun`) with most late arrivals, if any.
        public var mostLateWeekday: String?
        public var chronicLateness: Bool
        public var chronicAbsence: Bool
    }

    public struct SuggestedStart: Codable, Sendable, Equatable {
        public var weekday: String
        /// Local `HH:00`.
        public var start: String
        public var lengthHours: Int
        /// Share of the weekday's productive time inside the suggested shift.
        public var productiveShare: Double
    }

    public var teamId: String
    public var from: String
    public var to: String
    public var timeZone: String
    public var team: Profile
    public var people: [Profile]
    public var staffing: Staffing
    public var overtimeRisk: [OvertimeRisk]
    public var attendance: [AttendancePattern]
    public var suggestedStarts: [SuggestedStart]
}

/// The pure arithmetic of insights, separate from loading so its fixtures can be computed by hand.
enum InsightsMath {
    /// One rule of demand: `headcount` people from `startMinute` for `durationMinutes` on `weekdays` (0 = Monday).
    struct DemandRule: Sendable, Equatable {
        var locationId: String?
        var skillId: String?
        var weekdays: Set<Int>
        var startMinute: Int
        var durationMinutes: Int
        var headcount: Int
    }

    /// A published assigned shift, as staffing counts it.
    struct Staffed: Sendable {
        var locationId: String?
        var skillId: String?
        var start: Int64
        var end: Int64
    }

    struct Key: Hashable { var day: Int; var hour: Int; var location: String?; var skill: String? }

    /// Demand and staffing per (day, local hour, location, skill); a rule or shift counts in every hour it touches.
    /// Gaps are reported for the location/skill pairs that have demand somewhere in the range.
    static func staffing(days: [LocalPeriod.Day], rules: [DemandRule], shifts: [Staffed], zone: TimeZone, source: String) -> InsightsReport.Staffing {
        var demand: [Key: Int] = [:], staffed: [Key: Int] = [:]
        let hourMs: Int64 = 3_600_000
        for (d, day) in days.enumerated() {
            let weekday = Weekday.index(of: day.start, zone), dayStart = day.start.epochMillis
            let hours = day.hours, dayMs = 24 * hourMs
            for rule in rules where rule.weekdays.contains(weekday) {
                let start = dayStart + Int64(rule.startMinute) * 60_000, end = start + Int64(rule.durationMinutes) * 60_000
                // A rule running past midnight covers the next day's first hours too (wall-clock hours; a DST day
                // shifts them by one).
                var cursor = start
                while cursor < end {
                    let offset = cursor - dayStart
                    let dayIndex = d + Int(offset / dayMs)
                    let hour = Int((offset % dayMs) / hourMs)
                    if dayIndex < days.count {
                        demand[Key(day: dayIndex, hour: hour, location: rule.locationId, skill: rule.skillId), default: 0] += rule.headcount
                    }
                    cursor = dayStart + (offset / hourMs + 1) * hourMs
                }
            }
            for shift in shifts where shift.end > dayStart && shift.start < day.end.epochMillis {
                for hour in 0..<hours {
                    let lo = dayStart + Int64(hour) * hourMs, hi = lo + hourMs
                    if shift.start < hi && shift.end > lo {
                        staffed[Key(day: d, hour: hour, location: shift.locationId, skill: shift.skillId), default: 0] += 1
                    }
                }
            }
        }
        struct Pair: Hashable { var location: String?; var skill: String? }
        let demanded = Set(demand.keys.map { Pair(location: $0.location, skill: $0.skill) })
        var gaps: [InsightsReport.StaffingGap] = []
        var under = 0, over = 0, matched = 0
        for key in Set(demand.keys).union(staffed.keys.filter { demanded.contains(Pair(location: $0.location, skill: $0.skill)) }) {
            let need = demand[key] ?? 0, have = staffed[key] ?? 0
            if have < need { under += 1 } else if have > need { over += 1 } else { matched += 1 }
            guard have != need else { continue }
            gaps.append(.init(date: days[key.day].date, hour: String(format: "%02d:00", key.hour), locationId: key.location, skillId: key.skill,
                              demand: need, staffed: have, gap: have - need))
        }
        gaps.sort { ($0.date, $0.hour, $0.locationId ?? "", $0.skillId ?? "") < ($1.date, $1.hour, $1.locationId ?? "", $1.skillId ?? "") }
        return .init(demandSource: source, underStaffedHours: under, overStaffedHours: over, matchedHours: matched, gaps: gaps)
    }

    /// For each weekday with productive time, the start hour whose `length` hours hold the most of it (of equal
    /// windows, the one that starts in a productive hour rather than before it).
    static func suggestedStarts(productive: [Double], length: Int) -> [InsightsReport.SuggestedStart] {
        let length = max(1, min(24, length))
        var result: [InsightsReport.SuggestedStart] = []
        for weekday in 0..<7 {
            let hours = Array(productive[(weekday * 24)..<(weekday * 24 + 24)])
            let total = hours.reduce(0, +)
            guard total > 0 else { continue }
            var best = 0, bestSum = -1.0
            for start in 0...(24 - length) {
                let sum = hours[start..<(start + length)].reduce(0, +)
                if sum > bestSum + 1e-9 || (abs(sum - bestSum) <= 1e-9 && hours[start] > hours[best]) { best = start; bestSum = sum }
            }
            result.append(.init(weekday: Weekday.names[weekday], start: String(format: "%02d:00", best), lengthHours: length,
                                productiveShare: (bestSum / total * 1000).rounded() / 1000))
        }
        return result
    }

    /// Chronic when late at least 3 times and on a quarter of shifts, or absent twice and on a fifth.
    static func pattern(employeeId: String, shifts: [(weekday: Int, late: Bool, lateMinutes: Int, absent: Bool)]) -> InsightsReport.AttendancePattern {
        let late = shifts.filter(\.late), absent = shifts.filter(\.absent).count
        let n = max(1, shifts.count)
        var byWeekday = [Int](repeating: 0, count: 7)
        for s in late { byWeekday[s.weekday] += 1 }
        let top = byWeekday.enumerated().max { ($0.element, -$0.offset) < ($1.element, -$1.offset) }
        let lateRate = Double(late.count) / Double(n), absentRate = Double(absent) / Double(n)
        return .init(employeeId: employeeId, shifts: shifts.count, late: late.count, absent: absent,
                     lateRate: (lateRate * 1000).rounded() / 1000, absentRate: (absentRate * 1000).rounded() / 1000,
                     averageLateMinutes: late.isEmpty ? 0 : (Double(late.map(\.lateMinutes).reduce(0, +)) / Double(late.count) * 10).rounded() / 10,
                     mostLateWeekday: top.flatMap { $0.element > 0 ? Weekday.names[$0.offset] : nil },
                     chronicLateness: late.count >= 3 && lateRate >= 0.25, chronicAbsence: absent >= 2 && absentRate >= 0.2)
    }

    /// 168 values as 7 rows of 24, rounded to 0.01.
    static func grid(_ values: [Double]) -> [[Double]] {
        (0..<7).map { d in (0..<24).map { h in (values[d * 24 + h] * 100).rounded() / 100 } }
    }
}

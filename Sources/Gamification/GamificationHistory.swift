import Foundation
import Schedules
import SQLKit
import TrackerCore

/// A person's recent history as streaks and badges read it: one tally per local date from their first scored day
/// (at most two years back) to today, with the goal streak at each date.
struct GamificationHistory: Sendable {
    var tallies: [Badges.Tally]
    var streak: Streaks.Summary

    static let lookBackDays = 730

    /// Dates covered by approved time off, in `zone`.
    static func timeOffDates(_ ranges: [Range<Date>], zone: TimeZone) -> Set<String> {
        var dates = Set<String>()
        for range in ranges {
            var date = LocalPeriod.localDate(range.lowerBound, in: zone)
            let last = LocalPeriod.localDate(range.upperBound.addingTimeInterval(-0.001), in: zone)
            var steps = 0
            while date <= last, steps < lookBackDays + 1 {
                dates.insert(date)
                guard let next = LocalCalendar.date(date, plusDays: 1) else { break }
                date = next
                steps += 1
            }
        }
        return dates
    }

    /// The first date the history reads.
    static func since(today: String) -> String {
        LocalCalendar.date(today, plusDays: -lookBackDays) ?? today
    }

    /// Builds the history from stored day rows (ascending) and the calendar.
    static func build(_ rows: [GamificationStore.DayRow], today: String, workWeek: Set<Int>, timeOff: Set<String>) -> GamificationHistory {
        guard let first = rows.first?.day, first <= today else { return GamificationHistory(tallies: [], streak: .init(current: 0, longest: 0)) }
        var dates: [String] = []
        var date = first
        while date <= today, dates.count <= lookBackDays {
            dates.append(date)
            guard let next = LocalCalendar.date(date, plusDays: 1) else { break }
            date = next
        }
        let byDay = Dictionary(rows.map { ($0.day, $0) }, uniquingKeysWith: { a, _ in a })
        let calendar = Streaks.Calendar(goalMet: Set(rows.filter(\.goalMet).map(\.day)), workWeek: workWeek, timeOff: timeOff,
                                        weekday: { Streaks.weekday($0) })
        let walk = Streaks.running(dates, today: today, calendar)
        let tallies = walk.map { step -> Badges.Tally in
            var tally = Badges.Tally(date: step.date)
            tally.streak = step.streak
            if let row = byDay[step.date] {
                tally.focusBlocks = row.focusBlocks
                tally.goalMet = row.goalMet
                tally.healthyBreaks = row.healthyBreaks
                tally.onTimeStarts = row.onTimeStarts
                tally.points = row.points
            }
            return tally
        }
        return GamificationHistory(tallies: tallies, streak: Streaks.summary(dates, today: today, calendar))
    }
}

import Foundation
import Testing
@testable import Flags

@Suite("Flag calendar")
struct FlagCalendarTests {
    @Test("ISO weeks, weekdays and local clock times across a DST change")
    func dst() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        // 2026-03-29: clocks go from 02:00 to 03:00; the day has 23 hours.
        let day = try #require(FlagCalendar.day("2026-03-29", berlin))
        #expect(day.end.timeIntervalSince(day.start) == 23 * 3600)
        #expect(FlagCalendar.weekday(day.start, berlin) == 6)
        #expect(FlagCalendar.isoWeek(day.start, berlin) == "2026-W13")
        let nine = try #require(FlagCalendar.instant(day, hour: 9, berlin))
        #expect(FlagCalendar.local(nine, berlin) == "2026-03-29T09:00:00+02:00")
        #expect(FlagCalendar.week(of: day, berlin).map(\.date) == ["2026-03-23", "2026-03-24", "2026-03-25", "2026-03-26", "2026-03-27", "2026-03-28", "2026-03-29"])
        #expect(FlagCalendar.date("2026-03-01", plusDays: -28) == "2026-02-01")
        #expect(FlagSweep.daysEnded(from: day.start.addingTimeInterval(3600).timeIntervalSince1970Millis,
                                    to: day.end.timeIntervalSince1970Millis, zone: berlin) == ["2026-03-29"])
    }
}

extension Date {
    var timeIntervalSince1970Millis: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
}

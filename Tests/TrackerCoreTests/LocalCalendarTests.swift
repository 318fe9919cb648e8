import Foundation
import Testing
import TrackerCore

@Suite("Local calendar")
struct LocalCalendarTests {
    @Test("ISO weeks, weekdays and local clock times across a DST change")
    func dst() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        // 2026-03-29: clocks go from 02:00 to 03:00; the day has 23 hours.
        let day = try #require(LocalCalendar.day("2026-03-29", berlin))
        #expect(day.end.timeIntervalSince(day.start) == 23 * 3600)
        #expect(LocalCalendar.weekday(day.start, berlin) == 6)
        #expect(LocalCalendar.isoWeek(day.start, berlin) == "2026-W13")
        let nine = try #require(LocalCalendar.instant(day, hour: 9, berlin))
        #expect(LocalCalendar.local(nine, berlin) == "2026-03-29T09:00:00+02:00")
        #expect(LocalCalendar.week(of: day, berlin).map(\.date) == ["2026-03-23", "2026-03-24", "2026-03-25", "2026-03-26", "2026-03-27", "2026-03-28", "2026-03-29"])
        #expect(LocalCalendar.date("2026-03-01", plusDays: -28) == "2026-02-01")
    }
}

import Foundation
import Testing
import TrackerCore
@testable import Flags

@Suite("Flag sweep")
struct FlagSweepTests {
    @Test("a 23-hour DST day is swept once, when it has ended")
    func daysEnded() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let day = try #require(LocalCalendar.day("2026-03-29", berlin))
        #expect(FlagSweep.daysEnded(from: day.start.addingTimeInterval(3600).epochMillis, to: day.end.epochMillis, zone: berlin) == ["2026-03-29"])
        #expect(FlagSweep.daysEnded(from: day.start.epochMillis, to: day.end.epochMillis - 1, zone: berlin).isEmpty)
    }
}

import Foundation
@testable import Schedules
import Testing
import TrackerCore
import TrackerHTTP

/// The rules as pure functions: boundaries, overnight windows and DST weeks.
@Suite("Shift rules (pure)")
struct ShiftRulesTests {
    static func shift(_ id: String, _ start: String, _ end: String, person: String? = "p", skill: String? = nil, breakMinutes: Int = 0) -> ShiftRecord {
        ShiftRecord(id: id, teamId: "t", locationId: nil, employeeId: person, start: t(start).epochMillis, end: t(end).epochMillis, skillId: skill,
                    breakMinutes: breakMinutes, notes: nil, status: .draft, version: 1, templateId: nil, source: "local", externalId: nil,
                    createdAt: 0, updatedAt: 0)
    }

    static func context(_ others: [ShiftRecord], profile: ProfileRecord = ProfileRecord(), zone: String = "Europe/Berlin",
                        skills: Set<String> = [], timeOff: [(String, String, String)] = []) -> RuleContext {
        RuleContext(others: others, skills: skills, timeOff: timeOff.map { ($0.0, t($0.1).epochMillis, t($0.2).epochMillis) }, profile: profile,
                    zone: TimeZone(identifier: zone)!, settings: ScheduleSettings())
    }

    @Test("rest: exactly the minimum passes, a minute less does not; before and after both count", arguments: [
        ("2026-03-03T02:00:00Z", nil as String?),             // 16:00 → 02:00: exactly 10 h
        ("2026-03-03T01:59:00Z", "minRest"),                   // 9 h 59 min
        ("2026-03-02T00:00:00Z", "minRest"),                   // 00:00–02:00, then the 08:00 shift: 6 h
    ])
    func rest(start: String, expected: String?) {
        let existing = Self.shift("a", "2026-03-02T08:00:00Z", "2026-03-02T16:00:00Z")
        let startDate = t(start)
        let candidate = Self.shift("b", start, RFC3339.format(startDate.addingTimeInterval(2 * 3600)))
        let found = ShiftRules.violations(candidate, Self.context([existing])).map(\.rule.rawValue)
        #expect(found == (expected.map { [$0] } ?? []))
    }

    @Test("the ISO week of a shift follows the person's zone: the week of the spring change has 167 hours")
    func dstWeek() throws {
        let week = try #require(ShiftRules.week(of: t("2026-03-29T10:00:00Z").epochMillis, TimeZone(identifier: "Europe/Berlin")!))
        #expect(Date(epochMillis: week.lowerBound) == t("2026-03-22T23:00:00Z") && Date(epochMillis: week.upperBound) == t("2026-03-29T22:00:00Z"))
        // Sunday 23:30 UTC is already Monday in Berlin: another week.
        let next = try #require(ShiftRules.week(of: t("2026-03-29T22:30:00Z").epochMillis, TimeZone(identifier: "Europe/Berlin")!))
        #expect(next.lowerBound == week.upperBound)
    }

    @Test("weekly caps count paid time (breaks excluded) of the same local week only")
    func caps() {
        var profile = ProfileRecord()
        profile.maxWeekMinutes = 16 * 60
        let others = [Self.shift("a", "2026-03-02T08:00:00Z", "2026-03-02T16:30:00Z", breakMinutes: 30),   // 8 h paid
                      Self.shift("x", "2026-03-09T08:00:00Z", "2026-03-09T16:00:00Z")]                    // next week
        let fits = Self.shift("b", "2026-03-04T08:00:00Z", "2026-03-04T16:30:00Z", breakMinutes: 30)
        #expect(ShiftRules.violations(fits, Self.context(others, profile: profile)).isEmpty)
        let over = Self.shift("c", "2026-03-04T08:00:00Z", "2026-03-04T16:31:00Z", breakMinutes: 30)
        #expect(ShiftRules.violations(over, Self.context(others, profile: profile)).map(\.rule) == [.maxHoursPerWeek])
    }

    @Test("availability: windows per local weekday; one past midnight covers the early hours; an unavailable date", arguments: [
        ("2026-03-02T07:00:00Z", "2026-03-02T15:00:00Z", true),    // Monday 08:00–16:00 CET: inside mon 08–16
        ("2026-03-02T07:00:00Z", "2026-03-02T15:01:00Z", false),   // a minute too long
        ("2026-03-06T21:00:00Z", "2026-03-07T05:00:00Z", true),    // Friday 22:00 → Saturday 06:00: fri 22–06
        ("2026-03-07T01:00:00Z", "2026-03-07T04:00:00Z", true),    // Saturday 02:00–05:00: still Friday's window
        ("2026-03-07T08:00:00Z", "2026-03-07T09:00:00Z", false),   // Saturday daytime: no window
        ("2026-03-10T07:00:00Z", "2026-03-10T08:00:00Z", false),   // Tuesday: a day off
    ])
    func availability(start: String, end: String, allowed: Bool) {
        var profile = ProfileRecord()
        profile.availability = ["mon": [.init(from: "08:00", to: "16:00")], "fri": [.init(from: "22:00", to: "06:00")]]
        let found = ShiftRules.violations(Self.shift("a", start, end), Self.context([], profile: profile))
        #expect(found.isEmpty == allowed, "\(found)")
        profile.availability = nil
        profile.unavailableDates = ["2026-03-07"]
        #expect(ShiftRules.violations(Self.shift("b", "2026-03-06T22:30:00Z", "2026-03-06T23:30:00Z"), Self.context([], profile: profile))
            .map(\.rule) == [.availability], "23:30 CET on the 6th is 00:30 on the 7th in Berlin")
    }

    @Test("skill and approved time off; overlap found separately")
    func skillTimeOffOverlap() {
        let candidate = Self.shift("b", "2026-03-04T08:00:00Z", "2026-03-04T16:00:00Z", skill: "s")
        let context = Self.context([Self.shift("a", "2026-03-04T15:00:00Z", "2026-03-04T20:00:00Z")],
                                   timeOff: [("off", "2026-03-04T12:00:00Z", "2026-03-04T13:00:00Z")])
        #expect(ShiftRules.overlap(candidate, context)?.id == "a")
        // An overlapping shift is the overlap rule's, not a rest of minus five hours.
        #expect(ShiftRules.violations(candidate, context).map(\.rule) == [.skill, .timeOff])
    }
}

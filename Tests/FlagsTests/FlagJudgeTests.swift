import Activities
import Foundation
import Schedules
import Testing
import TrackerCore
import TrackerHTTP
@testable import Flags

/// The rules on hand-built inputs, with the numbers worked out by hand.
@Suite("Flag rules")
struct FlagJudgeTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    /// The spring-forward week in Berlin (2026-03-23 … 29; the 29th has 23 hours), judged on the 29th.
    static func inputs(totals: [String: RollupReader.HourTotals] = [:], hours: [RollupReader.HourPresence] = [],
                       rules: [FlagRule: FlagRuleSettings]? = nil, now: String = "2026-03-30T12:00:00Z") throws -> FlagJudge.Inputs {
        let day = try #require(LocalCalendar.day("2026-03-29", berlin))
        return FlagJudge.Inputs(
            employeeID: "e", zone: berlin, zoneName: "Europe/Berlin", day: day, week: LocalCalendar.week(of: day, berlin), totals: totals, hours: hours, shifts: [],
            timeOff: [], workWeek: [0, 1, 2, 3, 4], now: try #require(RFC3339.parse(now)),
            rules: rules ?? Dictionary(FlagRule.allCases.map { ($0, FlagRuleSettings.builtIn($0)) }, uniquingKeysWith: { a, _ in a })
        )
    }

    static func hour(_ start: String, activeMinutes: Double, first: String? = nil, last: String? = nil) throws -> RollupReader.HourPresence {
        func ms(_ text: String) throws -> Int64 { Int64(try #require(RFC3339.parse(text)).timeIntervalSince1970 * 1000) }
        return .init(hour: try ms(start), activeMs: Int64(activeMinutes * 60_000), firstMs: try first.map(ms), lastMs: try last.map(ms))
    }

    @Test("after hours in the DST week: work hours are local clock hours on the 23-hour day, weekends count whole")
    func afterHoursDST() throws {
        // Work hours 07:30–19:00 local. Sunday 29th (not a workday): 70 min, all outside. Friday 27th 19:00–20:00
        // CET (18:00–19:00Z) fully active: 60 min outside, not above 60. Thursday 26th: 30 active minutes spread
        // over 06:15–06:45Z, and the work day starts 07:30 CET = 06:30Z: half of it, 15 min, is outside.
        var settings = FlagRuleSettings.builtIn(.afterHours)
        settings.thresholds["workStartHour"] = 7.5
        settings.thresholds["days"] = 1
        let hours = [
            try Self.hour("2026-03-29T10:00:00Z", activeMinutes: 60, first: "2026-03-29T10:00:00Z", last: "2026-03-29T10:59:59Z"),
            try Self.hour("2026-03-29T11:00:00Z", activeMinutes: 10, first: "2026-03-29T11:00:00Z", last: "2026-03-29T11:10:00Z"),
            try Self.hour("2026-03-27T18:00:00Z", activeMinutes: 60, first: "2026-03-27T18:00:00Z", last: "2026-03-27T18:59:59Z"),
            try Self.hour("2026-03-26T06:00:00Z", activeMinutes: 30, first: "2026-03-26T06:15:00Z", last: "2026-03-26T06:45:00Z"),
        ]
        let judge = FlagJudge(inputs: try Self.inputs(hours: hours))
        let outside = judge.outsideMinutes(settings)
        #expect(outside["2026-03-29"] == 70 && outside["2026-03-27"] == 60 && outside["2026-03-26"] == 15)
        let outcome = judge.afterHours(settings)
        #expect(outcome.holds == true && outcome.evidence.observed == 1 && outcome.periodKey == "2026-W13")
        #expect(outcome.evidence.period.from == "2026-03-23T00:00:00+01:00" && outcome.evidence.period.to == "2026-03-30T00:00:00+02:00")
        var twoDays = settings
        twoDays.thresholds["days"] = 2
        #expect(judge.afterHours(twoDays).holds == false)
    }

    @Test("excessive hours sum the week; unproductive share waits for the day's end and needs enough activity")
    func weekAndShare() throws {
        var totals: [String: RollupReader.HourTotals] = [:]
        for date in ["2026-03-23", "2026-03-24", "2026-03-25", "2026-03-26", "2026-03-27"] { totals[date] = .init(hour: 0, active: 10 * 3600) }
        totals["2026-03-29"] = .init(hour: 0, active: 3600, unproductive: 1800)
        let judge = FlagJudge(inputs: try Self.inputs(totals: totals))
        let week = judge.excessiveHours(.builtIn(.excessiveHours))
        #expect(week.holds == true && week.evidence.observed == 51 && week.evidence.threshold == 50)
        var sixty = FlagRuleSettings.builtIn(.excessiveHours)
        sixty.thresholds["hours"] = 51
        #expect(judge.excessiveHours(sixty).holds == false, "51 h is not more than 51")
        let share = judge.unproductiveShare(.builtIn(.unproductiveShare))
        #expect(share.holds == true && share.evidence.observed == 50)
        var longer = FlagRuleSettings.builtIn(.unproductiveShare)
        longer.thresholds["minActiveMinutes"] = 61
        #expect(judge.unproductiveShare(longer).holds == false)
        let during = FlagJudge(inputs: try Self.inputs(totals: totals, now: "2026-03-29T20:00:00Z"))
        #expect(during.unproductiveShare(.builtIn(.unproductiveShare)).holds == nil)
    }

    @Test("the baseline: median of earlier same weekdays with activity, at least 3; not on days off")
    func baseline() throws {
        #expect(FlagJudge.median([4, 6, 5, 8]) == 5.5 && FlagJudge.median([3, 9, 4]) == 4 && FlagJudge.median([]) == 0)
        // Judged day: Monday 2026-03-30 in Berlin.
        let monday = try #require(LocalCalendar.day("2026-03-30", Self.berlin))
        func judge(_ samples: [Double], today: Double) throws -> FlagOutcome {
            var inputs = try Self.inputs(now: "2026-03-31T12:00:00Z")
            inputs.day = monday
            inputs.week = LocalCalendar.week(of: monday, Self.berlin)
            let dates = ["2026-03-23", "2026-03-16", "2026-03-09", "2026-03-02"]
            for (date, hours) in zip(dates, samples) { inputs.totals[date] = .init(hour: 0, active: hours * 3600) }
            inputs.totals["2026-03-30"] = .init(hour: 0, active: today * 3600)
            return FlagJudge(inputs: inputs).lowActivity(.builtIn(.lowActivity))
        }
        #expect(try judge([4, 6, 5, 8], today: 2.74).holds == true)
        #expect(try judge([4, 6, 5, 8], today: 2.75).holds == false, "exactly the threshold is not below it")
        #expect(try judge([0, 6, 5, 8], today: 0).holds == true, "a day without activity is not a sample: median of 5, 6, 8")
        #expect(try judge([0, 0, 5, 8], today: 0).holds == false, "two samples are not enough")
        #expect(try judge([0, 0, 5, 8], today: 0).evidence.summary.contains("needs 3"))
    }

    static func idle(_ from: String, _ to: String, classified: IdleClassification? = nil) throws -> IdlePeriod {
        IdlePeriod(id: UUID().uuidString, deviceId: "d", employeeId: "e", start: try #require(RFC3339.parse(from)),
                   end: try #require(RFC3339.parse(to)), reason: "afk", classification: classified, note: nil, notePrivate: false)
    }

    @Test("long idle inside work hours: 60 min is the threshold, classified idle does not count, time outside is cut off")
    func longIdle() throws {
        // Thursday 2026-03-26 in Berlin (CET): work hours 08:00–19:00 = 07:00–18:00Z.
        let thursday = try #require(LocalCalendar.day("2026-03-26", Self.berlin))
        func judge(_ idle: [IdlePeriod]) throws -> FlagOutcome {
            var inputs = try Self.inputs()
            inputs.day = thursday
            inputs.idle = idle
            return FlagJudge(inputs: inputs).longIdle(.builtIn(.longIdle))
        }
        let edge = try judge([try Self.idle("2026-03-26T09:00:00Z", "2026-03-26T09:59:59Z")])
        #expect(edge.holds == false && edge.evidence.observed == 59.98)
        #expect(try judge([try Self.idle("2026-03-26T09:00:00Z", "2026-03-26T10:00:00Z")]).holds == true)
        #expect(try judge([try Self.idle("2026-03-26T09:00:00Z", "2026-03-26T11:00:00Z", classified: .break)]).holds == false)
        // 06:30–07:40Z: only the 40 minutes after 07:00Z (08:00 local) are inside work hours.
        let early = try judge([try Self.idle("2026-03-26T06:30:00Z", "2026-03-26T07:40:00Z")])
        #expect(early.holds == false && early.evidence.observed == 40 && early.evidence.summary.contains("from 08:00"))
    }

    @Test("agent silence: the longest stretch of a shift without any report, while the shift runs and after")
    func agentSilence() throws {
        func ms(_ text: String) throws -> Int64 { Int64(try #require(RFC3339.parse(text)).timeIntervalSince1970 * 1000) }
        let day = try #require(LocalCalendar.day("2026-03-26", Self.berlin))
        let shift = ScheduleFacts.JudgedShift(id: "s", teamId: "t", start: try #require(RFC3339.parse("2026-03-26T08:00:00Z")),
                                              end: try #require(RFC3339.parse("2026-03-26T16:00:00Z")), attendance: nil)
        func judge(now: String, reported: [ClosedRange<Int64>]) throws -> FlagOutcome? {
            var inputs = try Self.inputs(now: now)
            inputs.day = day
            inputs.shifts = [shift]
            inputs.reported = reported
            return FlagJudge(inputs: inputs).agentSilent(shift, .builtIn(.agentSilent))
        }
        let reports = [try ms("2026-03-26T08:00:00Z")...(try ms("2026-03-26T10:00:00Z")),
                       try ms("2026-03-26T10:29:00Z")...(try ms("2026-03-26T12:00:00Z"))]
        // While running at 12:20: the longest gap is 29 min (10:00–10:29), under 30; at 12:31 the current gap is 31.
        #expect(try judge(now: "2026-03-26T12:20:00Z", reported: reports)?.holds == false)
        let silent = try #require(try judge(now: "2026-03-26T12:31:00Z", reported: reports))
        #expect(silent.holds == true && silent.evidence.observed == 31 && silent.periodKey == "shift:s")
        #expect(silent.evidence.summary.contains("from 13:00"), "12:00Z is 13:00 in Berlin: \(silent.evidence.summary)")
        #expect(try judge(now: "2026-03-26T07:59:00Z", reported: []) == nil, "a shift that has not started says nothing")
        // Before the first report is a late start or absence, after the last one of an ended shift an early leave:
        // their rules judge those, not this one.
        let absent = try #require(try judge(now: "2026-03-26T17:00:00Z", reported: []))
        #expect(absent.holds == false && absent.evidence.summary.contains("absence"))
        #expect(try judge(now: "2026-03-26T09:00:00Z", reported: [])?.holds == false)
        let lateAndEarly = [try ms("2026-03-26T09:00:00Z")...(try ms("2026-03-26T14:00:00Z"))]
        #expect(try judge(now: "2026-03-26T17:00:00Z", reported: lateAndEarly)?.holds == false)
        let ended = try #require(try judge(now: "2026-03-26T17:00:00Z", reported: reports + [try ms("2026-03-26T13:00:00Z")...(try ms("2026-03-26T16:00:00Z"))]))
        #expect(ended.holds == true && ended.evidence.observed == 60, "12:00–13:00 inside the day counts once it ended")
    }
}

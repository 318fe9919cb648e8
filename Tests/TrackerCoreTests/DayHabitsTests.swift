import Testing
import TrackerCore

@Suite("Focus blocks and healthy breaks")
struct DayHabitsTests {
    static let minute: Int64 = 60_000
    static let second: Int64 = 1_000

    static func productive(_ start: Int64, _ end: Int64) -> DayHabits.ActivitySpan { .init(start: start, end: end, category: .productive) }

    @Test("a focus block is 25:00 of productive activity: 24:59 is not one")
    func minimumLength() {
        let m = Self.minute, s = Self.second
        #expect(DayHabits.focusBlocks(activity: [Self.productive(0, 25 * m)], idle: []) == [.init(start: 0, end: 25 * m)])
        #expect(DayHabits.focusBlocks(activity: [Self.productive(0, 25 * m - s)], idle: []).isEmpty)
    }

    @Test("a gap of 1:59 (or exactly 2:00) keeps the block; 2:01 ends it")
    func gaps() {
        let m = Self.minute, s = Self.second
        func blocks(gap: Int64) -> [DayHabits.Stretch] {
            DayHabits.focusBlocks(activity: [Self.productive(0, 15 * m), Self.productive(15 * m + gap, 30 * m + gap)], idle: [])
        }
        #expect(blocks(gap: 2 * m - s) == [.init(start: 0, end: 30 * m + 2 * m - s)])
        #expect(blocks(gap: 2 * m).count == 1)
        #expect(blocks(gap: 2 * m + s).isEmpty, "two 15-minute halves are not a block")
        // Reported idle inside continuous events ends continuity the same way.
        let long = [Self.productive(0, 40 * m)]
        #expect(DayHabits.focusBlocks(activity: long, idle: [.init(start: 15 * m, end: 17 * m + s, classification: nil)]).isEmpty)
        #expect(DayHabits.focusBlocks(activity: long, idle: [.init(start: 15 * m, end: 17 * m - s, classification: nil)]).count == 1)
        // Work away from the computer is not idle.
        #expect(DayHabits.focusBlocks(activity: long, idle: [.init(start: 5 * m, end: 20 * m, classification: .workAway)]).count == 1)
    }

    @Test("an unproductive app ends a block; neutral time counts as a gap")
    func categories() {
        let m = Self.minute
        let interrupted: [DayHabits.ActivitySpan] = [Self.productive(0, 20 * m), .init(start: 20 * m, end: 21 * m, category: .unproductive),
                                                     Self.productive(21 * m, 40 * m)]
        #expect(DayHabits.focusBlocks(activity: interrupted, idle: []).isEmpty)
        let neutralShort: [DayHabits.ActivitySpan] = [Self.productive(0, 20 * m), .init(start: 20 * m, end: 21 * m, category: .neutral),
                                                      Self.productive(21 * m, 40 * m)]
        #expect(DayHabits.focusBlocks(activity: neutralShort, idle: []) == [.init(start: 0, end: 40 * m)])
        let neutralLong: [DayHabits.ActivitySpan] = [Self.productive(0, 20 * m), .init(start: 20 * m, end: 25 * m, category: .neutral),
                                                     Self.productive(25 * m, 40 * m)]
        #expect(DayHabits.focusBlocks(activity: neutralLong, idle: []).isEmpty)
    }

    @Test("a healthy break follows 90 minutes of work, lasts 5 minutes, and the person comes back")
    func healthyBreaks() {
        let m = Self.minute, s = Self.second
        func breaks(work: Int64, pause: Int64, comeBack: Bool = true) -> [DayHabits.Stretch] {
            var activity = [DayHabits.ActivitySpan(start: 0, end: work, category: .neutral)]
            if comeBack { activity.append(Self.productive(work + pause, work + pause + 30 * m)) }
            return DayHabits.healthyBreaks(activity: activity, idle: [])
        }
        #expect(breaks(work: 90 * m, pause: 5 * m) == [.init(start: 90 * m, end: 95 * m)])
        #expect(breaks(work: 90 * m - s, pause: 5 * m).isEmpty)
        #expect(breaks(work: 90 * m, pause: 5 * m - s).isEmpty)
        #expect(breaks(work: 90 * m, pause: 10 * m, comeBack: false).isEmpty)
    }

    @Test("points come in the order earned, and the daily cap trims what comes after it")
    func ledgerCap() {
        let m = Self.minute
        let day = PointsLedger.Day(date: "2026-03-02", end: 24 * 60 * m, focus: [.init(start: 0, end: 30 * m), .init(start: 60 * m, end: 90 * m)],
                                   breaks: [.init(start: 100 * m, end: 110 * m)], onTime: [.init(shiftID: "s1", start: 0)],
                                   productiveMs: 300 * m, goalMs: 240 * m)
        let full = PointsLedger.entries(day, cap: 1_000)
        #expect(full.map(\.kind) == [.onTimeStart, .focusBlock, .focusBlock, .healthyBreak, .dailyGoal])
        #expect(full.map(\.points) == [5, 10, 10, 5, 20])
        let capped = PointsLedger.entries(day, cap: 22)
        #expect(capped.map(\.points) == [5, 10, 7, 0, 0] && capped.map(\.earned) == [5, 10, 10, 5, 20])
        #expect(Set(capped.map(\.key)).count == capped.count, "keys are unique within a day")
        #expect(PointsLedger.entries(day, cap: 22) == capped, "the same day gives the same entries")
    }

    @Test("streaks: weekends and time off neither count nor break; a missed workday breaks; today does not until it ends")
    func streaks() {
        // 2026-03-02 is a Monday.
        let dates = (2...17).map { "2026-03-" + ($0 < 10 ? "0\($0)" : "\($0)") }
        var met = Set<String>(["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-09", "2026-03-11",
                                "2026-03-12", "2026-03-13", "2026-03-16"])
        let calendar = { (met: Set<String>, off: Set<String>) in
            Streaks.Calendar(goalMet: met, workWeek: [0, 1, 2, 3, 4], timeOff: off, weekday: { Streaks.weekday($0) })
        }
        // The 10th (a Tuesday) missed: the streak of 6 is broken; from the 11th: 11, 12, 13, 16 = 4; the 17th is today.
        #expect(Streaks.summary(dates, today: "2026-03-17", calendar(met, [])) == .init(current: 4, longest: 6))
        // The 10th on approved time off: one streak of 10.
        #expect(Streaks.summary(dates, today: "2026-03-17", calendar(met, ["2026-03-10"])) == .init(current: 10, longest: 10))
        // Once the 17th has ended unmet, the streak is over.
        met.remove("2026-03-16")
        #expect(Streaks.summary(Array(dates.dropLast()), today: "2026-03-18", calendar(met, ["2026-03-10"])).current == 0)
    }

    @Test("badges: once per period on the day the threshold is reached; ISO weeks across a year's end")
    func badges() {
        #expect(Badges.periodKey("2026-01-01", .week) == "2026-W01")
        #expect(Badges.periodKey("2027-01-01", .week) == "2026-W53")
        #expect(Badges.periodKey("2026-12-28", .week) == "2026-W53")
        #expect(Badges.periodKey("2026-03-17", .month) == "2026-03")
        var tallies: [Badges.Tally] = []
        for (day, blocks) in [("2026-03-02", 2), ("2026-03-03", 3), ("2026-03-04", 4), ("2026-03-05", 1), ("2026-03-09", 4)] {
            var tally = Badges.Tally(date: day)
            tally.focusBlocks = blocks
            tallies.append(tally)
        }
        let catalogue = Badges.catalogue.filter { ["first_focus", "deep_day", "deep_week"].contains($0.id) }
        let awards = Badges.awards(tallies, catalogue: catalogue)
        #expect(awards == [
            .init(badgeId: "first_focus", period: "ever", awardedOn: "2026-03-02"),
            .init(badgeId: "deep_day", period: "2026-03-03", awardedOn: "2026-03-03"),
            .init(badgeId: "deep_day", period: "2026-03-04", awardedOn: "2026-03-04"),
            .init(badgeId: "deep_day", period: "2026-03-09", awardedOn: "2026-03-09"),
            .init(badgeId: "deep_week", period: "2026-W10", awardedOn: "2026-03-05"),
        ])
        let progress = Badges.progress(tallies, today: "2026-03-10", currentStreak: 0, awards: awards, catalogue: catalogue)
        #expect(progress.contains(.init(badgeId: "deep_week", period: "2026-W11", value: 4, threshold: 10)))
        #expect(!progress.contains { $0.badgeId == "first_focus" })
    }
}

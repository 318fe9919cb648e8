import Testing
import TrackerCore

@Suite("Rollup calculator")
struct RollupCalculatorTests {
    static let h: Int64 = 1_790_000_000_000 - 1_790_000_000_000 % HourBucket.millis  // an hour start
    static func act(_ s: Int64, _ e: Int64, _ app: String = "Code", _ c: ProductivityCategory = .productive, _ t: String = "a") -> ActivityInterval {
        ActivityInterval(start: h + s * 1000, end: h + e * 1000, app: app, category: c, tieBreaker: t)
    }
    static func idle(_ s: Int64, _ e: Int64, _ c: IdleClassification? = nil) -> IdleInterval {
        IdleInterval(start: h + s * 1000, end: h + e * 1000, classification: c)
    }

    @Test("two devices at once count once (union), attributed to the later focus change")
    func union() {
        let r = RollupCalculator.compute(hourStart: Self.h, activities: [
            Self.act(0, 600, "Code", .productive, "laptop"),
            Self.act(300, 900, "Slack", .neutral, "desktop"),
        ], idle: [])
        #expect(r.active == 900_000)
        #expect(r.productive == 300_000)   // 0…300 only Code
        #expect(r.neutral == 600_000)      // 300…900 Slack started later
        #expect(r.apps[.init(app: "Code", category: .productive)] == 300_000 && r.apps[.init(app: "Slack", category: .neutral)] == 600_000)
    }

    @Test("idle periods override activity; work-away counts as active; discard removes time")
    func idleClassifications() {
        let acts = [Self.act(0, 3600)]
        let plain = RollupCalculator.compute(hourStart: Self.h, activities: acts, idle: [Self.idle(600, 1200)])
        #expect(plain.active == 3_000_000 && plain.idle == 600_000)
        let away = RollupCalculator.compute(hourStart: Self.h, activities: acts, idle: [Self.idle(600, 1200, .workAway)])
        #expect(away.active == 3_600_000 && away.workAway == 600_000 && away.idle == 0 && away.productive == 3_000_000)
        let discarded = RollupCalculator.compute(hourStart: Self.h, activities: acts, idle: [Self.idle(600, 1200, .discard)])
        #expect(discarded.active == 3_000_000 && discarded.idle == 0)
        // Idle with no activity at all still counts as idle; discard beats work-away beats idle where they overlap.
        let layered = RollupCalculator.compute(hourStart: Self.h, activities: [], idle: [
            Self.idle(0, 100), Self.idle(50, 150, .workAway), Self.idle(120, 200, .discard),
        ])
        #expect(layered.idle == 50_000 && layered.workAway == 70_000 && layered.active == 70_000)
    }

    @Test("intervals are clipped to the hour (an event crossing midnight splits)")
    func clipping() {
        let r = RollupCalculator.compute(hourStart: Self.h, activities: [Self.act(-600, 600), Self.act(3000, 4200, "Web", .unproductive)], idle: [])
        #expect(r.active == 600_000 + 600_000)
        #expect(r.unproductive == 600_000)
        let pieces = HourBucket.split(start: Self.h - 600_000, end: Self.h + 600_000)
        #expect(pieces.map(\.hour) == [Self.h - HourBucket.millis, Self.h])
        #expect(pieces.map { $0.end - $0.start } == [600_000, 600_000])
        #expect(HourBucket.floor(-1) == -HourBucket.millis)
    }

    @Test("categories add up to the computer-active time; empty input is empty")
    func sums() {
        let r = RollupCalculator.compute(hourStart: Self.h, activities: [
            Self.act(0, 100, "A", .productive), Self.act(100, 250, "B", .neutral), Self.act(250, 300, "C", .unproductive),
            Self.act(300, 400, "D", .uncategorized),
        ], idle: [Self.idle(350, 360)])
        #expect(r.productive + r.neutral + r.unproductive + r.uncategorized + r.workAway == r.active)
        #expect(r.uncategorized == 90_000)
        #expect(RollupCalculator.compute(hourStart: Self.h, activities: [], idle: []).isEmpty)
    }
}

@Suite("Heartbeat merge (ActivityWatch's rule)")
struct HeartbeatMergeTests {
    static let code = HeartbeatData(app: "Code", title: "main.swift", url: nil)
    static func ev(_ start: Int64, _ duration: Int64, _ data: HeartbeatData = code) -> HeartbeatMerge.Event {
        HeartbeatMerge.Event(start: start * 1000, duration: duration * 1000, data: data)
    }

    static let cases: [(String, HeartbeatMerge.Event?, HeartbeatMerge.Event, Int64, HeartbeatMerge.Decision)] = [
        ("no last event", nil, ev(100, 0), 6, .insert),
        ("same data inside the pulse window", ev(100, 10), ev(115, 0), 6, .extend(newDuration: 15_000)),
        ("same data exactly at end + pulsetime", ev(100, 10), ev(116, 0), 6, .extend(newDuration: 16_000)),
        ("same data just past end + pulsetime", ev(100, 10), ev(117, 0), 6, .insert),
        ("same data within the event keeps the longer duration", ev(100, 30), ev(105, 1), 6, .extend(newDuration: 30_000)),
        ("heartbeat with its own duration", ev(100, 10), ev(112, 5), 6, .extend(newDuration: 17_000)),
        ("changed title", ev(100, 10), ev(105, 0, HeartbeatData(app: "Code", title: "other.swift", url: nil)), 6, .insert),
        ("changed url", ev(100, 10), ev(105, 0, HeartbeatData(app: "Code", title: "main.swift", url: "https://x")), 6, .insert),
        ("out of order (before the last start)", ev(100, 10), ev(90, 0), 6, .insert),
        ("pulsetime 0 merges only when touching", ev(100, 10), ev(110, 0), 0, .extend(newDuration: 10_000)),
    ]

    @Test("table", arguments: cases)
    func table(name: String, last: HeartbeatMerge.Event?, heartbeat: HeartbeatMerge.Event, pulsetime: Int64, expected: HeartbeatMerge.Decision) {
        #expect(HeartbeatMerge.decide(last: last, heartbeat: heartbeat, pulsetime: pulsetime * 1000) == expected, "\(name)")
    }

    @Test("an event never grows past 24 hours by merging")
    func cap() {
        let last = Self.ev(0, 24 * 3600 - 1)
        #expect(HeartbeatMerge.decide(last: last, heartbeat: Self.ev(24 * 3600 - 1, 5), pulsetime: 6000) == .insert)
    }
}

@Suite("Productivity rules")
struct RuleMatcherTests {
    /// Features no linear-time engine offers, and broken syntax.
    static let rejected = ["(?=abc)", "(?<!a)b", #"(a)\1"#, "(abc", "a{1,1000}+("]
    /// Nested and alternating repetition used to be refused (ICU backtracks on them); the linear engine runs them.
    static let accepted = ["^Slack$", "github\\.com/.+/pulls", "(jira|confluence)", "[a-z]+ - Visual Studio Code", "(foo)?bar", "a{2,5}", "(ab)+c",
                           "(a+)+", "(a*)*b", "(x|xy)*", "((ab)+)+", "(a{1,})+"]

    @Test("unsupported regular expressions are refused", arguments: rejected)
    func refuses(pattern: String) {
        #expect(throws: SimpleAppError.self) { try RulePattern(kind: .regex, pattern: pattern) }
    }

    @Test("ordinary regular expressions are accepted", arguments: accepted)
    func accepts(pattern: String) throws {
        _ = try RulePattern(kind: .regex, pattern: pattern)
    }

    @Test("exact, glob and regex match case-insensitively; domains come from URLs")
    func matching() throws {
        #expect(try RulePattern(kind: .exact, pattern: "Slack").matches("slack"))
        #expect(!(try RulePattern(kind: .exact, pattern: "Slack").matches("Slack Beta")))
        #expect(try RulePattern(kind: .glob, pattern: "*.github.com").matches("gist.GitHub.com"))
        #expect(!(try RulePattern(kind: .glob, pattern: "*.github.com").matches("github.com.evil.io")))
        #expect(try RulePattern(kind: .glob, pattern: "f?o.(1)").matches("fxo.(1)"))
        #expect(try RulePattern(kind: .regex, pattern: "pull/\\d+").matches("https://github.com/a/b/pull/12"))
        #expect(ActivityFacts(app: "Firefox", title: "", url: "https://www.YouTube.com/watch?v=1").domain == "youtube.com")
        #expect(ActivityFacts(app: "Firefox", title: "", url: "localhost:8080/x").domain == "localhost")
        #expect(ActivityFacts(app: "Terminal", title: "", url: nil).domain == nil)
    }

    @Test("team rules override organisation rules; higher priority first; unmatched is uncategorized")
    func precedence() throws {
        func rule(_ id: String, _ team: String?, _ field: RuleField, _ pattern: String, _ c: ProductivityCategory, _ p: Int) throws -> CompiledRule {
            CompiledRule(id: id, teamID: team, field: field, pattern: try RulePattern(kind: .glob, pattern: pattern), category: c, priority: p)
        }
        let matcher = RuleMatcher(rules: [
            try rule("1", nil, .domain, "youtube.com", .unproductive, 0),
            try rule("2", "marketing", .domain, "youtube.com", .productive, 0),
            try rule("3", nil, .app, "*", .neutral, -10),
            try rule("4", nil, .title, "*standup*", .productive, 5),
        ])
        let video = ActivityFacts(app: "Firefox", title: "Cats", url: "https://youtube.com/x")
        #expect(matcher.categorize(video, teamID: nil) == .unproductive)
        #expect(matcher.categorize(video, teamID: "marketing") == .productive)
        #expect(matcher.categorize(ActivityFacts(app: "Zoom", title: "Daily standup", url: nil), teamID: nil) == .productive)
        #expect(matcher.categorize(ActivityFacts(app: "Zoom", title: "1:1", url: nil), teamID: nil) == .neutral)
        #expect(RuleMatcher(rules: []).categorize(video, teamID: nil) == .uncategorized)
    }
}

/// The sweep-line calculator against the plain definition, instant by instant, on random inputs.
@Suite("Rollup calculator against its definition")
struct RollupReferenceTests {
    /// The definition, literally: for each elementary interval, check every idle period and activity.
    static func reference(hourStart: Int64, activities: [ActivityInterval], idle: [IdleInterval]) -> HourRollup {
        let hourEnd = hourStart + HourBucket.millis
        var points = Set([hourStart, hourEnd])
        for a in activities { points.insert(min(max(a.start, hourStart), hourEnd)); points.insert(min(max(a.end, hourStart), hourEnd)) }
        for i in idle { points.insert(min(max(i.start, hourStart), hourEnd)); points.insert(min(max(i.end, hourStart), hourEnd)) }
        let sorted = points.sorted()
        var r = HourRollup()
        for (from, to) in zip(sorted, sorted.dropFirst()) {
            let covering = idle.filter { $0.start <= from && $0.end >= to }.map(\.classification)
            // Covered by anything at all, counted or not: how far the hour's raw data reaches.
            if !covering.isEmpty || activities.contains(where: { $0.start <= from && $0.end >= to && $0.end > $0.start }) {
                r.coveredUntil = max(r.coveredUntil ?? to, to)
            }
            if covering.contains(.discard) { continue }
            if covering.contains(.workAway) {
                r.workAway += to - from; r.active += to - from
                r.firstActive = min(r.firstActive ?? from, from); r.lastActive = max(r.lastActive ?? to, to)
                continue
            }
            if !covering.isEmpty { r.idle += to - from; continue }
            let acts = activities.filter { $0.start <= from && $0.end >= to && $0.end > $0.start }
            guard let w = acts.max(by: { ($0.start, $0.tieBreaker) < ($1.start, $1.tieBreaker) }) else { continue }
            r.active += to - from
            r.firstActive = min(r.firstActive ?? from, from); r.lastActive = max(r.lastActive ?? to, to)
            switch w.category {
            case .productive: r.productive += to - from
            case .neutral: r.neutral += to - from
            case .unproductive: r.unproductive += to - from
            case .uncategorized: r.uncategorized += to - from
            }
            r.apps[HourRollup.AppKey(app: w.app, category: w.category), default: 0] += to - from
        }
        return r
    }

    @Test("random hours", arguments: 0..<40)
    func random(seed: Int) {
        var rng = SystemRandomNumberGenerator()
        _ = seed
        let hour: Int64 = 1_790_035_200_000
        let apps = ["A", "B", "C"]
        let categories = ProductivityCategory.allCases
        let activities = (0..<Int.random(in: 0...60, using: &rng)).map { n -> ActivityInterval in
            let start = hour + Int64.random(in: -600_000...3_700_000, using: &rng)
            return ActivityInterval(start: start, end: start + Int64.random(in: 0...900_000, using: &rng),
                                    app: apps.randomElement(using: &rng)!, category: categories.randomElement(using: &rng)!,
                                    tieBreaker: "d\(Int.random(in: 0...2, using: &rng))/\(n)")
        }
        let idle = (0..<Int.random(in: 0...6, using: &rng)).map { _ -> IdleInterval in
            let start = hour + Int64.random(in: -600_000...3_700_000, using: &rng)
            return IdleInterval(start: start, end: start + Int64.random(in: 1...900_000, using: &rng),
                                classification: [nil, .break, .workAway, .discard].randomElement(using: &rng)!)
        }
        #expect(RollupCalculator.compute(hourStart: hour, activities: activities, idle: idle)
                == Self.reference(hourStart: hour, activities: activities, idle: idle))
    }
}

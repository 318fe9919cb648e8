import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP

/// The heartbeat's fast path (issue 10): the rollups of an hour are updated by the time a beat appends, without
/// reading the hour back — and must still equal a from-scratch computation. A realistic stream (one beat per
/// second, the window changing with probability 0.1, pulsetime 2, across hour boundaries) is interleaved with
/// what forces the slow path: a second device of the same person beating over the same minutes, an idle period
/// reported afterwards, a rule change (new rules version) and beats back in time. The metrics prove both paths ran.
@Suite("Heartbeat delta path")
struct HeartbeatDeltaTests {
    static let now: Int64 = 1_790_035_200_000 + 8 * 3_600_000           // 2026-09-22T08:00:00Z
    static let windows = [
        ActivityFacts(app: "Code", title: "main.swift", url: nil), ActivityFacts(app: "Code", title: "Package.swift", url: nil),
        ActivityFacts(app: "Slack", title: "#general", url: nil), ActivityFacts(app: "Firefox", title: "Docs", url: "https://docs.swift.org/x"),
        ActivityFacts(app: "Terminal", title: "zsh", url: nil),
    ]

    @Test("realistic streams: delta-maintained rollups equal recomputation", arguments: TestEngine.available)
    func realistic(engine: TestEngine) async throws {
        let time = MutableTime(Date(epochMillis: Self.now))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            struct Enrolled: Decodable { struct D: Decodable { let id: String }; let device: D; let token: String }
            let second = try await f.api.decode(Enrolled.self, .post, "/api/employees/\(f.employee.id)/devices", token: f.admin.accessToken,
                                                json: jsonBody(["name": "laptop", "platform": "linux"]), expect: .created)
            let devices = [(id: f.deviceID, token: f.deviceToken), (id: second.device.id, token: second.token)]
            var model = RollupModel()
            var rng = SeededRandom(seed: 2026)
            var window = Self.windows[0]
            var clock = Self.now - 2 * HourBucket.millis - 8 * 60_000     // 05:52: the 15-minute stream crosses 06:00
            var rules: [CompiledRule] = []
            var jobs: [String] = []
            let beats = 900
            for beat in 0..<beats {
                clock += 1_000
                if Double.random(in: 0..<1, using: &rng) < 0.1 { window = Self.windows.randomElement(using: &rng)! }
                // Every 150 beats the laptop beats for 15 seconds over time the desktop already covered (20 seconds
                // behind); now and then a beat arrives from the past; once, an idle period covering the next minute.
                let onLaptop = (100..<115).contains(beat % 150)
                let device = onLaptop ? devices[1] : devices[0]
                let at = onLaptop ? clock - 20_000 : beat % 97 == 96 ? clock - 30_000 : clock
                let duration: Int64 = beat % 13 == 0 ? 3_000 : 0
                if beat == 400 {
                    let id = UUID().uuidString.lowercased()
                    try await f.api.call(.post, "/api/idle", token: devices[0].token, json: jsonBody(["periods": [
                        Body.idle(id, from: Date(epochMillis: clock + 5_000), to: Date(epochMillis: clock + 65_000)),
                    ]]))
                    model.idle[devices[0].id, default: [:]][id] = IdleInterval(start: clock + 5_000, end: clock + 65_000, classification: nil)
                }
                if beat == 600 {
                    let saved = try await f.api.decode(SavedRule.self, .post, "/api/rules", token: f.admin.accessToken,
                                                       json: jsonBody(["field": "app", "match": "exact", "pattern": "Code", "category": "productive"]),
                                                       expect: .created)
                    rules.append(CompiledRule(id: saved.rule.id, teamID: nil, field: .app, pattern: try RulePattern(kind: .exact, pattern: "Code"),
                                              category: .productive, priority: 0))
                    jobs.append(saved.rebuildJob.id)
                }
                let expected = model.heartbeat(device: device.id, start: at, duration: duration, facts: window, pulsetime: 2_000)
                let answer = try await f.api.decode(Beat.self, .post, "/api/activities/heartbeat?pulsetime=2", token: device.token,
                                                    json: Body.heartbeat(at: Date(epochMillis: at), seconds: Double(duration) / 1000,
                                                                         app: window.app, title: window.title, url: window.url))
                #expect(answer.merged == (expected != nil), "beat \(beat)")
                model.record(device: device.id, answer: answer, start: at, duration: duration, facts: window, mergedInto: expected)
            }
            for job in jobs { #expect(try await f.waitForJob(job).status == "done") }

            let matcher = RuleMatcher(rules: rules)
            let expected = model.hourlies(devices: devices.map { ($0.id, f.teamA) }, matcher: matcher)
            let server = try await f.hourly(f.employee, from: Date(epochMillis: Self.now - 4 * HourBucket.millis), to: Date(epochMillis: Self.now))
            #expect(server == expected)
            #expect(expected.count == 2 && server.count == 2)
            for route in ["org-rollup-drift", "daily-app-drift", "org-app-drift"] {
                let drift = try await f.api.call(.get, "/test/\(route)").text
                #expect(drift.hasPrefix("0 of ") && drift != "0 of 0", "\(route): \(drift)")
            }
            // Both paths ran: most beats by delta, the interleavings by recomputation.
            let metrics = try await f.api.call(.get, "/metrics").text
            let delta = Self.counter(metrics, path: "delta"), recomputed = Self.counter(metrics, path: "recomputed")
            #expect(delta >= beats / 2, "delta \(delta), recomputed \(recomputed)")
            #expect(recomputed >= 20, "delta \(delta), recomputed \(recomputed)")
        }
    }

    static func counter(_ metrics: String, path: String) -> Int {
        let prefix = "tracker_rollup_updates_total{path=\"\(path)\"} "
        return metrics.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Int($0.dropFirst(prefix.count)) } ?? 0
    }
}

/// The raw data as the tests know it, and the rollups it must produce (the server's definition, from scratch).
struct RollupModel {
    struct Stored { var start: Int64; var end: Int64; var facts: ActivityFacts }
    var events: [String: [String: Stored]] = [:]          // device → event id → event
    var idle: [String: [String: IdleInterval]] = [:]       // device → idle id → period

    /// The id of the event this heartbeat extends (and its new duration), or nil when it must start a new one.
    func heartbeat(device: String, start: Int64, duration: Int64, facts: ActivityFacts, pulsetime: Int64) -> (id: String, duration: Int64)? {
        let last = events[device, default: [:]].max { ($0.value.start, $0.value.end, $0.key) < ($1.value.start, $1.value.end, $1.key) }
        let decision = HeartbeatMerge.decide(
            last: last.map { HeartbeatMerge.Event(start: $0.value.start, duration: $0.value.end - $0.value.start, data: $0.value.facts) },
            heartbeat: HeartbeatMerge.Event(start: start, duration: duration, data: facts), pulsetime: pulsetime
        )
        guard case .extend(let newDuration) = decision, let last else { return nil }
        return (last.key, newDuration)
    }

    mutating func record(device: String, answer: Beat, start: Int64, duration: Int64, facts: ActivityFacts, mergedInto: (id: String, duration: Int64)?) {
        if let (id, newDuration) = mergedInto, answer.merged, answer.eventId == id {
            let begin = events[device]?[id]?.start ?? start
            events[device]?[id]?.end = begin + newDuration
        } else {
            events[device, default: [:]][answer.eventId] = Stored(start: start, end: start + duration, facts: facts)
        }
    }

    func hourlies(devices: [(id: String, team: String?)], matcher: RuleMatcher) -> [Hourly] {
        var intervals: [ActivityInterval] = []
        var idles: [IdleInterval] = []
        var hours = Set<Int64>()
        for device in devices {
            for (id, e) in events[device.id] ?? [:] {
                intervals.append(ActivityInterval(start: e.start, end: e.end, app: e.facts.app,
                                                  category: matcher.categorize(e.facts, teamID: device.team), tieBreaker: device.id + "/" + id))
                hours.formUnion(HourBucket.hours(from: e.start, to: max(e.end, e.start + 1)))
            }
            for (_, i) in idle[device.id] ?? [:] {
                idles.append(i)
                hours.formUnion(HourBucket.hours(from: i.start, to: i.end))
            }
        }
        return hours.sorted().compactMap { hour in
            let rollup = RollupCalculator.compute(hourStart: hour, activities: intervals, idle: idles)
            return rollup.isEmpty ? nil : Hourly.from(hour: hour, rollup)
        }
    }
}

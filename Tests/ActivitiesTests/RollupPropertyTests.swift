import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP

/// Random traffic from several devices of several employees — batches (shuffled, re-sent, overlapping, across
/// midnight and hour boundaries), heartbeats (in and out of order, with changing data), idle periods and their
/// classifications — and then: the rollups the server maintained on ingest equal a from-scratch computation over
/// a model of the raw data, and equal the server's own full rebuild.
@Suite("Rollup property")
struct RollupPropertyTests {
    struct ModelEvent { var start: Int64; var end: Int64; var app: String; var title: String; var url: String? }
    struct ModelIdle { var start: Int64; var end: Int64; var classification: IdleClassification? }
    struct Device { let token: String; let id: String; let employee: String; let team: String }

    static let midnight: Int64 = 1_790_035_200_000          // 2026-09-22T00:00:00Z
    static let now = Date(timeIntervalSince1970: 1_790_035_200 + 8 * 3600)
    static let apps = [("Code", "main.swift", nil), ("Slack", "general", nil), ("Firefox", "Docs", "https://docs.swift.org/x"),
                       ("Firefox", "Video", "https://www.youtube.com/watch"), ("Terminal", "zsh", nil)] as [(String, String, String?)]
    nonisolated(unsafe) static let rules: [[String: Any]] = [
        ["field": "app", "match": "exact", "pattern": "Code", "category": "productive"],
        ["field": "domain", "match": "glob", "pattern": "*youtube.com", "category": "unproductive"],
        ["field": "app", "match": "regex", "pattern": "^(slack|teams)$", "category": "neutral", "priority": 5],
    ]

    @Test("maintained rollups equal a from-scratch computation", arguments: TestEngine.available, [11, 42] as [UInt64])
    func property(engine: TestEngine, seed: UInt64) async throws {
        let time = MutableTime(Self.now)
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            var ruleInputs: [CompiledRule] = []
            for (index, rule) in Self.rules.enumerated() {
                var body = rule
                if index == 0 { body["teamId"] = f.teamA }   // a team override
                let saved = try await f.api.decode(SavedRule.self, .post, "/api/rules", token: f.admin.accessToken, json: jsonBody(body), expect: .created)
                ruleInputs.append(CompiledRule(
                    id: saved.rule.id, teamID: index == 0 ? f.teamA : nil, field: RuleField(rawValue: rule["field"] as! String)!,
                    pattern: try RulePattern(kind: MatchKind(rawValue: rule["match"] as! String)!, pattern: rule["pattern"] as! String),
                    category: ProductivityCategory(rawValue: rule["category"] as! String)!, priority: rule["priority"] as? Int ?? 0
                ))
            }
            let matcher = RuleMatcher(rules: ruleInputs)
            struct Enrolled: Decodable { struct D: Decodable { let id: String }; let device: D; let token: String }
            func enrol(_ person: IdentityFixture.Person, team: String) async throws -> Device {
                let e = try await f.api.decode(Enrolled.self, .post, "/api/employees/\(person.id)/devices", token: f.admin.accessToken,
                                               json: jsonBody(["name": "d", "platform": "linux"]), expect: .created)
                return Device(token: e.token, id: e.device.id, employee: person.id, team: team)
            }
            let devices = [
                Device(token: f.deviceToken, id: f.deviceID, employee: f.employee.id, team: f.teamA),
                try await enrol(f.employee, team: f.teamA),
                try await enrol(f.otherEmployee, team: f.teamB),
                try await enrol(f.managerA, team: f.teamA),
            ]
            let owners = [f.employee.id: f.employee, f.otherEmployee.id: f.otherEmployee, f.managerA.id: f.managerA]

            var rng = SeededRandom(seed: seed)
            var events: [String: [String: ModelEvent]] = [:]     // device → id → event
            var idle: [String: [String: ModelIdle]] = [:]
            var sentBatches: [(Device, String)] = []
            var cursor: [String: Int64] = [:]
            func randomTime() -> Int64 { Self.midnight - 2 * 3_600_000 + Int64.random(in: 0..<(6 * 3_600_000), using: &rng) }

            for _ in 0..<160 {
                let device = devices.randomElement(using: &rng)!
                switch Int.random(in: 0..<10, using: &rng) {
                case 0...2:  // a batch, sometimes with an id repeated inside it
                    var batch: [[String: Any]] = []
                    for _ in 0..<Int.random(in: 1...12, using: &rng) {
                        let (app, title, url) = Self.apps.randomElement(using: &rng)!
                        let start = randomTime()
                        let ms = Int64.random(in: 0...900_000, using: &rng)
                        let id = UUID(uuid: (UInt8.random(in: 0...255, using: &rng), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, UInt8.random(in: 0...255, using: &rng))).uuidString.lowercased()
                        batch.append(Body.event(id, at: Date(timeIntervalSince1970: Double(start) / 1000), seconds: Double(ms) / 1000, app: app, title: title, url: url))
                        if events[device.id, default: [:]][id] == nil {
                            events[device.id, default: [:]][id] = ModelEvent(start: start, end: start + ms, app: app, title: title, url: url)
                        }
                    }
                    if Bool.random(using: &rng), let dup = batch.first { batch.append(dup) }
                    let json = Body.batch(batch.shuffled(using: &rng))
                    try await f.api.call(.post, "/api/activities", token: device.token, json: json)
                    sentBatches.append((device, json))
                case 3:  // re-send an earlier batch
                    if let (d, json) = sentBatches.randomElement(using: &rng) {
                        let r = try await f.api.decode(Batch.self, .post, "/api/activities", token: d.token, json: json)
                        #expect(r.accepted == 0)
                    }
                case 4...7:  // heartbeats: mostly moving forward, sometimes back in time, sometimes a run across an hour
                    var at = cursor[device.id] ?? randomTime()
                    let run = Int.random(in: 0..<3, using: &rng) == 0
                    if run { at = HourBucket.floor(randomTime()) + HourBucket.millis - 10_000 }
                    for step in 0..<(run ? 6 : 1) {
                    if run { at += step == 0 ? 0 : 4_000 }
                    if !run { at += Bool.random(using: &rng) ? Int64.random(in: 0...8_000, using: &rng) : -Int64.random(in: 0...60_000, using: &rng) }
                    if !run && Int.random(in: 0..<8, using: &rng) == 0 { at = randomTime() }
                    cursor[device.id] = at
                    let (app, title, url) = run ? Self.apps[0] : Self.apps[Int.random(in: 0..<(Bool.random(using: &rng) ? 1 : Self.apps.count), using: &rng)]
                    let duration = run ? 0 : Int64.random(in: 0...(Bool.random(using: &rng) ? 3 : 120), using: &rng) * 1000
                    let pulse = run ? 5 : Int64.random(in: 0...10, using: &rng)
                    let hb = HeartbeatMerge.Event(start: at, duration: duration, data: HeartbeatData(app: app, title: title, url: url))
                    let last = events[device.id, default: [:]].max { ($0.value.start, $0.value.end, $0.key) < ($1.value.start, $1.value.end, $1.key) }
                    let expected = HeartbeatMerge.decide(
                        last: last.map { HeartbeatMerge.Event(start: $0.value.start, duration: $0.value.end - $0.value.start,
                                                              data: HeartbeatData(app: $0.value.app, title: $0.value.title, url: $0.value.url)) },
                        heartbeat: hb, pulsetime: pulse * 1000
                    )
                    let beat = try await f.api.decode(Beat.self, .post, "/api/activities/heartbeat?pulsetime=\(pulse)", token: device.token,
                                                      json: Body.heartbeat(at: Date(timeIntervalSince1970: Double(at) / 1000), seconds: Double(duration) / 1000, app: app, title: title, url: url))
                    switch expected {
                    case .extend(let newDuration):
                        #expect(beat.merged && beat.eventId == last?.key)
                        events[device.id]![last!.key]!.end = last!.value.start + newDuration
                    case .insert:
                        #expect(!beat.merged)
                        events[device.id, default: [:]][beat.eventId] = ModelEvent(start: at, end: at + duration, app: app, title: title, url: url)
                    }
                    }
                case 8:  // idle periods
                    let start = randomTime()
                    let id = UUID().uuidString.lowercased()
                    let end = start + Int64.random(in: 1_000...1_800_000, using: &rng)
                    try await f.api.call(.post, "/api/idle", token: device.token, json: jsonBody(["periods": [
                        Body.idle(id, from: Date(timeIntervalSince1970: Double(start) / 1000), to: Date(timeIntervalSince1970: Double(end) / 1000)),
                    ]]))
                    idle[device.id, default: [:]][id] = ModelIdle(start: start, end: end, classification: nil)
                default:  // the owner classifies one of their idle periods
                    guard let (id, _) = idle[device.id]?.randomElement(using: &rng), let owner = owners[device.employee] else { continue }
                    let choice = [nil, IdleClassification.break, .workAway, .discard].randomElement(using: &rng)!
                    let body = choice.map { jsonBody(["classification": $0.rawValue]) } ?? #"{"classification":null}"#
                    let r = try await f.api.call(.patch, "/api/idle/\(id)", token: owner.accessToken, json: body)
                    #expect(r.status == .ok, "\(r.text)")
                    idle[device.id]![id]!.classification = choice
                }
            }

            // The model's rollups, from scratch.
            func expected(for employee: String) -> [Int64: HourRollup] {
                let mine = devices.filter { $0.employee == employee }
                var intervals: [ActivityInterval] = []
                var idles: [IdleInterval] = []
                for device in mine {
                    for (id, e) in events[device.id] ?? [:] {
                        let category = matcher.categorize(ActivityFacts(app: e.app, title: e.title, url: e.url), teamID: device.team)
                        intervals.append(ActivityInterval(start: e.start, end: e.end, app: e.app, category: category, tieBreaker: device.id + "/" + id))
                    }
                    for (_, i) in idle[device.id] ?? [:] { idles.append(IdleInterval(start: i.start, end: i.end, classification: i.classification)) }
                }
                var result: [Int64: HourRollup] = [:]
                var hours = Set<Int64>()
                for i in intervals { hours.formUnion(HourBucket.hours(from: i.start, to: max(i.end, i.start + 1))) }
                for i in idles { hours.formUnion(HourBucket.hours(from: i.start, to: i.end)) }
                for hour in hours {
                    let rollup = RollupCalculator.compute(hourStart: hour, activities: intervals, idle: idles)
                    if !rollup.isEmpty { result[hour] = rollup }
                }
                return result
            }
            let from = Date(timeIntervalSince1970: Double(Self.midnight) / 1000 - 4 * 3600)
            let to = Date(timeIntervalSince1970: Double(Self.midnight) / 1000 + 6 * 3600)
            var compared = 0
            for employee in Set(devices.map(\.employee)) {
                let person = owners[employee]!
                let model = expected(for: employee).map { Hourly.from(hour: $0.key, $0.value) }.sorted { $0.hour < $1.hour }
                let server = try await f.hourly(person, from: from, to: to)
                let differing = Set(server.map(\.hour) + model.map(\.hour)).sorted().filter { hour in
                    server.first { $0.hour == hour } != model.first { $0.hour == hour }
                }
                #expect(differing.isEmpty, "employee \(employee): rollups differ in hours \(differing.map { RFC3339.format($0) })")
                compared += model.count
            }
            #expect(compared > 10, "the run should cover many hours")
            // The organisation rollups, kept by delta, equal the sum of the employee rollups.
            for route in ["org-rollup-drift", "daily-app-drift", "org-app-drift"] {
                let drift = try await f.api.call(.get, "/test/\(route)").text
                #expect(drift.hasPrefix("0 of ") && drift != "0 of 0", "\(route): \(drift)")
            }

            // The server's own from-scratch rebuild agrees with what it maintained incrementally.
            let before = try await f.hourly(f.employee, from: from, to: to)
            let job = try await f.api.decode(Job.self, .post, "/api/cache/rebuild", token: f.admin.accessToken, json: "{}", expect: .accepted)
            #expect(try await f.waitForJob(job.id).status == "done")
            #expect(try await f.hourly(f.employee, from: from, to: to) == before)
            #expect(try await f.api.call(.get, "/test/org-rollup-drift").text.hasPrefix("0 of "))
            #expect(try await f.api.call(.get, "/test/daily-app-drift").text.hasPrefix("0 of "))
            #expect(try await f.api.call(.get, "/test/org-app-drift").text.hasPrefix("0 of "))
        }
    }
}

extension Hourly {
    static func from(hour: Int64, _ r: HourRollup) -> Hourly {
        Hourly(
            hour: Date(timeIntervalSince1970: Double(hour) / 1000),
            activeSeconds: Double(r.active) / 1000, idleSeconds: Double(r.idle) / 1000, workAwaySeconds: Double(r.workAway) / 1000,
            productiveSeconds: Double(r.productive) / 1000, neutralSeconds: Double(r.neutral) / 1000,
            unproductiveSeconds: Double(r.unproductive) / 1000, uncategorizedSeconds: Double(r.uncategorized) / 1000,
            firstActive: r.firstActive.map { Date(timeIntervalSince1970: Double($0) / 1000) },
            lastActive: r.lastActive.map { Date(timeIntervalSince1970: Double($0) / 1000) },
            apps: r.apps.sorted { $0.key < $1.key }.map { App(app: $0.key.app, category: $0.key.category.rawValue, seconds: Double($0.value) / 1000) }
        )
    }
}

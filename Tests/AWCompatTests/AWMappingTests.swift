@testable import AWCompat
import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP

/// ActivityWatch's data in our model: window heartbeats are activity (rollups, dashboard), AFK spells are idle
/// periods, tabs give browser time its URL, anything else round-trips verbatim.
@Suite("ActivityWatch data in our model", .timeLimit(.minutes(3)))
struct AWMappingTests {
    static let now = Date(timeIntervalSince1970: 1_790_035_200 + 10 * 3600)   // 2026-09-22T10:00Z
    static let nine = Date(timeIntervalSince1970: 1_790_035_200 + 9 * 3600)

    struct Hourly: Decodable { let activeSeconds: Double; let idleSeconds: Double; let productiveSeconds: Double; let unproductiveSeconds: Double }
    struct HourlyPage: Decodable { let items: [Hourly] }
    struct Dash: Decodable { struct Totals: Decodable { let activeSeconds: Double; let idleSeconds: Double }; let totals: Totals }

    func hour(_ f: IdentityFixture) async throws -> Hourly? {
        try await f.api.decode(HourlyPage.self, .get, "/api/activities/hourly?employee=\(f.employee.id)&from=\(RFC3339.format(Self.nine))&to=\(RFC3339.format(Self.now))",
                               token: f.admin.accessToken).items.first
    }

    @Test("window heartbeats merge into activity with integer ids, and show in rollups and the dashboard; delete recomputes", arguments: TestEngine.available)
    func window(engine: TestEngine) async throws {
        let time = MutableTime(Self.now)
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let device = AWAuth.basicUser(f.deviceToken)
            #expect(try await client.aw(.post, "buckets/aw-watcher-window_laptop", device, body: bucketJSON(type: "currentwindow")).status == 200)
            // The same data within pulsetime extends the event; new data starts another.
            let code = #"{"app":"Code","title":"main.swift"}"#
            var last = AWJSON.null
            for offset in stride(from: 0.0, through: 600, by: 60) {
                last = try await client.awJSON(.post, "buckets/aw-watcher-window_laptop/heartbeat?pulsetime=90", device,
                                               body: eventJSON(Self.nine.addingTimeInterval(offset), seconds: 0, code))
            }
            #expect(last["id"] == .number("1") && last["duration"] == .number("600.0"))
            try await client.awJSON(.post, "buckets/aw-watcher-window_laptop/heartbeat?pulsetime=90", device,
                                    body: eventJSON(Self.nine.addingTimeInterval(600), seconds: 300, #"{"app":"Slack","title":"general"}"#))
            let events = try await client.awJSON(.get, "buckets/aw-watcher-window_laptop/events?limit=-1", device)
            #expect(events.elements?.compactMap { $0["id"] } == [.number("2"), .number("1")])   // newest first
            #expect(events.elements?.first?["data"] == (try AWJSONParser.parse(#"{"app":"Slack","title":"general"}"#)))
            #expect(try await client.aw(.get, "buckets/aw-watcher-window_laptop/events/count", device).body == "2")
            #expect(try await client.awJSON(.get, "buckets/aw-watcher-window_laptop/events/1", device)["duration"] == .number("600.0"))
            let rolled = try #require(try await hour(f))
            #expect(rolled.activeSeconds == 900)
            let dash = try await f.api.decode(Dash.self, .get, "/api/dashboard?scope=employee&id=\(f.employee.id)&period=day&date=2026-09-22",
                                              token: f.admin.accessToken)
            #expect(dash.totals.activeSeconds == 900)
            // Deleting an event deletes its time from the rollups.
            #expect(try await client.aw(.delete, "buckets/aw-watcher-window_laptop/events/2", device).status == 200)
            #expect(try await hour(f)?.activeSeconds == 600)
            #expect(try await client.aw(.get, "buckets/aw-watcher-window_laptop/events/2", device).status == 404)
            #expect(try await client.aw(.delete, "buckets/aw-watcher-window_laptop/events/2", device).status == 404)
            // Window events must say app and title.
            let bad = try await client.aw(.post, "buckets/aw-watcher-window_laptop/events", device, body: "[\(eventJSON(Self.nine, seconds: 1, #"{"app":3}"#))]")
            #expect(bad.status == 400 && bad.body.contains("events[0].data.app"))
        }
    }

    @Test("an AFK bucket's afk spells become idle periods that grow with heartbeats and change the rollups", arguments: TestEngine.available)
    func afk(engine: TestEngine) async throws {
        let time = MutableTime(Self.now)
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let device = AWAuth.bearer(f.deviceToken)
            try await client.aw(.post, "buckets/aw-watcher-window_laptop", device, body: bucketJSON(type: "currentwindow"))
            try await client.aw(.post, "buckets/aw-watcher-afk_laptop", device, body: bucketJSON(type: "afkstatus"))
            try await client.awJSON(.post, "buckets/aw-watcher-window_laptop/events", device,
                                    body: "[\(eventJSON(Self.nine, seconds: 1800, #"{"app":"Code","title":"x"}"#))]")
            #expect(try await hour(f)?.activeSeconds == 1800)
            let afk = #"{"status":"afk"}"#, here = #"{"status":"not-afk"}"#
            try await client.awJSON(.post, "buckets/aw-watcher-afk_laptop/heartbeat?pulsetime=65", device, body: eventJSON(Self.nine, seconds: 600, here))
            try await client.awJSON(.post, "buckets/aw-watcher-afk_laptop/heartbeat?pulsetime=65", device,
                                    body: eventJSON(Self.nine.addingTimeInterval(600), seconds: 120, afk))
            var rolled = try #require(try await hour(f))
            #expect(rolled.idleSeconds == 120 && rolled.activeSeconds == 1680)
            // The spell grows: the idle period and the rollups follow.
            let grown = try await client.awJSON(.post, "buckets/aw-watcher-afk_laptop/heartbeat?pulsetime=65", device,
                                                body: eventJSON(Self.nine.addingTimeInterval(780), seconds: 120, afk))
            #expect(grown["duration"] == .number("300.0"))
            rolled = try #require(try await hour(f))
            #expect(rolled.idleSeconds == 300 && rolled.activeSeconds == 1500)
            struct IdlePage: Decodable { struct Item: Decodable { let id: String; let reason: String; let start: Date; let end: Date }; let items: [Item] }
            let idle = try await f.api.decode(IdlePage.self, .get, "/api/idle?from=\(RFC3339.format(Self.nine))&to=\(RFC3339.format(Self.now))",
                                              token: f.employee.accessToken).items
            #expect(idle.count == 1 && idle.first?.reason == "afk" && idle.first?.end.timeIntervalSince(idle[0].start) == 300)
            // The owner may classify it like any idle period.
            try await f.api.call(.patch, "/api/idle/\(idle[0].id)", token: f.employee.accessToken, json: #"{"classification":"work_away"}"#)
            #expect(try await hour(f)?.activeSeconds == 1800)
            // Deleting the AFK event deletes the idle period.
            #expect(try await client.aw(.delete, "buckets/aw-watcher-afk_laptop/events/\(grown["id"]?.doubleValue.map { Int($0) } ?? 0)", device).status == 200)
            #expect(try await hour(f)?.idleSeconds == 0)
            let refused = try await client.aw(.post, "buckets/aw-watcher-afk_laptop/events", device, body: eventJSON(Self.nine, seconds: 1, #"{"status":"away"}"#))
            #expect(refused.status == 400 && refused.body.contains("data.status"))
        }
    }

    @Test("a web tab gives browser window time its URL, so domain rules apply", arguments: TestEngine.available)
    func browser(engine: TestEngine) async throws {
        let time = MutableTime(Self.now)
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            try await f.api.call(.post, "/api/rules", token: f.admin.accessToken,
                                 json: #"{"field":"domain","match":"exact","pattern":"youtube.com","category":"unproductive"}"#)
            let device = AWAuth.basicPassword(f.deviceToken)
            try await client.aw(.post, "buckets/aw-watcher-window_laptop", device, body: bucketJSON(type: "currentwindow"))
            try await client.aw(.post, "buckets/aw-watcher-web-firefox", device, body: bucketJSON(type: "web.tab.current", client: "aw-client-web"))
            try await client.awJSON(.post, "buckets/aw-watcher-web-firefox/heartbeat?pulsetime=60", device,
                                    body: eventJSON(Self.nine, seconds: 10, #"{"url":"https://www.youtube.com/watch?v=1","title":"Cats","audible":true,"incognito":false,"tabCount":3}"#))
            let beat = try await client.awJSON(.post, "buckets/aw-watcher-window_laptop/heartbeat?pulsetime=5", device,
                                               body: eventJSON(Self.nine.addingTimeInterval(30), seconds: 600, #"{"app":"Firefox","title":"Cats — Mozilla Firefox"}"#))
            #expect(beat["data"]?["url"] == .string("https://www.youtube.com/watch?v=1"))
            // A window that is not a browser takes no URL.
            let other = try await client.awJSON(.post, "buckets/aw-watcher-window_laptop/heartbeat?pulsetime=5", device,
                                                body: eventJSON(Self.nine.addingTimeInterval(630), seconds: 60, #"{"app":"Code","title":"Cats"}"#))
            #expect(other["data"]?["url"] == nil)
            #expect(try await hour(f)?.unproductiveSeconds == 600)
            // The tab event itself is kept as sent.
            let tabs = try await client.aw(.get, "buckets/aw-watcher-web-firefox/events", device)
            #expect(tabs.body.contains(#""data":{"url":"https://www.youtube.com/watch?v=1","title":"Cats","audible":true,"incognito":false,"tabCount":3}"#))
        }
    }

    @Test("a custom bucket round-trips byte for byte through export and import; importing over a bucket is refused", arguments: TestEngine.available)
    func roundTrip(engine: TestEngine) async throws {
        let time = MutableTime(Self.now)
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let device = AWAuth.bearer(f.deviceToken)
            try await client.aw(.post, "buckets/my-editor_laptop", device,
                                body: #"{"client":"aw-watcher-vim","type":"app.editor.activity","hostname":"laptop","data":{"z":1,"a":[1.50,"é"]}}"#)
            let odd = [
                #"{"file":"/src/main.swift","language":"swift","project":"tracker","branch":"main","n":12,"ratio":0.125,"tags":["a",{"deep":[null,true]}]}"#,
                #"{"zeta":"\u00e9\"quoted\"\\","alpha":1e3,"emoji":"😀","empty":{}}"#,
                #"{}"#,
            ]
            for (index, data) in odd.enumerated() {
                try await client.awJSON(.post, "buckets/my-editor_laptop/events", device,
                                        body: eventJSON(Self.nine.addingTimeInterval(Double(index) * 60), seconds: 30.25, data))
            }
            try await client.awJSON(.post, "buckets/my-editor_laptop/heartbeat?pulsetime=120", device,
                                    body: eventJSON(Self.nine.addingTimeInterval(150), seconds: 10, odd[2]))
            let exported = try await client.aw(.get, "buckets/my-editor_laptop/export", device).body
            #expect(exported.contains(#""data":{"zeta":"é\"quoted\"\\","alpha":1e3,"emoji":"😀","empty":{}}"#))
            #expect(try await client.aw(.post, "import", device, body: exported).status == 409)
            #expect(try await client.aw(.delete, "buckets/my-editor_laptop", device).status == 200)
            #expect(try await client.aw(.get, "buckets/my-editor_laptop", device).status == 404)
            #expect(try await client.awJSON(.post, "import", device, body: exported)["events"] == .number("3"))
            // Created again by the import: the same bytes (apart from the creation time, which is the import's).
            let again = try await client.aw(.get, "buckets/my-editor_laptop/export", device).body
            let created = #/"created":"[^"]*"/#
            #expect(again.replacing(created, with: "") == exported.replacing(created, with: ""))
        }
    }

    @Test("a paused device stores nothing in any bucket (window, AFK, custom); resumed, it does again", arguments: TestEngine.available)
    func paused(engine: TestEngine) async throws {
        let time = MutableTime(Self.now)
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let device = AWAuth.bearer(f.deviceToken)
            for (name, type) in [("w", "currentwindow"), ("a", "afkstatus"), ("c", "custom")] {
                try await client.aw(.post, "buckets/\(name)", device, body: bucketJSON(type: type))
            }
            let pause = "/api/employees/\(f.employee.id)/devices/\(f.deviceID)/pause"
            try await f.api.call(.post, pause, token: f.admin.accessToken)
            func send() async throws {
                try await client.awJSON(.post, "buckets/w/heartbeat?pulsetime=5", device, body: eventJSON(Self.nine, seconds: 60, #"{"app":"a","title":"t"}"#))
                try await client.awJSON(.post, "buckets/a/heartbeat?pulsetime=5", device, body: eventJSON(Self.nine, seconds: 60, #"{"status":"afk"}"#))
                try await client.awJSON(.post, "buckets/c/events", device, body: eventJSON(Self.nine, seconds: 60, #"{"k":"v"}"#))
            }
            try await send()
            for name in ["w", "a", "c"] { #expect(try await client.aw(.get, "buckets/\(name)/events/count", device).body == "0", "\(name)") }
            #expect(try await hour(f) == nil)
            try await f.api.call(.post, pause.replacingOccurrences(of: "/pause", with: "/resume"), token: f.admin.accessToken)
            try await send()
            for name in ["w", "a", "c"] { #expect(try await client.aw(.get, "buckets/\(name)/events/count", device).body == "1", "\(name)") }
        }
    }
}

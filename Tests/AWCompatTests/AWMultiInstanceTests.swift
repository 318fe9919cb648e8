@testable import AWCompat
import Foundation
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP

/// Several server instances on one PostgreSQL agree on ActivityWatch heartbeats: a bucket's merge happens under its
/// row lock, so concurrent beats through two instances extend one event instead of each starting their own.
@Suite("ActivityWatch heartbeats across instances", .enabled(if: TestEngine.available.contains(.postgres)), .timeLimit(.minutes(3)))
struct AWMultiInstanceTests {
    @Test("concurrent heartbeats of one AFK and one custom bucket through two instances merge into one event each")
    func concurrentBeats() async throws {
        let now = Date(timeIntervalSince1970: 1_790_035_200 + 10 * 3600)
        let start = now.addingTimeInterval(-3600)
        try await TestApp.twoInstances(time: MutableTime(now)) { a, b in
            let f = try await IdentityFixture.make(a)
            let device = AWAuth.bearer(f.deviceToken)
            try await a.aw(.post, "buckets/afk", device, body: bucketJSON(type: "afkstatus"))
            try await a.aw(.post, "buckets/editor", device, body: bucketJSON(type: "app.editor.activity"))
            // Twelve at a time (each waits on the bucket's lock holding a connection; more would wait out the pool's
            // acquire deadline on a loaded machine). Every beat starts at `start` and reaches further: whatever order they commit in, each extends the one
            // event (a lost lock would let two transactions each see no event and insert one).
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 1...12 {
                    let client = i % 2 == 0 ? a : b
                    group.addTask {
                        try await client.awJSON(.post, "buckets/afk/heartbeat?pulsetime=10", device, body: eventJSON(start, seconds: Double(i * 10), #"{"status":"afk"}"#))
                        try await client.awJSON(.post, "buckets/editor/heartbeat?pulsetime=10", device, body: eventJSON(start, seconds: Double(i), #"{"file":"a.swift"}"#))
                    }
                }
                try await group.waitForAll()
            }
            let afk = try await a.awJSON(.get, "buckets/afk/events", device).elements ?? []
            #expect(afk.count == 1 && afk.first?["duration"] == .number("120.0"))
            let editor = try await b.awJSON(.get, "buckets/editor/events", device).elements ?? []
            #expect(editor.count == 1 && editor.first?["duration"] == .number("12.0"))
            // The AFK spell is one idle period of the final length.
            struct IdlePage: Decodable { struct Item: Decodable { let start: Date; let end: Date }; let items: [Item] }
            let idle = try await f.api.decode(IdlePage.self, .get, "/api/idle?from=\(RFC3339.format(start.addingTimeInterval(-60)))&to=\(RFC3339.format(now))",
                                              token: f.employee.accessToken).items
            #expect(idle.count == 1 && idle.first.map { $0.end.timeIntervalSince($0.start) } == 120)
        }
    }
}

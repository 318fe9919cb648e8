@testable import AWCompat
import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore

/// Who may reach what on `/api/0`: a device its own buckets (read and write), a person their devices' buckets (read
/// only), nobody anyone else's — which do not exist for them (`404`, so names do not leak).
@Suite("ActivityWatch API access", .timeLimit(.minutes(3)))
struct AWAuthTests {
    static let now = Date(timeIntervalSince1970: 1_790_035_200 + 10 * 3600)

    @Test("Basic with the token as user or password, Bearer; none, a wrong or a revoked token is a 401", arguments: TestEngine.available)
    func tokens(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings(), time: MutableTime(Self.now).source).test { client in
            let f = try await IdentityFixture.make(client)
            #expect(try await client.aw(.post, "buckets/aw-watcher-window_laptop", .basicUser(f.deviceToken), body: bucketJSON(type: "currentwindow")).status == 200)
            for auth in [AWAuth.basicUser(f.deviceToken), .basicPassword(f.deviceToken), .bearer(f.deviceToken)] {
                let buckets = try await client.awJSON(.get, "buckets/", auth)
                #expect(buckets.members?.map(\.key) == ["aw-watcher-window_laptop"], "\(auth)")
            }
            let anonymous = try await client.aw(.get, "buckets/", .none)
            #expect(anonymous.status == 401 && anonymous.body.contains("TOKEN:@host"))
            #expect(try await client.aw(.get, "info", .none).status == 200)   // aw-client's "is the server up?"
            let forged = String(f.deviceToken.dropLast(3)) + "abc"
            #expect(try await client.aw(.get, "buckets/", .basicUser(forged)).status == 401)
            #expect(try await client.aw(.get, "buckets/", .basicUser("not-a-token")).status == 401)
            try await f.api.call(.delete, "/api/me/devices/\(f.deviceID)", token: f.employee.accessToken)
            #expect(try await client.aw(.get, "buckets/", .basicUser(f.deviceToken)).status == 401)
            #expect(try await client.aw(.post, "buckets/aw-watcher-window_laptop/heartbeat", .bearer(f.deviceToken),
                                        body: eventJSON(Self.now, seconds: 0, #"{"app":"a","title":"b"}"#)).status == 401)
        }
    }

    @Test("another person's bucket is a 404; a person's token reads their devices' buckets but may not write; devices keep to their own",
          arguments: TestEngine.available)
    func scopes(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings(), time: MutableTime(Self.now).source).test { client in
            let f = try await IdentityFixture.make(client)
            let mine = AWAuth.bearer(f.deviceToken)
            let theirs = AWAuth.bearer(try await f.enrolDevice(for: f.otherEmployee))
            try await client.aw(.post, "buckets/aw-watcher-window_laptop", mine, body: bucketJSON(type: "currentwindow"))
            try await client.aw(.post, "buckets/aw-watcher-afk_laptop", mine, body: bucketJSON(type: "afkstatus"))
            // The same name for someone else is their own bucket; and their private one does not exist for us.
            #expect(try await client.aw(.post, "buckets/aw-watcher-window_laptop", theirs, body: bucketJSON(type: "currentwindow")).status == 200)
            #expect(try await client.aw(.post, "buckets/secret-project", theirs, body: bucketJSON(type: "custom")).status == 200)
            for path in ["buckets/secret-project", "buckets/secret-project/events", "buckets/secret-project/events/count",
                         "buckets/secret-project/export", "buckets/secret-project/events/1"] {
                let answer = try await client.aw(.get, path, mine)
                #expect(answer.status == 404 && !answer.body.contains("another"), "\(path): \(answer.status)")
            }
            #expect(try await client.aw(.delete, "buckets/secret-project", mine).status == 404)
            let query = #"{"query":["RETURN = query_bucket(\"secret-project\");"],"timeperiods":["2026-09-22T00:00:00+00:00/2026-09-23T00:00:00+00:00"]}"#
            #expect(try await client.aw(.post, "query/", mine, body: query).status == 400)
            #expect(try await client.aw(.post, "query/", theirs, body: query).status == 200)
            let names = try await client.awJSON(.post, "query/", mine,
                                                body: #"{"query":["RETURN = query_bucket_names();"],"timeperiods":["2026-09-22T00:00:00+00:00/2026-09-23T00:00:00+00:00"]}"#)
            #expect(AWJSONWriter.text(names) == #"[["aw-watcher-window_laptop","aw-watcher-afk_laptop"]]"#)

            // The person's own access token reads; writing needs the device.
            let person = AWAuth.bearer(f.employee.accessToken)
            #expect(try await client.awJSON(.get, "buckets/", person).members?.map(\.key) == ["aw-watcher-window_laptop", "aw-watcher-afk_laptop"])
            #expect(try await client.aw(.get, "export", person).status == 200)
            for (method, path, body) in [
                (HTTPRequest.Method.post, "buckets/aw-watcher-afk_laptop/heartbeat", eventJSON(Self.now, seconds: 0, #"{"status":"afk"}"#)),
                (.post, "buckets/aw-watcher-afk_laptop/events", eventJSON(Self.now, seconds: 0, #"{"status":"afk"}"#)),
                (.post, "buckets/new-one", bucketJSON(type: "x")), (.delete, "buckets/aw-watcher-afk_laptop", nil),
                (.post, "import", #"{"buckets":{}}"#),
            ] as [(HTTPRequest.Method, String, String?)] {
                #expect(try await client.aw(method, path, person, body: body).status == 403, "\(path)")
            }
            // A manager's or an admin's token sees only their own (none): the employee's buckets are not there.
            for other in [f.managerA.accessToken, f.admin.accessToken] {
                #expect(try await client.awJSON(.get, "buckets/", .bearer(other)).members?.isEmpty == true)
                #expect(try await client.aw(.get, "buckets/aw-watcher-afk_laptop/events", .bearer(other)).status == 404)
            }
            // A second device of the same person: its own buckets only; the first device's name is taken.
            let second = AWAuth.bearer(try await f.enrolDevice(for: f.employee, name: "desktop"))
            #expect(try await client.aw(.get, "buckets/aw-watcher-afk_laptop", second).status == 404)
            let clash = try await client.aw(.post, "buckets/aw-watcher-afk_laptop", second, body: bucketJSON(type: "afkstatus"))
            #expect(clash.status == 409 && clash.body.contains("bucket_of_another_device"))
            // One window bucket per device: its events are the device's activity.
            let twice = try await client.aw(.post, "buckets/aw-watcher-window_other", mine, body: bucketJSON(type: "currentwindow", hostname: "other"))
            #expect(twice.status == 409 && twice.body.contains("window_bucket_exists"))
        }
    }

    @Test("hostile input is a 4xx naming the field, never a 5xx", arguments: TestEngine.available)
    func hostile(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings(), time: MutableTime(Self.now).source).test { client in
            let f = try await IdentityFixture.make(client)
            let device = AWAuth.bearer(f.deviceToken)
            try await client.aw(.post, "buckets/b", device, body: bucketJSON(type: "custom"))
            let cases: [(HTTPRequest.Method, String, String?, String)] = [
                (.post, "buckets/b/events", "{", "body"),
                (.post, "buckets/b/events", #"[{"timestamp":"yesterday","data":{}}]"#, "events[0].timestamp"),
                (.post, "buckets/b/events", #"[{"timestamp":"2026-09-22T09:00:00Z","duration":-1}]"#, "events[0].duration"),
                (.post, "buckets/b/events", #"[{"timestamp":"2026-09-22T09:00:00Z","duration":1e300}]"#, "events[0].duration"),
                (.post, "buckets/b/events", #"[{"timestamp":"2026-09-22T09:00:00Z","data":[1]}]"#, "events[0].data"),
                (.post, "buckets/b/heartbeat?pulsetime=abc", eventJSON(Self.now, seconds: 0, "{}"), "pulsetime"),
                (.post, "buckets/b/heartbeat?pulsetime=1e9", eventJSON(Self.now, seconds: 0, "{}"), "pulsetime"),
                (.get, "buckets/b/events?start=garbage", nil, "start"),
                (.get, "buckets/b/events?limit=many", nil, "limit"),
                (.get, "buckets/b/events/0", nil, "event_id"),
                (.get, "buckets/b/events/99999999999999999999", nil, "event_id"),
                (.post, "buckets/x", #"{"client":"c","hostname":"h"}"#, "type"),
                (.post, "query/", #"{"query":"RETURN = 1;","timeperiods":["2026-09-22T00:00:00Z"]}"#, "timeperiods[0]"),
                (.post, "query/", #"{"query":["RETURN = ("],"timeperiods":["2026-09-22T00:00:00Z/2026-09-23T00:00:00Z"]}"#, "line 1"),
                (.post, "query/", #"{"timeperiods":[]}"#, "query"),
                (.post, "import", #"{"buckets":{"x":{"type":"t","events":[{"timestamp":1}]}}}"#, "buckets.x.events[0].timestamp"),
                (.post, "settings/k", "{nope", "body"),
            ]
            for (method, path, body, field) in cases {
                let answer = try await client.aw(method, path, device, body: body)
                #expect((400..<500).contains(answer.status) && answer.body.contains(field), "\(path) \(body ?? ""): \(answer.status) \(answer.body)")
            }
            // Settings: any JSON value, per person.
            #expect(try await client.aw(.post, "settings/theme", device, body: #""dark""#).status == 200)
            #expect(try await client.aw(.get, "settings/theme", device).body == #""dark""#)
            #expect(try await client.aw(.get, "settings", .bearer(f.employee.accessToken)).body == #"{"theme":"dark"}"#)
            #expect(try await client.aw(.get, "settings", .bearer(f.otherEmployee.accessToken)).body == "{}")
        }
    }
}

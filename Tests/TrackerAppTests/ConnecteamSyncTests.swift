import Crypto
import HTTPTypes
import Hummingbird
import Foundation
import TestSupport
import Testing
import TrackerApp
import TrackerCore
import TrackerHTTP

/// The Connecteam sync against a fake Connecteam on a loopback port that speaks the documented envelope and paging
/// and injects faults: the sync converges to the data a clean run gives, without duplicates; a sync stopped part-way
/// resumes; only one runs at a time across instances; the runs' history says what happened.
@Suite("Connecteam sync", .timeLimit(.minutes(3)))
struct ConnecteamSyncTests {
    struct Shift: Decodable, Equatable { let externalId: String; let id: String; let email: String; let start: Int64; let end: Int64; let status: String; let breakMinutes: Int }
    struct Clocked: Decodable, Equatable { let id: String; let userId: Int; let email: String; let start: Int64; let end: Int64 }
    struct Off: Decodable, Equatable { let externalId: String; let id: String; let email: String; let status: String; let kind: String; let allDay: Bool; let start: Int64; let end: Int64 }
    struct Synced: Decodable, Equatable { let shifts: [Shift]; let clocked: [Clocked]; let timeOff: [Off] }
    struct Run: Decodable { let id: String; let trigger: String; let status: String; let counts: [String: Int]; let errors: [String] }
    struct Runs: Decodable { let items: [Run] }
    struct Person: Decodable { let userId: Int; let state: String }
    struct People: Decodable { let items: [Person] }

    /// Midnight UTC today, epoch seconds: the fixture's times hang off it.
    static let today = Int64(Date().timeIntervalSince1970 / 86_400) * 86_400
    static let hour: Int64 = 3600

    static func configure(_ config: inout AppConfiguration) {
        config.connecteamRetry.attempts = 8
        config.connecteamRetry.baseBackoff = .milliseconds(10)
        config.connecteamRetry.maxBackoff = .milliseconds(50)
        config.connecteamRetry.timeout = .seconds(1)
    }

    /// Five users (two match by email, one whose email belongs to someone linked elsewhere, two unknown), six shifts
    /// (one outside the window), three clocked activities.
    static func seed(_ fake: FakeConnecteam, _ f: IdentityFixture) {
        fake.set(users: [
            .init(101, "Erin", "Employee", email: f.employee.email.uppercased()),
            .init(102, "Mona", "Manager", email: f.managerA.email),
            .init(103, "Nobody", "Known", email: "nobody@elsewhere.example"),
            .init(104, "Otto", "Other", email: f.otherEmployee.email),
            .init(105, "No", "Email", email: nil),
        ], shifts: [7: [
            .init("s1", start: today + 86_400 + 9 * hour, end: today + 86_400 + 17 * hour, assigned: [101], unpaidBreakMinutes: 30),
            .init("s2", start: today + 2 * 86_400 + 9 * hour, end: today + 2 * 86_400 + 13 * hour, assigned: [101, 102]),
            .init("s3", start: today + 3 * 86_400 + 9 * hour, end: today + 3 * 86_400 + 13 * hour, assigned: []),
            .init("s4", start: today + 3 * 86_400 + 9 * hour, end: today + 3 * 86_400 + 13 * hour, assigned: [103]),
            .init("s5", start: today + 4 * 86_400 + 9 * hour, end: today + 4 * 86_400 + 13 * hour, assigned: [102], published: false),
            .init("s6", start: today + 60 * 86_400, end: today + 60 * 86_400 + 4 * hour, assigned: [101]),
        ]], activities: [9: [
            .init("a1", userId: 101, start: today - 86_400 + 9 * hour, end: today - 86_400 + 17 * hour),
            .init("a2", userId: 102, start: today + 8 * hour, end: nil),
            .init("a3", userId: 103, start: today - 2 * 86_400 + 9 * hour, end: today - 2 * 86_400 + 10 * hour),
        ]])
    }

    static func setUp(_ f: IdentityFixture, _ fake: FakeConnecteam) async throws {
        // Someone already linked to another Connecteam user: an email match must not merge them.
        #expect(try await f.api.call(.patch, "/api/employees/\(f.otherEmployee.id)", token: f.admin.accessToken,
                                     json: jsonBody(["externalIds": ["connecteam": "999"]])).status == .ok)
        let put = try await f.api.call(.put, "/api/connecteam/settings", token: f.admin.accessToken, json: jsonBody([
            "settings": ["baseURL": fake.baseURL, "schedulerIds": [7], "timeClockIds": [9], "openShiftTeamId": f.teamA,
                         "pastDays": 14, "futureDays": 28, "intervalMinutes": 60, "enabled": false],
            "apiKey": fake.apiKey,
        ]))
        #expect(put.status == .ok && !put.text.contains(fake.apiKey) && put.text.contains("…0001"), "\(put.text)")
    }

    static func synced(_ f: IdentityFixture) async throws -> Synced {
        try JSONDecoder().decode(Synced.self, from: Data(try await f.api.call(.get, "/test/connecteam").text.utf8))
    }

    static func sync(_ f: IdentityFixture) async throws -> Run {
        try await f.api.decode(Run.self, .post, "/api/connecteam/sync?wait=true", token: f.admin.accessToken)
    }

    /// What a clean sync of the seed gives: (external id, person, start, status, unpaid break).
    static func expected(_ f: IdentityFixture) -> [[String]] {
        [["7:s1:101", f.employee.email, "\((today + 86_400 + 9 * hour) * 1000)", "published", "30"],
         ["7:s2:101", f.employee.email, "\((today + 2 * 86_400 + 9 * hour) * 1000)", "published", "0"],
         ["7:s2:102", f.managerA.email, "\((today + 2 * 86_400 + 9 * hour) * 1000)", "published", "0"],
         ["7:s3", "", "\((today + 3 * 86_400 + 9 * hour) * 1000)", "published", "0"],
         ["7:s5:102", f.managerA.email, "\((today + 4 * 86_400 + 9 * hour) * 1000)", "draft", "0"]]
    }

    static func shape(_ s: Synced) -> [[String]] {
        s.shifts.map { [$0.externalId, $0.email, "\($0.start)", $0.status, "\($0.breakMinutes)"] }
    }

    @Test("under 429s, 500s, slow, malformed and cut answers the sync converges to a clean run's data, without duplicates",
          arguments: TestEngine.available)
    func faults(engine: TestEngine) async throws {
        let fake = try FakeConnecteam()
        try await fake.serve {
            try await TestApp(settings: try await engine.freshSettings(), configure: Self.configure).test { client in
                let f = try await IdentityFixture.make(client)
                Self.seed(fake, f)
                try await Self.setUp(f, fake)
                let check = try await f.api.call(.post, "/api/connecteam/test", token: f.admin.accessToken)
                #expect(check.status == .ok && check.text.contains("Fake Co") && check.text.contains("\"id\":7"))

                fake.inject([.rateLimited(resetInSeconds: 0.3), .serverError, .malformed, .cut, .rateLimitedBody, .slow(.milliseconds(1500))])
                let first = try await Self.sync(f)
                #expect(first.status == "done" && first.trigger == "manual", "\(first.errors)")
                #expect(fake.faultsServed == 6)
                #expect(first.counts["retries.rateLimited"] == 2 && first.counts["retries.serverErrors"] == 1)
                #expect(first.counts.filter { $0.key.hasPrefix("retries.") }.values.reduce(0, +) == 6, "\(first.counts)")
                #expect(first.counts["users.seen"] == 5 && first.counts["users.matched"] == 2 && first.counts["users.linked"] == 2)
                #expect(first.counts["users.unmatched"] == 2 && first.counts["users.conflicts"] == 1 && first.counts["shifts.skipped"] == 1)
                let afterFaults = try await Self.synced(f)
                #expect(Self.shape(afterFaults) == Self.expected(f))
                #expect(afterFaults.clocked.map { [$0.id, $0.email, "\($0.end)"] } == [
                    ["a1", f.employee.email, "\((Self.today - 86_400 + 17 * Self.hour) * 1000)"], ["a2", f.managerA.email, "-1"], ["a3", "", "\((Self.today - 2 * 86_400 + 10 * Self.hour) * 1000)"],
                ])

                // A clean run changes nothing: same rows, same ids.
                let second = try await Self.sync(f)
                #expect(second.status == "done")
                #expect(try await Self.synced(f) == afterFaults, "a second sync must converge, not duplicate")

                // People: the employee is linked by email; the unknown and the conflict are reported, not merged.
                #expect(try await f.api.call(.get, "/api/employees/\(f.employee.id)", token: f.admin.accessToken).text.contains("\"connecteam\":\"101\""))
                let people = try await f.api.decode(People.self, .get, "/api/connecteam/people", token: f.admin.accessToken).items
                #expect(Set(people.map { "\($0.userId):\($0.state)" }) == ["103:unmatched", "105:unmatched", "104:conflict"])

                // Changes in Connecteam: a shift moved keeps our id; a deleted one and a deleted punch go.
                let s1 = try #require(afterFaults.shifts.first { $0.externalId == "7:s1:101" })
                var shifts = [FakeConnecteam.Shift]()
                shifts.append(.init("s1", start: Self.today + 86_400 + 10 * Self.hour, end: Self.today + 86_400 + 18 * Self.hour, assigned: [101]))
                shifts.append(.init("s2", start: Self.today + 2 * 86_400 + 9 * Self.hour, end: Self.today + 2 * 86_400 + 13 * Self.hour, assigned: [101, 102]))
                fake.set(shifts: [7: shifts], activities: [9: [.init("a1", userId: 101, start: Self.today - 86_400 + 9 * Self.hour, end: Self.today - 86_400 + 17 * Self.hour)]])
                let third = try await Self.sync(f)
                #expect(third.counts["shifts.removed"] == 2 && third.counts["clocked.removed"] == 2, "\(third.counts)")
                let now = try await Self.synced(f)
                #expect(now.shifts.map(\.externalId) == ["7:s1:101", "7:s2:101", "7:s2:102"] && now.clocked.map(\.id) == ["a1"])
                let moved = try #require(now.shifts.first { $0.externalId == "7:s1:101" })
                #expect(moved.id == s1.id && moved.start == (Self.today + 86_400 + 10 * Self.hour) * 1000)

                let runs = try await f.api.decode(Runs.self, .get, "/api/connecteam/runs", token: f.admin.accessToken).items
                #expect(runs.map(\.id) == [third.id, second.id, first.id])
            }
        }
    }

    @Test("a sync stopped part-way (the key refused mid-pass) resumes on the next run without duplicates or gaps",
          arguments: TestEngine.available)
    func resume(engine: TestEngine) async throws {
        let fake = try FakeConnecteam()
        try await fake.serve {
            try await TestApp(settings: try await engine.freshSettings(), configure: Self.configure).test { client in
                let f = try await IdentityFixture.make(client)
                Self.seed(fake, f)
                try await Self.setUp(f, fake)
                // Users: two pages and the empty one; shifts: the first page, then the key is refused.
                fake.inject([.none, .none, .none, .none, .unauthorized])
                let stopped = try await Self.sync(f)
                #expect(stopped.status == "failed" && stopped.errors.last?.contains("refused") == true, "\(stopped.errors)")
                let partial = try await Self.synced(f)
                #expect(partial.shifts.count == 4 && partial.clocked.isEmpty, "the first page of shifts (s1, s2 for two people, s3) was committed")

                let resumed = try await Self.sync(f)
                #expect(resumed.status == "done")
                #expect(Self.shape(try await Self.synced(f)) == Self.expected(f))
                let partialIDs = Dictionary(partial.shifts.map { ($0.externalId, $0.id) }, uniquingKeysWith: { a, _ in a })
                for shift in try await Self.synced(f).shifts where partialIDs[shift.externalId] != nil {
                    #expect(partialIDs[shift.externalId] == shift.id, "a shift written before the stop keeps its row")
                }
                // The users pass had finished before the stop: the next asks only for users changed since.
                let usersAsked = fake.requests.filter { $0.hasPrefix("/users/v1/users") }
                #expect(usersAsked.last?.contains("modifiedAt=") == true && usersAsked.first?.contains("modifiedAt=") == false)
            }
        }
    }

    @Test("only one sync runs at a time across two instances")
    func oneAtATime() async throws {
        guard TestEngine.available.contains(.postgres) else { return }
        let fake = try FakeConnecteam()
        try await fake.serve {
            try await TestApp.twoInstances(time: MutableTime(Date())) { a, b in
                let f = try await IdentityFixture.make(a)
                Self.seed(fake, f)
                try await Self.setUp(f, fake)
                fake.inject([.slow(.milliseconds(1500))])
                async let first = Self.sync(f)
                try await Task.sleep(for: .milliseconds(400))
                let other = try await f.through(b).api.call(.post, "/api/connecteam/sync?wait=true", token: f.admin.accessToken)
                #expect(other.status == .conflict && other.text.contains("connecteam_sync_running"))
                #expect(try await first.status == "done")
                #expect(try await f.through(b).api.decode(Run.self, .post, "/api/connecteam/sync?wait=true", token: f.admin.accessToken).status == "done")
            }
        }
    }

    @Test("settings: each bad field is a 400 naming it; the key is never answered back")
    func settingsInput() async throws {
        try await TestApp(settings: try await TestEngine.sqlite.freshSettings()).test { client in
            let f = try await IdentityFixture.make(client)
            let bad: [(String, [String: Any], String?)] = [
                ("baseURL", ["baseURL": "http://connecteam.example"], nil), ("baseURL", ["baseURL": "ftp://127.0.0.1"], nil),
                ("intervalMinutes", ["intervalMinutes": 0], nil), ("pastDays", ["pastDays": 365], nil),
                ("schedulerIds", ["schedulerIds": [-1]], nil), ("openShiftTeamId", ["openShiftTeamId": "not-an-id"], nil),
                ("apiKey", [:], "has a space"),
            ]
            for (field, settings, key) in bad {
                var body: [String: Any] = ["settings": settings]
                if let key { body["apiKey"] = key }
                let response = try await f.api.call(.put, "/api/connecteam/settings", token: f.admin.accessToken, json: jsonBody(body))
                #expect(response.status == .badRequest && response.text.contains(field), "\(field): \(response.text)")
            }
            #expect(try await f.api.call(.post, "/api/connecteam/sync", token: f.admin.accessToken).text.contains("connecteam_not_configured"))
            _ = try await f.api.call(.put, "/api/connecteam/settings", token: f.admin.accessToken,
                                     json: jsonBody(["settings": [:], "apiKey": "secret-key-abcd"]))
            let read = try await f.api.call(.get, "/api/connecteam/settings", token: f.admin.accessToken).text
            #expect(!read.contains("secret-key") && read.contains("…abcd") && read.contains("\"apiKeySet\":true"))
            _ = try await f.api.call(.put, "/api/connecteam/settings", token: f.admin.accessToken, json: jsonBody(["settings": ["pastDays": 7, "baseURL": "http://127.0.0.1:9"]]))
            #expect(try await f.api.call(.get, "/api/connecteam/settings", token: f.admin.accessToken).text.contains("\"apiKeySet\":true"),
                    "a PUT without apiKey keeps the stored key")
            #expect(try await f.api.call(.post, "/api/connecteam/sync", token: f.admin.accessToken).status == .accepted)
        }
    }

    @Test("time-off requests (approved, pending, denied) become our time off, updated and removed as Connecteam changes",
          arguments: TestEngine.available)
    func timeOff(engine: TestEngine) async throws {
        let fake = try FakeConnecteam()
        @Sendable func day(_ offset: Int64) -> String { LocalCalendar.local(Date(timeIntervalSince1970: Double(Self.today + offset * 86_400)), .gmt).prefix(10).description }
        try await fake.serve {
            try await TestApp(settings: try await engine.freshSettings(), configure: Self.configure).test { client in
                let f = try await IdentityFixture.make(client)
                Self.seed(fake, f)
                fake.set(shifts: [:], activities: [:], timeOff: [
                    .init("r1", userId: 101, startDate: day(1), endDate: day(2)),
                    .init("r2", userId: 101, allDay: false, startDate: day(5), endDate: day(5), startTime: "09:00:00", endTime: "13:30:00", status: "pending"),
                    .init("r3", userId: 102, policyTypeId: "pt-sick", startDate: day(-3), endDate: day(-3), status: "denied"),
                    .init("r4", userId: 103, startDate: day(1), endDate: day(1)),
                ])
                try await Self.setUp(f, fake)
                #expect(try await f.api.call(.put, "/api/connecteam/settings", token: f.admin.accessToken, json: jsonBody([
                    "settings": ["baseURL": fake.baseURL, "syncTimeOff": true, "pastDays": 14, "futureDays": 28]])).status == .ok)
                let first = try await Self.sync(f)
                #expect(first.status == "done" && first.counts["timeOff.written"] == 3 && first.counts["timeOff.skipped"] == 1, "\(first.counts) \(first.errors)")
                let synced = try await Self.synced(f).timeOff
                #expect(synced.map { [$0.externalId, $0.email, $0.status, $0.kind, "\($0.allDay)"] } == [
                    ["r1", f.employee.email, "approved", "vacation", "true"], ["r2", f.employee.email, "pending", "vacation", "false"],
                    ["r3", f.managerA.email, "denied", "sick", "true"],
                ])
                let r2 = try #require(synced.first { $0.externalId == "r2" })
                #expect(r2.start == (Self.today + 5 * 86_400 + 9 * Self.hour) * 1000 && r2.end == (Self.today + 5 * 86_400 + 13 * Self.hour + 1800) * 1000)
                let r1 = try #require(synced.first { $0.externalId == "r1" })
                #expect(r1.start == (Self.today + 86_400) * 1000 && r1.end == (Self.today + 3 * 86_400) * 1000, "two whole days, UTC")

                // r2 approved, r3 gone from Connecteam: the next sync follows, keeping r2's row.
                fake.set(timeOff: [
                    .init("r1", userId: 101, startDate: day(1), endDate: day(2)),
                    .init("r2", userId: 101, allDay: false, startDate: day(5), endDate: day(5), startTime: "09:00:00", endTime: "13:30:00"),
                ])
                let second = try await Self.sync(f)
                #expect(second.counts["timeOff.written"] == 1 && second.counts["timeOff.removed"] == 1, "\(second.counts)")
                let now = try await Self.synced(f).timeOff
                #expect(now.map(\.externalId) == ["r1", "r2"] && now.first { $0.externalId == "r2" }?.status == "approved")
                #expect(now.first { $0.externalId == "r2" }?.id == r2.id)
            }
        }
    }

    @Test("webhooks: the secret path and the signature are checked; a known event asks for a sync, once per requestId")
    func webhooks() async throws {
        let fake = try FakeConnecteam()
        try await fake.serve {
            try await TestApp(settings: try await TestEngine.sqlite.freshSettings(), configure: Self.configure).test { client in
                let f = try await IdentityFixture.make(client)
                Self.seed(fake, f)
                try await Self.setUp(f, fake)
                struct View: Decodable { let webhookPath: String?; let webhookSignatureRequired: Bool }
                let path = try #require(try await f.api.decode(View.self, .get, "/api/connecteam/settings", token: f.admin.accessToken).webhookPath)
                let event = #"{"requestId":"r-1","company":"c-1","eventType":"shift_created","eventTimestamp":1,"data":{"shifts":[]}}"#
                #expect(try await f.api.call(.post, "/api/connecteam/webhook/" + String(repeating: "0", count: 64), json: event).status == .notFound)
                #expect(try await f.api.call(.post, path, json: "[1, 2").status == .badRequest)
                let unknown = try await f.api.call(.post, path, json: #"{"eventType":"form_submitted"}"#)
                #expect(unknown.status == .accepted && unknown.text.contains("\"sync\":false"))
                let known = try await f.api.call(.post, path, json: event)
                #expect(known.status == .accepted && known.text.contains("\"sync\":true"))
                let ran = try await waitUntil(timeout: .seconds(30)) {
                    try await f.api.decode(Runs.self, .get, "/api/connecteam/runs", token: f.admin.accessToken).items
                        .contains { $0.trigger == "webhook" && $0.status == "done" }
                }
                #expect(ran != nil, "the webhook did not start a sync")
                #expect(try await f.api.call(.post, path, json: event).text.contains("\"sync\":false"), "a repeated delivery syncs once")

                // With a signing secret, only signed bodies are taken.
                let secret = "a-signing-secret-of-some-length"
                #expect(try await f.api.call(.put, "/api/connecteam/settings", token: f.admin.accessToken, json: jsonBody([
                    "settings": ["baseURL": fake.baseURL, "schedulerIds": [7]], "webhookSecret": secret])).status == .ok)
                let second = #"{"requestId":"r-2","eventType":"clock_in"}"#
                #expect(try await f.api.call(.post, path, json: second).status == .unauthorized)
                let mac = HMAC<SHA256>.authenticationCode(for: Array(second.utf8), using: SymmetricKey(data: Array(secret.utf8)))
                let signed = try await client.execute(uri: path, method: .post, headers: [
                    .contentType: "application/json", HTTPField.Name("X-Connecteam-Signature")!: mac.map { String(format: "%02x", $0) }.joined(),
                ], body: ByteBuffer(string: second))
                #expect(signed.status == .accepted)

                // A new path: the old one is gone.
                let rotated = try await f.api.decode(View.self, .post, "/api/connecteam/webhook-token", token: f.admin.accessToken)
                #expect(rotated.webhookPath != path && rotated.webhookSignatureRequired)
                #expect(try await f.api.call(.post, path, json: event).status == .notFound)
            }
        }
    }

    @Test("erasing a person linked to Connecteam leaves nothing of them in its tables; the export includes their clocked time")
    func erasure() async throws {
        let fake = try FakeConnecteam()
        try await fake.serve {
            try await TestApp(settings: try await TestEngine.sqlite.freshSettings(), configure: Self.configure).test { client in
                let f = try await IdentityFixture.make(client)
                Self.seed(fake, f)
                try await Self.setUp(f, fake)
                #expect(try await Self.sync(f).status == "done")
                let export = try await f.api.call(.get, "/api/me/export", token: f.employee.accessToken)
                #expect(export.status == .ok && String(buffer: export.body).contains("connecteam/clocked_time.json"))
                #expect(try await f.api.call(.post, "/api/system/erasures", token: f.admin.accessToken, json: jsonBody([
                    "employeeId": f.employee.id, "confirm": f.employee.email, "reason": "left"])).status == .ok)
                for text in [f.employee.id, f.employee.email] {
                    let found = try await f.api.call(.get, "/test/mentions?text=\(text)").text
                    #expect(found == "{}" || found == #"{"erasure_audit.subject_id":1}"#, "left behind: \(found)")
                }
            }
        }
    }
}

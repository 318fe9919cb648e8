import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerHTTP

@Suite("Publishing, visibility and open-shift claims", .timeLimit(.minutes(5)))
struct VisibilityAndClaimTests {
    static let now = t("2026-03-01T12:00:00Z")

    @Test("employees never see drafts; open shifts only with the skill; publish writes the outbox", arguments: TestEngine.available)
    func visibility(engine: TestEngine) async throws {
        let time = MutableTime(Self.now)
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let berlin = try await f.location("Berlin depot", zone: "Europe/Berlin")
            let crane = try await f.skill("Crane")
            let mine = try await f.shift(["teamId": f.teamA, "employeeId": f.employee.id, "locationId": berlin,
                                          "start": "2026-03-02T08:00:00Z", "end": "2026-03-02T16:00:00Z"])
            #expect(mine.timeZone == "Europe/Berlin" && mine.localStart == "2026-03-02T09:00:00+01:00" && mine.localEnd == "2026-03-02T17:00:00+01:00")
            let open = try await f.shift(["teamId": f.teamA, "start": "2026-03-03T08:00:00Z", "end": "2026-03-03T16:00:00Z"])
            let skilled = try await f.shift(["teamId": f.teamA, "skillId": crane, "start": "2026-03-04T08:00:00Z", "end": "2026-03-04T16:00:00Z"])
            let spare = try await f.shift(["teamId": f.teamA, "start": "2026-03-06T08:00:00Z", "end": "2026-03-06T16:00:00Z"])
            let otherTeam = try await f.shift(["teamId": f.teamB, "start": "2026-03-05T08:00:00Z", "end": "2026-03-05T16:00:00Z"])
            let week = "from=2026-03-02&to=2026-03-08"
            #expect(try await f.count("/api/me/schedule?\(week)", token: f.employee.accessToken) == 0, "drafts are invisible to employees")
            #expect(try await f.api.call(.get, "/api/schedule/shifts/\(mine.id)", token: f.employee.accessToken).status == .notFound)
            #expect(try await f.count("/api/schedule?\(week)&teamId=\(f.teamA)", token: f.managerA.accessToken) == 4)
            #expect(try await f.api.call(.get, "/api/schedule?\(week)&teamId=\(f.teamA)", token: f.managerB.accessToken).status == .forbidden)

            let published = try await f.api.decode(PublishBody.self, .post, "/api/schedule/publish", token: f.managerA.accessToken,
                                                   json: jsonBody(["teamId": f.teamA, "from": "2026-03-02", "to": "2026-03-08"]))
            #expect(published.published == 4 && Set(published.shiftIds) == [mine.id, open.id, skilled.id, spare.id])
            _ = otherTeam
            #expect(try await f.api.call(.get, "/test/schedule-outbox").text == "schedule.published \(f.teamA) - 4", "one row per publish; drafts wrote none")
            // Changes to a published shift are notified; the rows are written with the change.
            let moved = try await f.api.decode(ShiftBody.self, .patch, "/api/schedule/shifts/\(mine.id)", token: f.managerA.accessToken,
                                               json: jsonBody(["version": mine.version + 1, "notes": "bring boots"]))
            #expect(try await f.api.call(.delete, "/api/schedule/shifts/\(spare.id)", token: f.managerA.accessToken).status == .noContent)
            let outbox = try await f.api.call(.get, "/test/schedule-outbox").text.split(separator: "\n")
            #expect(outbox.dropFirst().map(String.init) == ["shift.changed \(f.teamA) \(mine.id) 1", "shift.deleted \(f.teamA) \(spare.id) 1"])
            #expect(moved.version == mine.version + 2)
            let seen = try await f.api.decode(ViewBody.self, .get, "/api/me/schedule?\(week)", token: f.employee.accessToken)
            #expect(Set(seen.items.map(\.id)) == [mine.id, open.id], "own shift and the open one without a skill")
            try await f.api.call(.put, "/api/employees/\(f.employee.id)/skills", token: f.managerA.accessToken, json: jsonBody(["skillIds": [crane]]))
            #expect(try await f.count("/api/me/schedule?\(week)", token: f.employee.accessToken) == 3, "and now the crane shift")
            #expect(try await f.count("/api/me/schedule?\(week)", token: f.otherEmployee.accessToken) == 0)
            // Bad ranges.
            #expect(try await f.refusal(.get, "/api/me/schedule?from=2026-03-08&to=2026-03-02", token: f.employee.accessToken).1?.code == "invalid_to")
            #expect(try await f.refusal(.get, "/api/me/schedule?from=2026-01-01&to=2026-12-31", token: f.employee.accessToken).1?.code == "invalid_to")
            #expect(try await f.refusal(.get, "/api/me/schedule?to=2026-12-31", token: f.employee.accessToken).1?.code == "invalid_from")
            #expect(try await f.api.call(.get, "/api/me/schedule?\(week)", token: f.deviceToken).status == .forbidden)
        }
    }

    struct PublishBody: Decodable { let published: Int; let shiftIds: [String] }

    @Test("20 employees claim one open shift at once: exactly one wins", arguments: TestEngine.available)
    func concurrentClaim(engine: TestEngine) async throws {
        let time = MutableTime(Self.now)
        try await TestApp(settings: try await engine.freshSettings { $0.poolMaximum = 8 }, time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let open = try await f.shift(["teamId": f.teamA, "start": "2026-03-03T08:00:00Z", "end": "2026-03-03T16:00:00Z", "status": "published"])
            let claimants = try await Self.employees(f, count: 20)
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for token in claimants {
                    group.addTask { UInt(try await f.api.call(.post, "/api/schedule/shifts/\(open.id)/claim", token: token).status.code) }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.filter { (200..<300).contains($0) }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == 409 }.count == 19, "\(statuses)")
            let after = try await f.api.decode(ShiftBody.self, .get, "/api/schedule/shifts/\(open.id)", token: f.managerA.accessToken)
            #expect(after.employeeId != nil && after.version == 2)
            // The winner cannot claim an overlapping open shift; others cannot claim another team's shift.
            let other = try await f.shift(["teamId": f.teamB, "start": "2026-03-04T08:00:00Z", "end": "2026-03-04T16:00:00Z", "status": "published"])
            #expect(try await f.api.call(.post, "/api/schedule/shifts/\(other.id)/claim", token: claimants[0]).status == .notFound)
        }
    }

    @Test("20 claims through two instances on one PostgreSQL: exactly one wins", .enabled(if: PostgresTestServer.url != nil, "needs POSTGRES_URL"))
    func concurrentClaimTwoInstances() async throws {
        let time = MutableTime(Self.now)
        try await TestApp.twoInstances(poolMaximum: 8, time: time) { clientA, clientB in
            let f = try await IdentityFixture.make(clientA)
            let b = APIClient(clientB)
            let open = try await f.shift(["teamId": f.teamA, "start": "2026-03-03T08:00:00Z", "end": "2026-03-03T16:00:00Z", "status": "published"])
            let claimants = try await Self.employees(f, count: 20)
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for (i, token) in claimants.enumerated() {
                    let api = i % 2 == 0 ? f.api : b
                    group.addTask { UInt(try await api.call(.post, "/api/schedule/shifts/\(open.id)/claim", token: token).status.code) }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.filter { (200..<300).contains($0) }.count == 1 && statuses.filter { $0 == 409 }.count == 19, "\(statuses)")
        }
    }

    /// `count` employees of team A, signed in; their access tokens.
    static func employees(_ f: IdentityFixture, count: Int) async throws -> [String] {
        struct Tokens: Decodable { let accessToken: String }
        var tokens: [String] = []
        let tag = UUID().uuidString.prefix(6).lowercased()
        for i in 0..<count {
            let email = "claimant-\(i)-\(tag)@example.com"
            try await f.api.call(.post, "/api/employees", token: f.admin.accessToken, json: jsonBody([
                "name": "Claimant \(i)", "email": email, "role": "employee", "teamId": f.teamA, "password": IdentityFixture.password,
            ]))
            tokens.append(try await f.api.decode(Tokens.self, .post, "/api/employee/login",
                                                 json: jsonBody(["email": email, "password": IdentityFixture.password])).accessToken)
        }
        return tokens
    }
}

import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing
import TrackerHTTP

struct PersonView: Decodable {
    struct Today: Decodable { let date: String; let points: Int; let productiveMinutes: Int; let goalMinutes: Int; let goalMet: Bool }
    struct Points: Decodable { let today: Int; let week: Int; let month: Int }
    struct Streak: Decodable, Equatable { let current: Int; let longest: Int }
    struct Earned: Decodable { let id: String; let period: String; let awardedOn: String }
    struct Next: Decodable { let id: String; let period: String; let value: Int; let threshold: Int }
    let employeeId: String
    let optedOut: Bool
    let today: Today
    let points: Points
    let streak: Streak
    let badges: [Earned]
    let next: [Next]
}

struct Board: Decodable {
    struct Team: Decodable { let rank: Int; let teamId: String; let participants: Int; let averagePoints: Double }
    struct Person: Decodable { let rank: Int; let employeeId: String; let points: Int }
    struct TeamBoard: Decodable { let teamId: String; let people: [Person] }
    let from: String
    let to: String
    let teams: [Team]
    let individuals: [TeamBoard]
}

struct Ledger: Decodable {
    struct Entry: Decodable { let day: String; let kind: String; let earned: Int; let points: Int }
    let items: [Entry]
}

struct Backlog: Decodable { let queued: Int; let changesPending: Bool }
struct ErrorReply: Decodable { struct Inner: Decodable { let code: String }; let error: Inner }

@Suite("Gamification", .timeLimit(.minutes(4)))
struct GamificationTests {
    /// Sends events `(start, minutes, app)` as one batch with `token`.
    static func send(_ f: IdentityFixture, token: String, _ events: [(String, Double, String)]) async throws {
        let response = try await f.api.call(.post, "/api/activities", token: token, json: jsonBody(["events": events.map { event in
            ["id": UUID().uuidString.lowercased(), "timestamp": event.0, "duration": event.1 * 60, "app": event.2, "title": "work"] as [String: Any]
        }]))
        try #require(response.status == .ok, "ingest refused: \(response.text)")
    }

    static func settle(_ f: IdentityFixture) async throws {
        let settled = try await waitUntil(timeout: .seconds(60), interval: .milliseconds(100)) {
            let backlog = try await f.api.decode(Backlog.self, .get, "/api/gamification/rebuild", token: f.admin.accessToken)
            return backlog.queued == 0 && !backlog.changesPending
        }
        try #require(settled != nil, "gamification scoring did not catch up")
    }

    /// Gamification on (goal 60 minutes), `editor` productive and `games` unproductive, and three days of work:
    /// Monday 2026-03-02 two focus blocks (09:00–09:25 exactly; 10:00–11:30), a block of 24:59 after a game (none),
    /// a healthy break 11:30–11:40 and the goal; Tuesday one block and the goal; Wednesday (today) one block. The
    /// other employee (team B) works three hours on Monday.
    static func scenario(_ f: IdentityFixture) async throws {
        let off = try await f.api.call(.get, "/api/me/gamification", token: f.employee.accessToken)
        #expect(off.status == .conflict && (try? off.json(ErrorReply.self).error.code) == "gamification_off")
        try await f.api.call(.put, "/api/gamification/settings", token: f.admin.accessToken,
                             json: jsonBody(["enabled": true, "individualLeaderboards": true, "defaultGoalMinutes": 60]))
        for (app, category) in [("editor", "productive"), ("games", "unproductive")] {
            try await f.api.call(.post, "/api/rules", token: f.admin.accessToken,
                                 json: jsonBody(["field": "app", "match": "exact", "pattern": app, "category": category]))
        }
        try await send(f, token: f.deviceToken, [
            ("2026-03-02T09:00:00Z", 25, "editor"), ("2026-03-02T09:25:00Z", 1, "games"), ("2026-03-02T09:26:00Z", 24 + 59.0 / 60, "editor"),
            ("2026-03-02T10:00:00Z", 90, "editor"), ("2026-03-02T11:40:00Z", 20, "editor"),
            ("2026-03-03T09:00:00Z", 120, "editor"), ("2026-03-04T09:00:00Z", 30, "editor"),
        ])
        let otherDevice = try await f.enrolDevice(for: f.otherEmployee)
        try await send(f, token: otherDevice, [("2026-03-02T09:00:00Z", 180, "editor")])
        try await settle(f)
    }

    @Test("points from events with a ledger, streak, badges and leaderboards; opting out hides a person from everyone else",
          arguments: TestEngine.available)
    func scoring(engine: TestEngine) async throws {
        let time = MutableTime(t("2026-03-04T18:00:00Z"))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            try await Self.scenario(f)
            let ledger = try await f.api.decode(Ledger.self, .get, "/api/me/gamification/ledger?from=2026-03-02&to=2026-03-02",
                                                token: f.employee.accessToken)
            #expect(ledger.items.map(\.kind) == ["focus_block", "healthy_break", "focus_block", "daily_goal"])
            #expect(ledger.items.map(\.points) == [10, 5, 10, 20])

            let mine = try await f.api.decode(PersonView.self, .get, "/api/me/gamification", token: f.employee.accessToken)
            #expect(mine.today.date == "2026-03-04" && mine.today.points == 10 && mine.today.productiveMinutes == 30 && !mine.today.goalMet)
            #expect(mine.points.week == 45 + 30 + 10 && mine.points.month == 85)
            #expect(mine.streak == .init(current: 2, longest: 2), "Monday and Tuesday; today has not ended")
            #expect(mine.badges.map(\.id) == ["first_focus"] && mine.badges.first?.awardedOn == "2026-03-02")
            #expect(mine.next.contains { $0.id == "deep_week" && $0.period == "2026-W10" && $0.value == 4 && $0.threshold == 10 })

            // The manager of team A sees their person; the manager of team B does not.
            let managed = try await f.api.decode(PersonView.self, .get, "/api/gamification/people/\(f.employee.id)", token: f.managerA.accessToken)
            #expect(managed.points.week == 85)
            #expect(try await f.api.call(.get, "/api/gamification/people/\(f.employee.id)", token: f.managerB.accessToken).status == .forbidden)

            // Team averages over participants (team A: the employee and its manager; team B: the other and theirs).
            let board = try await f.api.decode(Board.self, .get, "/api/gamification/leaderboard?period=week&date=2026-03-04", token: f.employee.accessToken)
            #expect(board.from == "2026-03-02" && board.to == "2026-03-08")
            #expect(board.teams.map(\.teamId) == [f.teamA, f.teamB] && board.teams.map(\.averagePoints) == [42.5, 15])
            #expect(board.teams.map(\.rank) == [1, 2])
            #expect(board.individuals.map(\.teamId) == [f.teamA], "an employee sees their own team's board only")
            #expect(board.individuals.first?.people.map(\.employeeId) == [f.employee.id, f.managerA.id])

            // Opting out: gone from every board and average, hidden from the manager; still shown to the person.
            let optedOut = try await f.api.decode(PersonView.self, .put, "/api/me/gamification", token: f.employee.accessToken,
                                                  json: jsonBody(["optedOut": true]))
            #expect(optedOut.optedOut && optedOut.points.week == 85)
            let hidden = try await f.api.call(.get, "/api/gamification/people/\(f.employee.id)", token: f.managerA.accessToken)
            #expect(hidden.status == .notFound && (try? hidden.json(ErrorReply.self).error.code) == "not_participating")
            #expect(try await f.api.call(.get, "/api/gamification/people/\(f.employee.id)", token: f.admin.accessToken).status == .notFound)
            for token in [f.admin.accessToken, f.managerA.accessToken, f.otherEmployee.accessToken] {
                let after = try await f.api.decode(Board.self, .get, "/api/gamification/leaderboard?period=week&date=2026-03-04", token: token)
                #expect(after.teams.map(\.teamId) == [f.teamB, f.teamA] && after.teams.map(\.averagePoints) == [15, 0])
                #expect(after.teams.first { $0.teamId == f.teamA }?.participants == 1)
                #expect(!after.individuals.flatMap(\.people).contains { $0.employeeId == f.employee.id })
            }
            // Individual boards off: teams only.
            try await f.api.call(.put, "/api/gamification/settings", token: f.admin.accessToken, json: jsonBody(["individualLeaderboards": false]))
            let teamsOnly = try await f.api.decode(Board.self, .get, "/api/gamification/leaderboard?period=month", token: f.admin.accessToken)
            #expect(teamsOnly.individuals.isEmpty && teamsOnly.teams.count == 2)
        }
    }

    @Test("a rebuild from events, rollups and shifts gives exactly the same ledger, day totals and badges", arguments: TestEngine.available)
    func rebuild(engine: TestEngine) async throws {
        let time = MutableTime(t("2026-03-04T18:00:00Z"))
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            // A published shift on Tuesday from 09:00, started on time: 5 more points.
            struct Shift: Decodable { let id: String }
            let shift = try await f.api.decode(Shift.self, .post, "/api/schedule/shifts", token: f.managerA.accessToken, json: jsonBody([
                "teamId": f.teamA, "employeeId": f.employee.id, "start": "2026-03-03T09:00:00Z", "end": "2026-03-03T11:00:00Z",
            ]), expect: .created)
            try await f.api.call(.post, "/api/schedule/publish", token: f.managerA.accessToken,
                                 json: jsonBody(["teamId": f.teamA, "from": "2026-03-03", "to": "2026-03-03"]))
            try await Self.scenario(f)
            let tuesday = try await f.api.decode(Ledger.self, .get, "/api/me/gamification/ledger?from=2026-03-03", token: f.employee.accessToken)
            #expect(tuesday.items.map(\.kind) == ["on_time_start", "focus_block", "daily_goal"], "shift \(shift.id)")
            let kept = try await f.api.call(.get, "/test/gamification").text
            #expect(kept.split(separator: "\n").count > 10, "the scenario scored something: \(kept)")
            try await f.api.call(.delete, "/test/gamification")
            #expect(try await f.api.call(.get, "/test/gamification").text.isEmpty)
            struct Queued: Decodable { let queued: Int }
            let queued = try await f.api.decode(Queued.self, .post, "/api/gamification/rebuild", token: f.admin.accessToken,
                                                json: jsonBody(["from": "2026-03-01", "to": "2026-03-04"]), expect: .accepted)
            #expect(queued.queued == 4 * 5, "four days of five active people")
            try await Self.settle(f)
            #expect(try await f.api.call(.get, "/test/gamification").text == kept)
        }
    }

    @Test("bad input is a 400 naming the field; settings are for administrators", arguments: TestEngine.available)
    func badInput(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings()).test { client in
            let f = try await IdentityFixture.make(client)
            func code(_ method: HTTPRequest.Method, _ path: String, _ token: String, _ json: String? = nil) async throws -> String? {
                try? await f.api.call(method, path, token: token, json: json).json(ErrorReply.self).error.code
            }
            #expect(try await code(.put, "/api/gamification/settings", f.admin.accessToken, jsonBody(["dailyCap": -1])) == "invalid_dailyCap")
            #expect(try await code(.put, "/api/gamification/settings", f.admin.accessToken, jsonBody(["defaultGoalMinutes": 5])) == "invalid_defaultGoalMinutes")
            #expect(try await code(.put, "/api/gamification/settings", f.managerA.accessToken, jsonBody(["enabled": true])) == "forbidden")
            try await f.api.call(.put, "/api/gamification/settings", token: f.admin.accessToken, json: jsonBody(["enabled": true]))
            #expect(try await code(.put, "/api/me/gamification", f.employee.accessToken, jsonBody(["goalMinutes": 100_000])) == "invalid_goalMinutes")
            #expect(try await code(.get, "/api/gamification/leaderboard?period=year", f.employee.accessToken) == "invalid_period")
            #expect(try await code(.get, "/api/gamification/leaderboard?date=2026-13-01", f.employee.accessToken) == "invalid_date")
            #expect(try await code(.get, "/api/me/gamification/ledger", f.employee.accessToken) == "invalid_from")
            #expect(try await code(.get, "/api/me/gamification/ledger?from=2026-01-01&to=2026-12-31", f.employee.accessToken) != nil)
            #expect(try await code(.post, "/api/gamification/rebuild", f.admin.accessToken, jsonBody(["from": "2020-01-01", "to": "2026-01-01"])) != nil)
        }
    }
}

func t(_ text: String) -> Date { RFC3339.parse(text)! }

import DemoData
import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP

@Suite("Demo data")
struct DemoGeneratorTests {
    struct Status: Decodable { let events: Int; let idlePeriods: Int; let staleHours: Int; let pendingJobs: Int }
    struct Login: Decodable { let accessToken: String }
    struct Teams: Decodable { struct Team: Decodable { let id: String; let name: String; let managerIds: [String] }; let items: [Team] }
    struct Dashboard: Decodable {
        struct Totals: Decodable { let activeSeconds: Double; let idleSeconds: Double; let score: Score }
        struct Score: Decodable { let score: Double?; let productiveSeconds: Double; let unproductiveSeconds: Double }
        struct App: Decodable { let app: String }
        let totals: Totals
        let topApps: [App]
    }

    static let now = RFC3339.parse("2026-11-18T15:30:00Z")!

    @Test("serve --demo fills an empty database through ingest: every planned event stored, rules applied, once", arguments: TestEngine.available)
    func firstRun(engine: TestEngine) async throws {
        // Generation runs before the server starts; under the whole suite's load a 2 s acquire deadline can end it
        // half-way (a later start then finds people and leaves the database alone). This test is about the data.
        let settings = try await engine.freshSettings { $0.acquireTimeout = .seconds(30) }
        let app = TestApp(settings: settings, time: .fixed(Self.now), configure: { config in
            config.demoOnFirstRun = true
            config.demoEmployees = 7
            config.demoDays = 4
        })
        let expected = DemoPlan(.init(employees: 7, days: 4)).expectedCounts(until: Self.now)
        #expect(expected.events > 1_000)
        try await app.test { client in
            let api = APIClient(client)
            let admin = try await api.decode(Login.self, .post, "/api/admin/login",
                                             json: jsonBody(["email": DemoGenerator.adminEmail, "password": DemoGenerator.password])).accessToken
            let status = try await api.decode(Status.self, .get, "/api/cache/status", token: admin)
            #expect(status.events == expected.events && status.idlePeriods == expected.idlePeriods)
            #expect(status.staleHours == 0 && status.pendingJobs == 0)

            let teams = try await api.decode(Teams.self, .get, "/api/teams", token: admin).items
            #expect(teams.map(\.name).sorted() == ["Engineering", "Sales", "Support"])
            #expect(teams.allSatisfy { $0.managerIds.count == 1 })
            let engineering = try #require(teams.first { $0.name == "Engineering" })
            let manager = try await api.decode(Login.self, .post, "/api/employee/login",
                                               json: jsonBody(["email": "manager.engineering@demo.example", "password": DemoGenerator.password])).accessToken
            let board = try await api.decode(Dashboard.self, .get,
                                             "/api/dashboard?scope=team&id=\(engineering.id)&period=custom&date=2026-11-15&to=2026-11-18", token: manager)
            // Four days of a team at work, scored by the demo rules: mostly productive, some distraction.
            #expect(board.totals.activeSeconds > 3 * 4 * 3600)
            #expect(board.totals.idleSeconds > 0)
            let topApp = try #require(board.topApps.first?.app)
            #expect(["Xcode", "Visual Studio Code", "Terminal"].contains(topApp))
            let score = try #require(board.totals.score.score)
            #expect(score > 50 && score < 95 && board.totals.score.unproductiveSeconds > 0)

            // The published schedule, which people mostly follow: attendance has something to show at once.
            struct Attendance: Decodable {
                struct Row: Decodable { let status: String }
                struct Day: Decodable { let scheduledMinutes: Int; let trackedMinutes: Int }
                let shifts: [Row]; let days: [Day]
            }
            let attendance = try await api.decode(Attendance.self, .get,
                                                  "/api/schedule/attendance?from=2026-11-16&to=2026-11-18&teamId=\(engineering.id)", token: manager)
            #expect(attendance.shifts.count >= 6, "three people × Monday to Wednesday, today's included once started")
            // Most arrive on time (late starters on the 09:00 shift do not); leaving varies from day to day.
            #expect(attendance.shifts.filter { !["late", "absent"].contains($0.status) }.count * 2 >= attendance.shifts.count,
                    "\(attendance.shifts.map(\.status))")
            #expect(Set(attendance.shifts.map(\.status)).count >= 2, "a mix, not one status for everyone")
            #expect(attendance.days.contains { $0.scheduledMinutes > 0 && $0.trackedMinutes > 0 })
            struct View: Decodable { struct Item: Decodable { let id: String; let employeeId: String? }; let items: [Item] }
            let nextWeek = try await api.decode(View.self, .get, "/api/schedule?from=2026-11-19&to=2026-11-25&teamId=\(engineering.id)", token: manager)
            #expect(nextWeek.items.contains { $0.employeeId == nil } && nextWeek.items.contains { $0.employeeId != nil })
            // The open shifts are on the weekend, so a member of the team (working weekdays) can claim one.
            struct Person: Decodable { let id: String; let email: String; let role: String }
            struct People: Decodable { let items: [Person] }
            let member = try #require(try await api.decode(People.self, .get, "/api/employees?teamId=\(engineering.id)", token: admin).items.first { $0.role == "employee" })
            let memberToken = try await api.decode(Login.self, .post, "/api/employee/login",
                                                   json: jsonBody(["email": member.email, "password": DemoGenerator.password])).accessToken
            let open = try #require(nextWeek.items.first { $0.employeeId == nil })
            let claim = try await api.call(.post, "/api/schedule/shifts/\(open.id)/claim", token: memberToken)
            #expect(claim.status == .ok, "\(String(buffer: claim.body))")

            // Gamification is on, scored from the generated days: every team on the board, with points.
            struct Backlog: Decodable { let queued: Int; let changesPending: Bool }
            let scored = try await waitUntil(timeout: .seconds(90), interval: .milliseconds(200)) {
                let backlog = try await api.decode(Backlog.self, .get, "/api/gamification/rebuild", token: admin)
                return backlog.queued == 0 && !backlog.changesPending
            }
            try #require(scored != nil, "the demo's days were not scored")
            struct Board: Decodable { struct Team: Decodable { let name: String; let averagePoints: Double }; let teams: [Team]; let individuals: [Individual]
                                      struct Individual: Decodable { let people: [Person] }; struct Person: Decodable { let points: Int } }
            let leaderboard = try await api.decode(Board.self, .get, "/api/gamification/leaderboard?period=week&date=2026-11-16", token: manager)
            #expect(leaderboard.teams.count == 3 && leaderboard.teams.allSatisfy { $0.averagePoints > 0 }, "\(leaderboard.teams.map(\.name))")
            #expect(leaderboard.individuals.count == 1 && leaderboard.individuals[0].people.contains { $0.points > 0 })
        }
        // A second start finds people and generates nothing.
        try await app.test { client in
            let api = APIClient(client)
            let admin = try await api.decode(Login.self, .post, "/api/admin/login",
                                             json: jsonBody(["email": DemoGenerator.adminEmail, "password": DemoGenerator.password])).accessToken
            #expect(try await api.decode(Status.self, .get, "/api/cache/status", token: admin).events == expected.events)
        }
    }

    @Test("serve --demo leaves a database with people in it alone", arguments: TestEngine.available)
    func notOnUsedDatabase(engine: TestEngine) async throws {
        let settings = try await engine.freshSettings()
        try await TestApp(settings: settings).test { client in _ = try await IdentityFixture.make(client) }
        try await TestApp(settings: settings, configure: { $0.demoOnFirstRun = true; $0.demoEmployees = 3; $0.demoDays = 1 }).test { client in
            let response = try await APIClient(client).call(.post, "/api/admin/login",
                                                            json: jsonBody(["email": DemoGenerator.adminEmail, "password": DemoGenerator.password]))
            #expect(response.status == .unauthorized)
        }
    }
}

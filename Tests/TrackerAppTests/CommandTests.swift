import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport
import Testing
import TrackerApp
import TrackerEngines

@Suite("Commands: migrate, doctor and demo")
struct CommandTests {
    @Test("migrate applies pending migrations, says what it applied, and then that nothing is pending")
    func migrate() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pt-migrate-\(UUID().uuidString)/t.sqlite").path
        let first = try ServerProcess(arguments: ["migrate"], environment: ["TRACKER_SQLITE_PATH": path, "TRACKER_LOG_LEVEL": "error"])
        try first.start()
        #expect(await first.waitForExit(timeout: .seconds(30)) == 0)
        #expect(first.stdout.contains("applied 1 organization_settings"))
        #expect(first.stdout.contains("applied 3 activity"))
        let second = try ServerProcess(arguments: ["migrate"], environment: ["TRACKER_SQLITE_PATH": path, "TRACKER_LOG_LEVEL": "error"])
        try second.start()
        #expect(await second.waitForExit(timeout: .seconds(30)) == 0)
        #expect(second.stdout.contains("up to date"))
    }

    @Test("demo generates an organisation with progress, prints sign-ins, refuses a second one and bad sizes")
    func demo() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pt-demo-\(UUID().uuidString)/t.sqlite").path
        let environment = ["TRACKER_SQLITE_PATH": path, "TRACKER_LOG_LEVEL": "error", "TRACKER_BCRYPT_COST": "4"]
        let run = try ServerProcess(arguments: ["demo", "--employees", "5", "--days", "2", "--seed", "3"], environment: environment)
        try run.start()
        #expect(await run.waitForExit(timeout: .seconds(120)) == 0)
        #expect(run.stdout.contains("Generated 5 people in 3 teams: "))
        #expect(run.stdout.contains("admin@demo.example") && run.stdout.contains("manager.engineering@demo.example"))
        // Not a terminal: one progress line per 10 %, ending at 100 %.
        let progress = (try? String(contentsOf: run.stderrURL, encoding: .utf8)) ?? ""
        #expect(progress.contains("100% 10/10 person-days"), "\(progress)")

        let again = try ServerProcess(arguments: ["demo", "--employees", "5", "--days", "2"], environment: environment)
        try again.start()
        #expect(await again.waitForExit(timeout: .seconds(60)) == 0)
        #expect(again.stdout.contains("already exists"))

        let bad = try ServerProcess(arguments: ["demo", "--employees", "0"], environment: environment)
        try bad.start()
        #expect(await bad.waitForExit(timeout: .seconds(30)) != 0)
        #expect(((try? String(contentsOf: bad.stderrURL, encoding: .utf8)) ?? "").contains("--employees must be 1…20000"))
    }

    @Test("fake-connecteam serves the demo company's users behind its key, prints how to connect, and stops on SIGTERM")
    func fakeConnecteam() async throws {
        let port = try freePort()
        let run = try ServerProcess(arguments: ["fake-connecteam", "--port", "\(port)", "--employees", "5", "--api-key", "try-it-key-123"],
                                    environment: [:])
        try run.start()
        #expect(await waitUntil(timeout: .seconds(30)) { portAcceptsConnections(port) } != nil)
        func get(_ key: String) async throws -> (Int, String) {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/users/v1/users?limit=500")!)
            request.setValue(key, forHTTPHeaderField: "X-API-KEY")
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        }
        let (status, body) = try await get("try-it-key-123")
        #expect(status == 200 && body.contains("@demo.example") && body.contains("casey@contractor.example"))
        #expect(body.components(separatedBy: "\"userId\"").count - 1 == 7, "five demo people and two strangers")
        #expect(try await get("wrong-key").0 == 401)
        run.signal(SIGTERM)
        #expect(await run.waitForExit(timeout: .seconds(20)) == 0)
        #expect(run.stdout.contains("\"baseURL\":\"http://127.0.0.1:\(port)\""))
        let bad = try ServerProcess(arguments: ["fake-connecteam", "--port", "0"], environment: [:])
        try bad.start()
        #expect(await bad.waitForExit(timeout: .seconds(20)) != 0)
    }

    @Test("doctor reports the budget, and fails when it is exceeded or the database is unreachable",
          .enabled(if: PostgresTestServer.url != nil, "needs POSTGRES_URL"))
    func doctor() async throws {
        var config = AppConfiguration(database: try await TestEngine.postgres.freshSettings { $0.poolMaximum = 10; $0.instances = 2 })
        config.logLevel = .error
        let fine = await DoctorReport.run(config: config, logger: .test)
        #expect(fine.healthy)
        let text = fine.lines.joined(separator: "\n")
        // scripts/postgres starts the test cluster with max_connections 600.
        #expect(text.contains("max_connections                600"))
        #expect(text.contains("2 instance(s) × 10 = 20 ≤ max_connections 600"))
        #expect(text.contains("DATABASE_URL") && !text.contains("password="))

        config.database.instances = 70
        let over = await DoctorReport.run(config: config, logger: .test)
        #expect(!over.healthy)
        #expect(over.lines.contains { $0.contains("OVER BUDGET") })

        let upstream = try PostgresTestServer.target()
        let proxy = try await TCPFaultProxy.start(upstreamHost: upstream.host, upstreamPort: upstream.port, up: false)
        guard case .postgres(var target) = config.database.target else { return }
        target.port = proxy.port
        config.database.target = .postgres(target)
        config.database.connectTimeout = .seconds(1)
        config.database.acquireTimeout = .seconds(1)
        let down = await DoctorReport.run(config: config, logger: .test)
        #expect(!down.healthy)
        #expect(down.lines.contains { $0.contains("UNREACHABLE") })
    }
}

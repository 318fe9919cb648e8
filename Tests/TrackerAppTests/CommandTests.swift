import Foundation
import TestSupport
import Testing
import TrackerApp
import TrackerEngines

@Suite("Commands: migrate and doctor")
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

    @Test("doctor reports the budget, and fails when it is exceeded or the database is unreachable",
          .enabled(if: PostgresTestServer.url != nil, "needs POSTGRES_URL"))
    func doctor() async throws {
        var config = AppConfiguration(database: try await TestEngine.postgres.freshSettings { $0.poolMaximum = 10; $0.instances = 2 })
        config.logLevel = .error
        let fine = await DoctorReport.run(config: config, logger: .test)
        #expect(fine.healthy)
        let text = fine.lines.joined(separator: "\n")
        #expect(text.contains("max_connections                300"))
        #expect(text.contains("2 instance(s) × 10 = 20 ≤ max_connections 300"))
        #expect(text.contains("DATABASE_URL") && !text.contains("password="))

        config.database.instances = 40
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

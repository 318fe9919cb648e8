import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerEngines

@Suite("The real server process")
struct ServerProcessTests {
    private func environment(for engine: TestEngine, port: Int) async throws -> (env: [String: String], appName: String) {
        let settings = try await engine.freshSettings()
        var env = ["TRACKER_PORT": String(port), "DB_APPLICATION_NAME": settings.applicationName, "TRACKER_LOG_LEVEL": "info"]
        switch settings.target {
        case .sqlite(let path): env["TRACKER_SQLITE_PATH"] = path
        case .postgres(let target):
            let schema = target.startupParameters["search_path"] ?? "public"
            env["DATABASE_URL"] = PostgresTestServer.url!.replacingOccurrences(of: "?", with: "?search_path=\(schema)&")
            env["TRACKER_MIGRATE_ON_START"] = "true"
            env["TRACKER_JWT_SECRET"] = String(repeating: "k", count: 40)
        }
        return (env, settings.applicationName)
    }

    @Test("SIGTERM stops the server cleanly and leaves no connection open", arguments: TestEngine.available)
    func sigterm(engine: TestEngine) async throws {
        let port = try freePort()
        let (env, appName) = try await environment(for: engine, port: port)
        let server = try ServerProcess(arguments: ["serve"], environment: env)
        try server.start()
        let up = await waitUntil(timeout: .seconds(90)) { portAcceptsConnections(port) }
        if up == nil { server.signal(SIGKILL) }  // no orphaned server behind a failed test
        try #require(up != nil, "server did not start: \(server.stderr)\(server.stdout)")

        let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(10)), eventLoopGroupProvider: .createNew)
        client.connect()
        let ready = try await client.get("/health/ready")
        #expect(ready.head.status == .ok)
        try? await client.shutdown()
        if engine == .postgres {
            #expect(try await PostgresTestServer.connectionCount(applicationName: appName) >= 1)
        }

        server.signal(SIGTERM)
        let status = await server.waitForExit(timeout: .seconds(15))
        #expect(status == 0, "exit status \(String(describing: status)); log: \(server.stdout)\(server.stderr)")
        #expect((server.stdout + server.stderr).contains("stopped"))
        if engine == .postgres {
            #expect(try await PostgresTestServer.connectionCount(applicationName: appName) == 0)
        }
    }
}

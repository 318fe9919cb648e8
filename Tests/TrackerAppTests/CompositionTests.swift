import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerApp

@Suite("Composition root")
struct CompositionTests {
    @Test("building the application creates the pool exactly once, whatever routes are used", arguments: TestEngine.available)
    func onePool(engine: TestEngine) async throws {
        let app = TestApp(settings: try await engine.freshSettings(), extraRoutes: TestRoutes.all)
        try await app.test { client in
            for path in ["/health/live", "/health/ready", "/metrics", "/test/db", "/test/hold?ms=1", "/nope"] {
                _ = try await client.execute(uri: path, method: .get)
            }
        }
        #expect(app.poolsCreated.value == 1)
    }

    @Test("PostgreSQL: starting the server opens no connection when the pool minimum is 0", .enabled(if: PostgresTestServer.url != nil, "needs POSTGRES_URL"))
    func noConnectionsAtStart() async throws {
        let settings = try await TestEngine.postgres.freshSettings()
        let app = TestApp(settings: settings, extraRoutes: TestRoutes.all) { $0.migrateOnStart = false }
        try await app.test { client in
            let live = try await client.execute(uri: "/health/live", method: .get)
            #expect(live.status == .ok)
            #expect(try await PostgresTestServer.connectionCount(applicationName: settings.applicationName) == 0)
            let db = try await client.execute(uri: "/test/db", method: .get)
            #expect(db.status == .ok)
            #expect(try await PostgresTestServer.connectionCount(applicationName: settings.applicationName) == 1)
        }
    }
}

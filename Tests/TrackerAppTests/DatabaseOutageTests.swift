import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerApp
import TrackerEngines
import TrackerHTTP

/// PostgreSQL outages, reproduced with a TCP proxy in front of the test server: down = nothing listens
/// (connection refused) and every open connection drops; up = the same address accepts again.
@Suite("Database outages", .serialized, .enabled(if: PostgresTestServer.url != nil, "needs POSTGRES_URL"))
struct DatabaseOutageTests {
    private func settings(through proxy: TCPFaultProxy) async throws -> DatabaseSettings {
        try await TestEngine.postgres.freshSettings {
            guard case .postgres(var target) = $0.target else { return }
            target.port = proxy.port
            $0.target = .postgres(target)
            $0.acquireTimeout = .seconds(1)
            $0.connectTimeout = .seconds(1)
        }
    }

    @Test("the server starts with PostgreSQL down, answers 503 in time, and turns ready without a restart")
    func startsDownThenRecovers() async throws {
        let upstream = try PostgresTestServer.target()
        let proxy = try await TCPFaultProxy.start(upstreamHost: upstream.host, upstreamPort: upstream.port, up: false)
        let app = TestApp(settings: try await settings(through: proxy), extraRoutes: TestRoutes.all) { $0.migrateOnStart = true }
        try await app.test { client in
            #expect(try await client.execute(uri: "/health/live", method: .get).status == .ok)

            var start = ContinuousClock.now
            let ready = try await client.execute(uri: "/health/ready", method: .get)
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.headers[.retryAfter] != nil)
            #expect(try ready.json(ErrorBody.self).error.code == "database_unavailable")
            #expect((ContinuousClock.now - start).secondsDouble < 2.5)

            start = ContinuousClock.now
            let route = try await client.execute(uri: "/test/db", method: .get)
            #expect(route.status == .serviceUnavailable)
            #expect(route.headers[.retryAfter] != nil)
            #expect((ContinuousClock.now - start).secondsDouble < 2.5, "503 must come within the acquire timeout")

            try await proxy.bringUp()
            let recovery = try await waitUntil(timeout: .seconds(60), interval: .milliseconds(200)) {
                try await client.execute(uri: "/health/ready", method: .get).status == .ok
            }
            #expect(recovery != nil, "not ready 60 s after PostgreSQL came back (the recovery time itself is measured by scripts/outage-recovery)")
            #expect(try await client.execute(uri: "/test/db", method: .get).status == .ok)
            // Migrations deferred at start-up were applied once the database came back.
            let body = try await client.execute(uri: "/health/ready", method: .get).text
            #expect(body.contains("\"migrations\":\"current\""))
        }
        await proxy.takeDown()
    }

    @Test("a running server survives an outage: 503 while down, serving again after")
    func outageWhileRunning() async throws {
        let upstream = try PostgresTestServer.target()
        let proxy = try await TCPFaultProxy.start(upstreamHost: upstream.host, upstreamPort: upstream.port)
        let app = TestApp(settings: try await settings(through: proxy), extraRoutes: TestRoutes.all)
        try await app.test { client in
            #expect(try await client.execute(uri: "/test/db", method: .get).status == .ok)
            await proxy.takeDown()
            // Requests in flight or new ones fail as 503, never 500 and never a hang.
            for _ in 0..<3 {
                let start = ContinuousClock.now
                let response = try await client.execute(uri: "/test/db", method: .get)
                #expect(response.status == .serviceUnavailable)
                #expect((ContinuousClock.now - start).secondsDouble < 2.5)
            }
            #expect(try await client.execute(uri: "/health/live", method: .get).status == .ok)
            try await proxy.bringUp()
            let recovery = try await waitUntil(timeout: .seconds(60), interval: .milliseconds(200)) {
                try await client.execute(uri: "/test/db", method: .get).status == .ok
            }
            #expect(recovery != nil)
            let metrics = try await client.execute(uri: "/metrics", method: .get).text
            #expect(!metrics.contains("tracker_db_pool_connect_failures{engine=\"postgres\"} 0"),
                    "connect failures during the outage were not counted")
        }
        await proxy.takeDown()
    }
}

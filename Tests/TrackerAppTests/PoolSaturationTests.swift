import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerApp
import TrackerHTTP

@Suite("Pool saturation and limits")
struct PoolSaturationTests {
    @Test("a request that cannot get a connection gets 503 + Retry-After after the acquire timeout", arguments: TestEngine.available)
    func acquireTimeout(engine: TestEngine) async throws {
        let settings = try await engine.freshSettings {
            $0.poolMaximum = 2
            $0.acquireTimeout = .milliseconds(600)
        }
        // Background workers wake every 30 s and would take one of the two connections at a random moment.
        let app = TestApp(settings: settings, extraRoutes: TestRoutes.all) { $0.runWorkers = false }
        try await app.test { client in
            // Migrations done, pool warm (under a loaded machine the first probes may themselves time out).
            let ready = try await waitUntil(timeout: .seconds(60)) { try await client.execute(uri: "/health/ready", method: .get).status == .ok }
            try #require(ready != nil)
            try await Self.warm(client, connections: 2)
            let timeoutsBefore = try await Self.acquireTimeouts(client, engine: engine)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        let held = try await client.execute(uri: "/test/hold?ms=2500", method: .get)
                        #expect(held.status == .ok)
                    }
                }
                try await Task.sleep(for: .milliseconds(400))  // both connections now held
                let start = ContinuousClock.now
                let response = try await client.execute(uri: "/test/db", method: .get)
                let elapsed = (ContinuousClock.now - start).secondsDouble
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] != nil)
                let body = try response.json(ErrorBody.self)
                #expect(body.error.code == "database_unavailable")
                #expect(elapsed >= 0.55, "gave up before the acquire timeout: \(elapsed)s")
                // Before the holders let go at 2.5 s (a loaded machine adds scheduling delay to the 0.6 s).
                #expect(elapsed < 2.3, "gave up long after the acquire timeout: \(elapsed)s")
                try await group.waitForAll()
            }
            // The pool recovers as soon as the holders let go.
            let after = try await client.execute(uri: "/test/db", method: .get)
            #expect(after.status == .ok)
            let timeoutsAfter = try await Self.acquireTimeouts(client, engine: engine)
            // At least this request's; a background service's query may have timed out in the same window.
            #expect(timeoutsAfter >= timeoutsBefore + 1)
        }
    }

    /// `tracker_db_pool_acquire_timeouts` from `/metrics` (0 before the first timeout creates the series).
    static func acquireTimeouts(_ client: any TestClientProtocol, engine: TestEngine) async throws -> Int {
        try await counter("tracker_db_pool_acquire_timeouts", client, engine: engine)
    }

    /// Opens `connections` connections and leaves them idle in the pool, so the test's own requests lease at once:
    /// on a loaded machine opening one can take longer than the short acquire timeouts these tests use.
    static func warm(_ client: any TestClientProtocol, connections: Int) async throws {
        let warmed = try await waitUntil(timeout: .seconds(60)) {
            try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<connections { group.addTask { try await client.execute(uri: "/test/hold?ms=300", method: .get).status == .ok } }
                return try await group.reduce(true) { $0 && $1 }
            }
        }
        try #require(warmed != nil, "the pool never held \(connections) connections at once")
    }

    /// A pool counter from `/metrics` (0 before its first increment creates the series).
    static func counter(_ name: String, _ client: any TestClientProtocol, engine: TestEngine) async throws -> Int {
        let metrics = try await client.execute(uri: "/metrics", method: .get).text
        let prefix = "\(name){engine=\"\(engine.rawValue)\"} "
        guard let line = metrics.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return 0 }
        return Int(line.dropFirst(prefix.count)) ?? -1
    }

    @Test("with the waiting bound full, a request is rejected at once", arguments: TestEngine.available)
    func waitingBound(engine: TestEngine) async throws {
        let settings = try await engine.freshSettings {
            $0.poolMaximum = 1
            $0.maxWaiters = 1
            $0.acquireTimeout = .seconds(3)
        }
        let app = TestApp(settings: settings, extraRoutes: TestRoutes.all) { $0.runWorkers = false }
        try await app.test { client in
            // Start-up done (migrations, first-run checks): nothing else of the server's uses the one connection.
            let ready = try await waitUntil(timeout: .seconds(60)) { try await client.execute(uri: "/health/ready", method: .get).status == .ok }
            try #require(ready != nil)
            try await Self.warm(client, connections: 1)
            // Probes turned away while start-up held the one connection count too: compare with the count now.
            let rejectedBefore = try await Self.counter("tracker_db_pool_rejected_waiters", client, engine: engine)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { _ = try await client.execute(uri: "/test/hold?ms=1500", method: .get) }
                try await Task.sleep(for: .milliseconds(300))
                group.addTask { _ = try await client.execute(uri: "/test/db", method: .get) }  // the one waiter
                try await Task.sleep(for: .milliseconds(300))
                let start = ContinuousClock.now
                let response = try await client.execute(uri: "/test/db", method: .get)
                let elapsed = (ContinuousClock.now - start).secondsDouble
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] != nil)
                #expect(elapsed < 0.3, "rejection should be immediate, took \(elapsed)s")
                try await group.waitForAll()
            }
            let rejectedAfter = try await Self.counter("tracker_db_pool_rejected_waiters", client, engine: engine)
            #expect(rejectedAfter == rejectedBefore + 1)
        }
    }

    @Test("PostgreSQL: 200 concurrent requests with pool maximum 4 never hold more than 4 connections", .enabled(if: PostgresTestServer.url != nil, "needs POSTGRES_URL"))
    func concurrencyBound() async throws {
        let settings = try await TestEngine.postgres.freshSettings { $0.poolMaximum = 4 }
        let app = TestApp(settings: settings, extraRoutes: TestRoutes.all)
        let appName = settings.applicationName
        try await app.test { client in
            _ = try await client.execute(uri: "/health/ready", method: .get)
            let sampling = Task {
                var peak = 0
                while !Task.isCancelled {
                    peak = max(peak, (try? await PostgresTestServer.connectionCount(applicationName: appName)) ?? 0)
                    try? await Task.sleep(for: .milliseconds(20))
                }
                return peak
            }
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<200 {
                    group.addTask { Int(try await client.execute(uri: "/test/hold?ms=20", method: .get).status.code) }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            sampling.cancel()
            let peak = await sampling.value
            #expect(statuses.count == 200)
            #expect(statuses.allSatisfy { $0 == 200 || $0 == 503 }, "unexpected statuses: \(Set(statuses))")
            #expect(statuses.contains(200))
            #expect(peak <= 4, "pg_stat_activity showed \(peak) connections")
            #expect(peak >= 1, "the sampler saw no connection at all")
        }
    }
}

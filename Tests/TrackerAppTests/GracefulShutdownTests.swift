import Foundation
import HummingbirdTesting
import Logging
import NIOCore
import ServiceLifecycle
import TestSupport
import Testing
import TrackerApp

@Suite("Graceful shutdown")
struct GracefulShutdownTests {
    @Test("shutdown lets the in-flight request finish, then closes every connection", arguments: TestEngine.available)
    func inFlightFinishes(engine: TestEngine) async throws {
        let settings = try await engine.freshSettings()
        let port = try freePort()
        let testApp = TestApp(settings: settings, extraRoutes: TestRoutes.all) { $0.port = port; $0.host = "127.0.0.1" }
        let group = ServiceGroup(configuration: .init(services: [await testApp.build()], logger: Logger.test))

        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let up = await waitUntil(timeout: .seconds(90)) { portAcceptsConnections(port) }
            guard up != nil else {
                // Stop the server task too: a child left running would keep this test (and the process) waiting forever.
                Issue.record("server did not start")
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return
            }

            let slow = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(10)), eventLoopGroupProvider: .createNew)
            slow.connect()
            do {
                async let held = slow.get("/test/hold?ms=1500")
                try await Task.sleep(for: .milliseconds(400))
                if engine == .postgres {
                    #expect(try await PostgresTestServer.connectionCount(applicationName: settings.applicationName) >= 1)
                }
                await group.triggerGracefulShutdown()
                let response = try await held
                #expect(response.head.status == .ok, "in-flight request was cut off")
                #expect(String(buffer: response.body ?? ByteBuffer()) == "held")
            } catch {
                await group.triggerGracefulShutdown()  // never leave the server task running behind a failure
                throw error
            }
            try await tasks.waitForAll()
            try? await slow.shutdown()
        }
        if engine == .postgres {
            let remaining = try await waitUntil(timeout: .seconds(3)) {
                try await PostgresTestServer.connectionCount(applicationName: settings.applicationName) == 0
            }
            #expect(remaining != nil, "connections left open after shutdown")
        }
    }
}

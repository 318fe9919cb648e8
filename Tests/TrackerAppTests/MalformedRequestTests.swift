import Foundation
import Logging
import ServiceLifecycle
import TestSupport
import Testing

/// Requests no client library would send, against the real server on a loopback port: each gets the JSON error
/// shape with a 4xx, never a 500, an empty body or a connection left hanging.
@Suite("Malformed requests on the wire")
struct MalformedRequestTests {
    @Test("over-long URL and header, broken chunked body: 400 with the JSON error body; a half-sent request is closed", .timeLimit(.minutes(3)))
    func malformed() async throws {
        let port = try freePort()
        let app = TestApp(settings: try await TestEngine.sqlite.freshSettings(), extraRoutes: TestRoutes.all) {
            $0.port = port
            $0.host = "127.0.0.1"
            $0.idleTimeout = .seconds(1)
        }
        let group = ServiceGroup(configuration: .init(services: [await app.build()], logger: Logger.test))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                let up = await waitUntil(timeout: .seconds(90)) { portAcceptsConnections(port) }
                try #require(up != nil, "server did not start")
                let longURL = "GET /api/me?x=\(String(repeating: "a", count: 100_000)) HTTP/1.1\r\nHost: t\r\n\r\n"
                let longHeader = "GET /api/me HTTP/1.1\r\nHost: t\r\nX-Big: \(String(repeating: "b", count: 100_000))\r\n\r\n"
                let badChunks = "POST /api/employee/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n"
                for request in [longURL, longHeader, badChunks] {
                    let answer = try await RawHTTP.exchange(port: port, Array(request.utf8))
                    #expect(answer.hasPrefix("HTTP/1.1 400"), "\(request.prefix(40)): \(answer.prefix(120))")
                    #expect(answer.contains(#"{"error":{"code":"#), "\(request.prefix(40)): \(answer.prefix(300))")
                }
                // A request head that never completes is closed by the idle timeout, not held open forever.
                let half = try await RawHTTP.exchange(port: port, Array("GET /api/me HTTP/1.1\r\nHost: t\r\nX-Slow: ".utf8), timeout: .seconds(20))
                #expect(half != "<timeout>", "a half-sent request kept its connection")
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}

import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// A real HTTP receiver for webhook tests on a loopback port: records every request (headers, body) and answers
/// with the statuses queued by `respond(with:)`, then 200. `serve` runs it while its body runs; serving again on
/// the same port brings it "back up".
public final class WebhookReceiver: Sendable {
    /// Header names lowercased.
    public struct Received: Sendable {
        public let headers: [String: String]
        public let body: [UInt8]
    }

    private let state = Mutex<(received: [Received], statuses: [Int])>(([], []))
    public let port: Int
    public var url: String { "http://127.0.0.1:\(port)/hook" }

    public init() throws {
        port = try freePort()
    }

    public func respond(with statuses: [Int]) { state.withLock { $0.statuses = statuses } }
    public var received: [Received] { state.withLock { $0.received } }

    public func serve<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        let router = Router()
        router.post("hook") { request, _ -> Response in
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let bytes = Array(buffer: try await request.body.collect(upTo: 1 << 20))
            let status = self.state.withLock { state -> Int in
                state.received.append(Received(headers: headers, body: bytes))
                return state.statuses.isEmpty ? 200 : state.statuses.removeFirst()
            }
            return Response(status: .init(code: status))
        }
        var logger = Logger(label: "webhook-receiver")
        logger.logLevel = .error
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let port = self.port
            guard await waitUntil(timeout: .seconds(30), { portAcceptsConnections(port) }) != nil else {
                await group.triggerGracefulShutdown()
                throw POSIXError(.EADDRINUSE)
            }
            do {
                let value = try await body()
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return value
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
        }
    }
}

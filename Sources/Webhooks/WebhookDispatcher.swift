import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import SQLKit
import TrackerCore
import TrackerStore

/// Delivers queued webhook events: leases due deliveries (several instances share the queue), posts each signed
/// body with a timeout, and records the attempt; a failure (a status outside 2xx, a timeout, a refused connection)
/// is retried with exponential backoff and jitter until `maxAttempts`, then the delivery is marked failed (an
/// admin may redeliver it). A receiver that is down only delays its own deliveries. A background `Service`: it
/// wakes on the doorbell (events published by this process), when the next retry is due, or once a poll interval,
/// and owns its HTTP client (no redirects followed), shut down when the service stops.
public final class WebhookDispatcher: Service {
    public struct Settings: Sendable {
        public var timeout: Duration = .seconds(10)
        public var maxAttempts = 12
        /// First retry after this; each next one after twice as long, at most `retryCap`.
        public var retryBase: Duration = .seconds(5)
        public var retryCap: Duration = .seconds(3600)
        public var pollInterval: Duration = .seconds(30)
        /// Deliveries in flight at once.
        public var concurrency = 4
        public init() {}
    }

    let database: any Database
    let time: TimeSource
    let logger: Logger
    let doorbell: Doorbell
    let settings: Settings
    static let leaseMs: Int64 = 120_000

    init(database: any Database, time: TimeSource, logger: Logger, doorbell: Doorbell, settings: Settings = .init()) {
        self.database = database
        self.time = time
        self.logger = logger
        self.doorbell = doorbell
        self.settings = settings
    }

    public func run() async throws {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout = .init(connect: .seconds(5), read: .init(settings.timeout))
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        await PeriodicWork.run(ringing: doorbell, atMost: settings.pollInterval) {
            // Publishers ring inside their transaction: give it a moment to commit.
            try? await Task.sleep(for: .milliseconds(300))
            return await self.pass(client)
        }
        try await client.shutdown()
    }

    struct Due: Sendable {
        var id: String
        var eventType: String
        var url: String
        var secret: String
        var body: String
        var attempts: Int
    }

    /// Delivers everything due; returns how long until the next retry is due (nil: nothing pending).
    func pass(_ client: HTTPClient) async -> Duration? {
        var next: Duration?
        await PeriodicWork.attempt("webhook dispatch", logger: logger) {
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                let due = try await lease()
                if due.isEmpty { break }
                await withTaskGroup(of: Void.self) { group in
                    for (index, delivery) in due.enumerated() {
                        if index >= settings.concurrency { await group.next() }
                        group.addTask { await self.deliver(delivery, client) }
                    }
                }
            }
            next = try await untilNextDue()
        }
        return next
    }

    func lease() async throws -> [Due] {
        let now = time.now.epochMillis
        let skipLocked: SQLQueryString = database.engine == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await database.withTransaction { db in
            let ids = try await db.raw("""
                UPDATE webhook_deliveries SET lease_until = \(bind: now + Self.leaseMs) WHERE id IN (
                  SELECT id FROM webhook_deliveries WHERE state = 'pending' AND next_attempt_at <= \(bind: now) AND lease_until < \(bind: now)
                  ORDER BY next_attempt_at, id LIMIT 16\(skipLocked))
                RETURNING id
                """).all().map { try $0.decode(column: "id", as: String.self) }
            guard !ids.isEmpty else { return [] }
            return try await db.raw("""
                SELECT d.id, d.attempts, e.event_type, e.body, w.url, w.secret FROM webhook_deliveries d
                JOIN webhook_events e ON e.id = d.event_id JOIN webhooks w ON w.id = d.webhook_id
                WHERE d.id IN (\(binds: ids)) ORDER BY d.next_attempt_at, d.id
                """).all().map { row in
                Due(id: try row.decode(column: "id", as: String.self), eventType: try row.decode(column: "event_type", as: String.self),
                    url: try row.decode(column: "url", as: String.self), secret: try row.decode(column: "secret", as: String.self),
                    body: try row.decode(column: "body", as: String.self), attempts: try row.decode(column: "attempts", as: Int.self))
            }
        }
    }

    func deliver(_ due: Due, _ client: HTTPClient) async {
        let started = ContinuousClock.now
        var status: Int?
        var failure: String?
        do {
            let bytes = Array(due.body.utf8)
            var request = HTTPClientRequest(url: due.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: "productivity-tracker-webhooks/1")
            request.headers.add(name: "X-Tracker-Event", value: due.eventType)
            request.headers.add(name: "X-Tracker-Delivery", value: due.id)
            request.headers.add(name: WebhookSigner.header, value: WebhookSigner.signature(body: bytes, secret: due.secret))
            request.body = .bytes(ByteBuffer(bytes: bytes))
            let response = try await client.execute(request, timeout: .init(settings.timeout))
            status = Int(response.status.code)
            _ = try? await response.body.collect(upTo: 64 * 1024)
        } catch {
            failure = String(String(describing: error).prefix(300))
        }
        let elapsed = ContinuousClock.now - started
        do {
            try await record(due, status: status, failure: failure, elapsedMs: Int64(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000))
        } catch {
            // The lease runs out and another pass tries again; the attempt is not lost, only its log line.
            logger.warning("webhook attempt not recorded", metadata: ["delivery": "\(due.id)"])
        }
    }

    func record(_ due: Due, status: Int?, failure: String?, elapsedMs: Int64) async throws {
        let now = time.now.epochMillis
        let attempt = due.attempts + 1
        let delivered = status.map { (200..<300).contains($0) } ?? false
        let error = failure ?? (delivered ? nil : "HTTP \(status ?? 0)")
        var state = "pending", next = now, finished: Int64?
        if delivered {
            state = "delivered"
            finished = now
        } else if attempt >= settings.maxAttempts {
            state = "failed"
            finished = now
        } else {
            next = now + Self.backoffMs(attempt: attempt, base: settings.retryBase, cap: settings.retryCap)
        }
        if !delivered {
            logger.info("webhook delivery failed", metadata: ["delivery": "\(due.id)", "attempt": "\(attempt)", "status": "\(status.map(String.init) ?? "none")",
                                                             "final": "\(state == "failed")"])
        }
        let outcome = (state: state, next: next, finished: finished)
        try await database.withTransaction { db in
            try await db.raw("""
                INSERT INTO webhook_attempts (delivery_id, attempt, at_ms, status_code, error, duration_ms)
                VALUES (\(bind: due.id), \(bind: attempt), \(bind: now), \(bind: status), \(bind: error), \(bind: elapsedMs))
                """).run()
            try await db.raw("""
                UPDATE webhook_deliveries SET state = \(bind: outcome.state), attempts = \(bind: attempt), next_attempt_at = \(bind: outcome.next),
                  lease_until = 0, last_status = \(bind: status), last_error = \(bind: error), finished_at = \(bind: outcome.finished)
                WHERE id = \(bind: due.id)
                """).run()
        }
    }

    /// base × 2^(attempt − 1), at most `cap`, then ±20 % jitter so receivers coming back are not hit in step.
    static func backoffMs(attempt: Int, base: Duration, cap: Duration) -> Int64 {
        let baseMs = Double(base.components.seconds) * 1000, capMs = Double(cap.components.seconds) * 1000
        let raw = min(capMs, baseMs * pow(2, Double(min(max(attempt - 1, 0), 30))))
        return Int64(raw * Double.random(in: 0.8...1.2))
    }

    func untilNextDue() async throws -> Duration? {
        let next = try await database.withConnection { db in
            try await db.raw("SELECT MIN(next_attempt_at) AS due FROM webhook_deliveries WHERE state = 'pending'").first()?
                .decode(column: "due", as: Int64?.self)
        }
        guard let next else { return nil }
        return .milliseconds(max(50, next - time.now.epochMillis))
    }
}

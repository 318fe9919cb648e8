import CoreMetrics
import Logging
import NIOCore
import PostgresNIO

/// Prompt recovery after an outage. PostgresClient retries a failing server with an exponential back-off of up to
/// a minute (100 ms × 1.25ⁿ) and has no public way to retry sooner, so after a long outage the server stayed
/// unavailable for up to a minute after PostgreSQL was back. While every connection attempt has been failing for
/// five seconds, this probes PostgreSQL directly twice a second with a real start-up handshake (not just TCP: a server
/// still starting up refuses it); the first probe that succeeds has the engine replace its backed-off client with a
/// fresh one, which connects at once. Counted in `tracker_db_pool_replacements`.
struct PoolRecovery: Sendable {
    static let interval: Duration = .milliseconds(500)
    /// Only a real outage: a burst of refused attempts (e.g. `max_connections` reached for a moment) that the pool
    /// rides out by itself must not swap pools under load.
    static let failingBeforeProbing: Duration = .seconds(5)

    private let configuration: PostgresConnection.Configuration
    private let replacements: Counter
    private let logger: Logger

    init(target: PostgresTarget, connectTimeout: Duration, metrics: any MetricsFactory, logger: Logger) {
        var configuration = PostgresConnection.Configuration(
            host: target.host, port: target.port, username: target.username,
            password: target.password.value, database: target.database, tls: Self.tls(target.tls)
        )
        let (seconds, attoseconds) = connectTimeout.components
        configuration.options.connectTimeout = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        configuration.options.additionalStartupParameters = target.startupParameters.sorted { $0.key < $1.key }
        self.configuration = configuration
        self.replacements = Counter(label: "tracker_db_pool_replacements", dimensions: [("engine", "postgres")], factory: metrics)
        self.logger = logger
    }

    private static func tls(_ mode: PostgresTarget.TLSMode) -> PostgresConnection.Configuration.TLS {
        let context = { try? NIOSSLContext(configuration: .makeClientConfiguration()) }
        switch mode {
        case .disable: return .disable
        case .prefer: return context().map { .prefer($0) } ?? .disable
        // No context means no TLS: the probe then fails, and the client's own back-off stays in charge.
        case .require: return context().map { .require($0) } ?? .disable
        }
    }

    /// Runs until cancelled: probes while `instrumentation` reports a failing pool, and calls `replace` when a
    /// probe connects and the pool is still failing.
    func watch(_ instrumentation: PoolInstrumentation, replace: @Sendable () -> Void) async {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            guard (try? await Task.sleep(for: Self.interval)) != nil else { return }
            guard let failing = instrumentation.failingFor(), failing >= Self.failingBeforeProbing else { continue }
            guard await probe(), instrumentation.failingFor() != nil else { continue }
            replacements.increment()
            logger.notice("PostgreSQL accepts connections again; replacing the backed-off connection pool",
                          metadata: ["failing_seconds": "\(failing.components.seconds)"])
            replace()
        }
    }

    private func probe() async -> Bool {
        var quiet = logger
        quiet.logLevel = .critical
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: quiet)
            try? await connection.close()
            return true
        } catch {
            return false
        }
    }
}

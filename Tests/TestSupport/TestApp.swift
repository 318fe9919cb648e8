import Auth
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import Synchronization
import TrackerApp
import TrackerCore
import TrackerEngines
import TrackerHTTP
import TrackerStore

/// Builds the real application for a test over one engine, counting how many pools the composition root builds.
public struct TestApp: Sendable {
    public let config: AppConfiguration
    public let registry: PrometheusCollectorRegistry
    public let poolsCreated: PoolCounter
    public let dependencies: AppDependencies

    public final class PoolCounter: Sendable {
        private let count = Mutex(0)
        public init() {}
        public var value: Int { count.withLock { $0 } }
        func increment() { count.withLock { $0 += 1 } }
    }

    public init(
        settings: DatabaseSettings,
        extraRoutes: (@Sendable (Router<AppRequestContext>, any Database) -> Void)? = TestRoutes.all,
        time: TimeSource = .system,
        logger: Logger = .test,
        configure: (inout AppConfiguration) -> Void = { _ in }
    ) {
        var config = AppConfiguration(database: settings, migrateOnStart: true)
        config.port = 0
        config.logLevel = logger.logLevel
        config.auth.bcryptCost = 4  // fast hashing in tests; production default is 12
        // The flag evaluator judges every ingested person-day; tests of other features would pay for it (a third
        // of the suite's time). Flag tests turn it on.
        config.evaluateFlags = false
        configure(&config)
        self.config = config
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        let counter = PoolCounter()
        self.poolsCreated = counter
        self.dependencies = AppDependencies(
            makeEngine: { settings, metrics, logger in
                counter.increment()
                return EngineFactory.make(settings: settings, metrics: metrics, logger: logger)
            },
            timeSource: time,
            registry: registry,
            logger: logger,
            extraRoutes: extraRoutes
        )
    }

    public func build() async -> some ApplicationProtocol {
        await buildApplication(config, dependencies: dependencies)
    }

    /// Runs the application in-process (`.router`) or on a real loopback port (`.live`).
    public func test<T: Sendable>(
        _ framework: TestingSetup = .router, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        try await build().test(framework) { client in try await body(client) }
    }
}

extension TestResponse {
    /// Decodes the body as JSON with the API's conventions.
    public func json<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONCoding.decoder.decode(T.self, from: Data(buffer: body))
    }

    public var text: String { String(buffer: body) }
}

extension TestApp {
    /// Two application instances on one fresh PostgreSQL schema, sharing a signing key (a token from one is valid at
    /// the other), as behind a load balancer.
    public static func twoInstances(
        poolMaximum: Int? = nil, evaluateFlags: Bool = false, time: MutableTime,
        _ body: @escaping @Sendable (any TestClientProtocol, any TestClientProtocol) async throws -> Void
    ) async throws {
        let settings = try await TestEngine.postgres.freshSettings { if let poolMaximum { $0.poolMaximum = poolMaximum } }
        let key = Array("a-signing-key-shared-by-both-instances".utf8)
        let first = TestApp(settings: settings, time: time.source) {
            $0.auth = .init(signingKey: key); $0.auth.bcryptCost = 4; $0.evaluateFlags = evaluateFlags
        }
        let second = TestApp(settings: settings, time: time.source) {
            $0.auth = .init(signingKey: key); $0.auth.bcryptCost = 4; $0.evaluateFlags = evaluateFlags
        }
        try await first.test { clientA in
            try await second.test { clientB in try await body(clientA, clientB) }
        }
    }
}

import Foundation
import Logging
import Prometheus
import Synchronization
import TestSupport
import TrackerEngines
import TrackerStore

/// Runs one engine (its service in the background) for the duration of `body`, then shuts it down.
func withEngine<T: Sendable>(
    _ settings: DatabaseSettings, logger: Logger = .test,
    _ body: @escaping @Sendable (DatabaseEngine) async throws -> T
) async throws -> T {
    try await EngineFactory.make(settings: settings, metrics: PrometheusMetricsFactory(registry: .init()), logger: logger)
        .whileRunning(body)
}

/// A log handler that keeps messages so tests can assert on warnings.
final class CapturingLogHandler: LogHandler, @unchecked Sendable {
    let store: MessageStore
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug
    var metadataProvider: Logger.MetadataProvider?

    final class MessageStore: Sendable {
        private let messages = Mutex<[(Logger.Level, String)]>([])
        func append(_ level: Logger.Level, _ message: String) { messages.withLock { $0.append((level, message)) } }
        func contains(level: Logger.Level, _ text: String) -> Bool {
            messages.withLock { $0.contains { $0.0 == level && $0.1.contains(text) } }
        }
    }

    init(store: MessageStore) { self.store = store }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) { store.append(event.level, event.message.description) }
}

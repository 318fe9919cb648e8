import Logging

/// PostgresClient reports connection lifecycle events (established, closed, creation failed) only through its
/// background logger; its observability delegate is internal. This log handler reads those events to keep exact
/// connection counts, and forwards everything at or above the application's level to the real handler.
///
/// The message texts are postgres-nio's (`PostgresClientMetrics`); `PoolMetricsTests` fails if they change.
struct PoolEventLogTap: LogHandler {
    private let inner: any LogHandler
    private let instrumentation: PoolInstrumentation
    private let forwardLevel: Logger.Level

    init(inner: any LogHandler, instrumentation: PoolInstrumentation) {
        self.inner = inner
        self.instrumentation = instrumentation
        self.forwardLevel = inner.logLevel
    }

    var metadata: Logger.Metadata {
        get { inner.metadata }
        set { /* immutable: the inner handler's metadata is set before wrapping */ }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { inner.metadataProvider }
        set {}
    }

    // Debug is the level PostgresClient uses for "Connection established" / "Connection closed".
    var logLevel: Logger.Level {
        get { .debug }
        set {}
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set {}
    }

    func log(event: LogEvent) {
        tap(event.message.description, metadata: event.metadata)
        if event.level >= forwardLevel {
            inner.log(event: event)
        }
    }

    private func tap(_ message: String, metadata: Logger.Metadata?) {
        guard let id = metadata?["psql_connection_id"].flatMap({ Int("\($0)") }) else {
            if message == "Connection creation failed" { instrumentation.connectFailed() }
            return
        }
        switch message {
        case "Connection established": instrumentation.connectionOpened(id)
        case "Connection closed": instrumentation.connectionClosed(id)
        case "Connection creation failed": instrumentation.connectFailed()
        default: break
        }
    }
}

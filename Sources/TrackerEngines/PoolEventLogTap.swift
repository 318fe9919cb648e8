import Logging

/// PostgresClient reports connection lifecycle events (creating, closed, creation failed) only through its
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

    // Debug is the level PostgresClient uses for "Creating new connection" / "Connection closed".
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
        let id = metadata?["psql_connection_id"].flatMap { Int("\($0)") }
        switch (message, id) {
        // postgres-nio 1.33 logs no "established" event (its connectSucceeded overload is silent): a connection
        // counts from the moment it is being created until it fails or closes, as PostgreSQL counts the backend.
        case ("Creating new connection", let id?): instrumentation.connectionOpened(id)
        case ("Connection creation failed", let id):
            instrumentation.connectFailed()
            if let id { instrumentation.connectionClosed(id) }
        case ("Connection closed", let id?): instrumentation.connectionClosed(id)
        default: break
        }
    }
}

import Logging
import ServiceLifecycle

/// Runs the server until SIGTERM or SIGINT: the HTTP server stops accepting, in-flight requests finish
/// (at most `shutdownTimeout`, then they are cancelled), and only then the pool closes its connections.
public func runServer(_ config: AppConfiguration, logger: Logger) async throws {
    let app = await buildApplication(config, dependencies: AppDependencies(logger: logger))
    var configuration = ServiceGroupConfiguration(
        services: [.init(service: app)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
    )
    configuration.maximumGracefulShutdownDuration = config.shutdownTimeout
    configuration.maximumCancellationDuration = .seconds(5)
    logger.info("starting", metadata: [
        "host": "\(config.host)", "port": "\(config.port)", "engine": "\(config.database.target.engineName)",
        "poolMaximum": "\(config.database.poolMaximum)",
    ])
    try await ServiceGroup(configuration: configuration).run()
    logger.info("stopped")
}

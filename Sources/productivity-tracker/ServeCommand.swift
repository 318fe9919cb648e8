import ArgumentParser
import TrackerApp

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP server (stops gracefully on SIGTERM/SIGINT).",
        discussion: """
            Starts even when the database is down: every route is registered, /health/live answers 200, \
            /health/ready and database routes answer 503 until the database is back.
            """
    )

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "Address to bind (TRACKER_HOST), default 127.0.0.1.")
    var host: String?

    @Option(name: .long, help: "Port (TRACKER_PORT), default 8080.")
    var port: String?

    @Flag(name: .long, help: "On an empty database, generate a demo organisation (25 people × 14 days) first (TRACKER_DEMO).")
    var demo = false

    func run() async throws {
        var extra: [String: String] = [:]
        if demo { extra[ConfigKeys.demo.path] = "true" }
        extra[ConfigKeys.host.path] = host
        extra[ConfigKeys.port.path] = port
        let config = try await common.load(extra: extra)
        try await runServer(config, logger: common.logger(config))
    }
}

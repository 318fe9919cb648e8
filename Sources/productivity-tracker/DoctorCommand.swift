import ArgumentParser
import TrackerApp

struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Print the effective configuration and check the database and its connection budget.",
        discussion: """
            For PostgreSQL prints max_connections, the reserved connections, how many connections this \
            application name holds now, and whether instances × pool maximum fits. Exits 1 when the database \
            is unreachable or the budget is exceeded.
            """
    )

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let config = try await common.load()
        let report = await DoctorReport.run(config: config, logger: common.logger(config))
        for line in report.lines { print(line) }
        if !report.healthy { throw ExitCode(1) }
    }
}

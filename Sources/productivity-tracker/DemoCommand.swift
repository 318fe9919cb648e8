import ArgumentParser
import Auth
import Foundation
import TrackerApp
import TrackerStore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a demo organisation (teams, managers, employees) and print its sign-in credentials.",
        discussion: "Idempotent: does nothing when the demo organisation exists. Activity data generation comes with the analytics issue."
    )

    @OptionGroup var common: CommonOptions

    @Option(help: "Employees per team (3 teams).")
    var employeesPerTeam: Int = 4

    func validate() throws {
        guard (1...500).contains(employeesPerTeam) else { throw ValidationError("--employees-per-team must be 1…500") }
    }

    func run() async throws {
        let config = try await common.load()
        let logger = common.logger(config)
        let perTeam = employeesPerTeam
        let credentials = try await withStandaloneDatabase(config, logger: logger) { engine in
            try await Migrator(database: engine.database, logger: logger).migrate()
            let identity = await IdentityModule(database: engine.database, settings: config.auth, time: .system)
            return try await DemoOrganization(directory: identity.directory, repository: identity.directoryRepository)
                .create(employeesPerTeam: perTeam) { print("  \($0)") }
        }
        guard !credentials.isEmpty else { print("Demo organisation already exists."); return }
        print("Demo credentials (password for everyone: \(DemoOrganization.password)):")
        for credential in credentials {
            print("  \(credential.role.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(credential.email)\(credential.team.map { "  (\($0))" } ?? "")")
        }
    }
}

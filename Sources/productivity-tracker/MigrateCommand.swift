import ArgumentParser
import TrackerApp
import TrackerStore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending database migrations and print what was applied."
    )

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let config = try await common.load()
        let logger = common.logger(config)
        do {
            let applied = try await withStandaloneDatabase(config, logger: logger) { engine in
                try await Migrator(database: engine.database, logger: logger).migrate()
            }
            if applied.isEmpty {
                print("Database is up to date (version \(Migrations.latestVersion)).")
            } else {
                for migration in applied { print("applied \(migration.version) \(migration.name)") }
                print("Database is now at version \(Migrations.latestVersion).")
            }
        } catch let error as DatabaseError {
            print("migrate failed: \(error.message)")
            throw ExitCode(1)
        }
    }
}

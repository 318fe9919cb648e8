import ArgumentParser
import Foundation
import TrackerApp

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the embedded SQLite database to a new file while the server runs, and check the copy.",
        discussion: """
            The copy is one consistent snapshot (every write committed before it began, nothing half-done), made \
            readable by its owner only, then opened and checked (integrity, schema version, people and events). \
            Restore: stop the server, move the copy to TRACKER_SQLITE_PATH (removing any old -wal and -shm files \
            beside it), start the server. For PostgreSQL use pg_dump; this command says how. Exits 1 on failure.
            """
    )

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "The file to write; it must not exist yet.")
    var output: String

    func run() async throws {
        let config = try await common.load()
        do {
            let summary = try await DatabaseBackup.run(config: config, output: output, logger: common.logger(config))
            print("Backed up to \(summary.path): \(summary.bytes) bytes, schema version \(summary.schemaVersion), "
                  + "\(summary.people) people, \(summary.events) events, in \(String(format: "%.1f", summary.seconds)) s; check passed.")
        } catch let failure as DatabaseBackup.Failure {
            print("backup: \(failure)")
            throw ExitCode(1)
        }
    }
}

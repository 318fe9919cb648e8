import ArgumentParser
import Auth
import Foundation
import TrackerApp
import TrackerCore
import TrackerStore

struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Manage administrators.",
        subcommands: [CreateAdmin.self]
    )

    struct CreateAdmin: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create an administrator (the first one, on a new installation).",
            discussion: "Applies pending migrations first. The password is read from a prompt (not echoed), or from standard input with --password-stdin; it is never accepted as an argument."
        )

        @OptionGroup var common: CommonOptions

        @Option(help: "The administrator's email (their sign-in name).")
        var email: String

        @Option(help: "The administrator's full name.")
        var name: String = "Administrator"

        @Flag(help: "Read the password from standard input (first line) instead of a prompt.")
        var passwordStdin = false

        func run() async throws {
            let config = try await common.load()
            let password = try readPassword()
            let logger = common.logger(config)
            do {
                let admin = try await withStandaloneDatabase(config, logger: logger) { engine in
                    try await Migrator(database: engine.database, logger: logger).migrate()
                    let identity = await IdentityModule(database: engine.database, settings: config.auth, time: .system)
                    return try await AdminBootstrap(directory: identity.directory).createAdmin(email: email, name: name, password: password)
                }
                print("Created administrator \(admin.email) (id \(admin.id)). Sign in with POST /api/admin/login.")
            } catch let error as any AppError {
                FileHandle.standardError.write(Data("admin create: \(error.message)\n".utf8))
                throw ExitCode(1)
            }
        }

        private func readPassword() throws -> String {
            let line: String?
            if passwordStdin {
                line = Swift.readLine(strippingNewline: true)
            } else {
                guard let raw = getpass("Password (10–128 characters): ") else { throw ExitCode(1) }
                line = String(cString: raw)
            }
            guard let password = line, !password.isEmpty else {
                FileHandle.standardError.write(Data("admin create: no password given\n".utf8))
                throw ExitCode(1)
            }
            return password
        }
    }
}

import ArgumentParser
import TrackerApp

struct ProductivityTracker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "productivity-tracker",
        abstract: "Self-hostable backend for tracking how a team works.",
        discussion: """
            Configuration comes from flags, then environment variables (TRACKER_*, DB_*, DATABASE_URL), then an \
            optional JSON config file (--config or TRACKER_CONFIG_FILE), then defaults. Without DATABASE_URL the \
            embedded SQLite database at ./data/tracker.sqlite is used.
            """,
        version: AppVersion.version,
        subcommands: [ServeCommand.self, MigrateCommand.self, DoctorCommand.self, AdminCommand.self, DemoCommand.self, ScheduleCommand.self, BackupCommand.self, FakeConnecteamCommand.self],
        defaultSubcommand: nil
    )
}

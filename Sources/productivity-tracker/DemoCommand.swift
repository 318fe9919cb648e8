import Activities
import ArgumentParser
import Auth
import DemoData
import Foundation
import Schedules
import TrackerApp
import TrackerCore
import TrackerStore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate a demo organisation with realistic activity and print its sign-in credentials.",
        discussion: """
            Teams of about 20 with a manager each, people with their own hours, lunch breaks, idle periods, meetings, \
            team app mixes, late starters, remote and weekend workers; the activity goes through the same ingest code \
            as agents' requests. Runs migrations first. Refuses when the demo organisation already exists. \
            `serve --demo` loads a small set (25 people × 14 days) on first start instead.
            """
    )

    @OptionGroup var common: CommonOptions

    @Option(help: "People to generate (managers included; an administrator is added).")
    var employees: Int = 25

    @Option(help: "Days of history, ending today.")
    var days: Int = 14

    @Option(help: "Random seed: the same seed gives the same organisation and activity.")
    var seed: UInt64 = 1

    @Option(help: "People generated concurrently.")
    var parallelism: Int = 4

    @Flag(help: "Print every credential (default: the administrator, managers and a few employees).")
    var allCredentials = false

    func validate() throws {
        guard (1...20_000).contains(employees) else { throw ValidationError("--employees must be 1…20000") }
        guard (1...400).contains(days) else { throw ValidationError("--days must be 1…400") }
        guard (1...64).contains(parallelism) else { throw ValidationError("--parallelism must be 1…64") }
    }

    func run() async throws {
        let config = try await common.load()
        let logger = common.logger(config)
        let options = DemoGenerator.Options(employees: employees, days: days, seed: seed, parallelism: parallelism)
        let bar = ProgressBar(label: "demo")
        let summary: DemoGenerator.Summary
        do {
            summary = try await withStandaloneDatabase(config, logger: logger) { engine in
                try await Migrator(database: engine.database, logger: logger).migrate()
                let identity = await IdentityModule(database: engine.database, settings: config.auth, time: .system)
                let activity = ActivityModule(
                    database: engine.database, access: identity.access, settings: options.activitySettings(config.activity),
                    time: .system, logger: logger
                )
                let schedules = ScheduleModule(database: engine.database, identity: identity, time: .system)
                let summary = try await DemoGenerator(identity: identity, activity: activity, schedules: schedules, time: .system).generate(options) { p in
                    bar.update(done: p.personDaysDone, total: p.personDaysTotal, seconds: p.seconds, detail: String(
                        format: "%d/%d person-days · %d events · %.0f events/s", p.personDaysDone, p.personDaysTotal, p.events,
                        p.seconds > 0 ? Double(p.events) / p.seconds : 0
                    ))
                }
                // After a bulk load the query planner's statistics are stale until autovacuum gets round to them.
                try await engine.database.withTransaction { db in try await db.raw("ANALYZE").run() }
                return summary
            }
        } catch DemoGenerator.Failure.alreadyExists {
            print("The demo organisation already exists (sign in as \(DemoGenerator.adminEmail)); use a new database for another one.")
            return
        }
        bar.finish()
        print(String(format: "Generated %d people in %d teams: %d events, %d idle periods, %d shifts in %.1f s (%.0f events/s).",
                     employees, summary.teams, summary.events, summary.idlePeriods, summary.shifts, summary.seconds, summary.eventsPerSecond))
        print("Sign in with password \(DemoGenerator.password) as:")
        var shownEmployees = 0
        for credential in summary.credentials {
            if !allCredentials && credential.role == .employee {
                shownEmployees += 1
                if shownEmployees > 3 { continue }
            }
            if !allCredentials && credential.role == .manager && summary.teams > 6 && credential.team.map({ $0.contains(" ") }) == true { continue }
            print("  \(credential.role.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(credential.email)\(credential.team.map { "  (\($0))" } ?? "")")
        }
        if !allCredentials && summary.credentials.count > 10 { print("  … (--all-credentials lists everyone)") }
    }
}

import Auth
import DemoData
import Logging

/// `serve --demo`: on a database with nobody in it, generate a small demo organisation before the first request,
/// so a newcomer signs in to a living dashboard. Any existing person (even one administrator) means it is not a
/// first run, and nothing is generated.
struct DemoOnFirstRun: Sendable {
    let options: DemoGenerator.Options
    let generator: DemoGenerator
    let directory: any DirectoryRepository
    /// Runs once the data is in (turns gamification on, so its leaderboard shows the demo's weeks).
    let afterwards: @Sendable () async throws -> Void
    let logger: Logger

    func runIfEmpty() async throws {
        guard try await directory.employees(teamIDs: nil, includeArchived: true, after: nil, limit: 1).isEmpty else { return }
        logger.notice("empty database and demo mode: generating a demo organisation",
                      metadata: ["employees": "\(options.employees)", "days": "\(options.days)"])
        let logger = self.logger
        let summary = try await generator.generate(options) { progress in
            // One line per 10 %: logs stay short.
            let step = max(1, progress.personDaysTotal / 10)
            if progress.personDaysDone % step == 0 || progress.personDaysDone == progress.personDaysTotal {
                logger.info("demo data", metadata: [
                    "personDays": "\(progress.personDaysDone)/\(progress.personDaysTotal)", "events": "\(progress.events)",
                ])
            }
        }
        try await afterwards()
        // One sign-in per role, so each view of the product can be tried at once (all share the demo password).
        let manager = summary.credentials.first { $0.role == .manager }
        let employee = summary.credentials.first { $0.role == .employee && $0.team == manager?.team }
        let signIns = [("admin", DemoGenerator.adminEmail), ("manager", manager.map { "\($0.email) (\($0.team ?? ""))" }),
                       ("employee", employee.map { "\($0.email) (\($0.team ?? ""))" })]
            .compactMap { role, email in email.map { "\(role) \($0)" } }.joined(separator: ", ")
        logger.notice("demo organisation ready: sign in as \(signIns) with password \(DemoGenerator.password)",
                      metadata: ["events": "\(summary.events)", "seconds": "\(Int(summary.seconds))", "teams": "\(summary.teams)"])
    }
}

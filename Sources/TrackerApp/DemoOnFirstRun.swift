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
        logger.notice("demo organisation ready: sign in as \(DemoGenerator.adminEmail) (or a manager) with password \(DemoGenerator.password)",
                      metadata: ["events": "\(summary.events)", "seconds": "\(Int(summary.seconds))", "teams": "\(summary.teams)"])
    }
}

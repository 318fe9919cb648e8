import ArgumentParser
import Foundation
import ShiftPlanner

struct ScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Shift planning without a server.",
        subcommands: [Solve.self]
    )

    struct Solve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "solve",
            abstract: "Plan an instance of Timefold's employee-scheduling quickstart and write the solution.",
            discussion: """
                Reads the instance format of shared/scheduling/FORMAT.md, assigns every shift (the quickstart's constraints \
                and weights), prints the score and writes the solution format there (with the solver's own score and its \
                improvement trace). One search per thread, each seeded from --seed; --steps makes the result deterministic.
                """
        )

        @Option(help: "The instance file (JSON).")
        var instance: String

        @Option(help: "Time limit in seconds.")
        var seconds: Double = 30

        @Option(help: "Stop early when the best score has not improved for this many seconds.")
        var unimproved: Double?

        @Option(help: "Stop each search after this many moves instead of by time (same seed, same plan).")
        var steps: Int?

        @Option(help: "Random seed.")
        var seed: UInt64 = 0

        @Option(help: "Searches run at once (one per core helps).")
        var threads: Int = 2

        @Option(help: "Where to write the solution (default: standard output).")
        var output: String?

        func validate() throws {
            guard seconds > 0, seconds <= 86_400 else { throw ValidationError("--seconds must be from 0 to 86400") }
            guard (1...64).contains(threads) else { throw ValidationError("--threads must be from 1 to 64") }
            if let unimproved, !(unimproved > 0) { throw ValidationError("--unimproved must be positive") }
            if let steps, steps < 0 { throw ValidationError("--steps must not be negative") }
        }

        func run() async throws {
            let data = try Data(contentsOf: URL(fileURLWithPath: instance))
            let (name, problem) = try QuickstartFormat.problem(from: data)
            let options = Solver.Options(
                seed: seed, timeLimit: steps == nil ? .milliseconds(Int64(seconds * 1000)) : nil,
                unimprovedLimit: unimproved.map { .milliseconds(Int64($0 * 1000)) }, steps: steps, threads: threads
            )
            let clock = ContinuousClock(), started = clock.now
            let result = Solver.solve(problem, options: options)
            let elapsed = clock.now - started
            let taken = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let solution = try QuickstartFormat.solution(instance: name, problem: problem, result: result, seconds: taken,
                                                         solver: "productivity-tracker ShiftPlanner (seed \(seed), \(threads) threads)")
            let explanation = PlanExplanation(problem, assignment: result.assignment)
            FileHandle.standardError.write(Data("\(name): \(explanation.scoreText) in \(String(format: "%.1f", taken)) s, \(result.steps) moves\n".utf8))
            if let output {
                try solution.write(to: URL(fileURLWithPath: output))
            } else {
                FileHandle.standardOutput.write(solution)
            }
        }
    }
}

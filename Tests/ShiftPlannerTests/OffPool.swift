import Foundation
@testable import ShiftPlanner

/// Runs CPU-bound work on a thread of its own. Tests run on Swift's cooperative pool (as many threads as cores: two on
/// this machine kind); a search blocking it stalls every other test of the run, and servers that other suites start
/// then miss their start-up timeouts.
func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in Thread.detachNewThread { continuation.resume(returning: work()) } }
}

func solved(_ problem: PlanningProblem, options: Solver.Options) async -> Solver.Result {
    await offPool { Solver.solve(problem, options: options) }
}

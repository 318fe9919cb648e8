import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import ShiftPlanner

/// Runs CPU-bound work on a thread of its own, one such piece at a time, at a low priority. Tests run on Swift's
/// cooperative pool (as many threads as cores: two on this machine kind): a search blocking it stalls every other
/// test of the run; many searches on threads of their own at once starve them of CPU instead. Either way servers
/// that other suites start miss their start-up timeouts.
func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await cpuGate.enter()
    let result = await withCheckedContinuation { continuation in
        Thread.detachNewThread {
            lowerThreadPriority()
            continuation.resume(returning: work())
        }
    }
    await cpuGate.leave()
    return result
}

func solved(_ problem: PlanningProblem, options: Solver.Options) async -> Solver.Result {
    var options = options
    options.onSearchThread = { lowerThreadPriority() }
    let chosen = options
    return await offPool { Solver.solve(problem, options: chosen) }
}

/// Nice 10 for the calling thread (per thread on Linux).
func lowerThreadPriority() {
    #if os(Linux)
    _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
    #endif
}

/// One CPU-bound piece of test work at a time, whichever suite it belongs to.
actor CPUGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        guard busy else { busy = true; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}

let cpuGate = CPUGate()

import ServiceLifecycle
import TrackerStore
import Synchronization

/// Runs a background service only once start-up work is done: a worker started earlier reads tables a pending
/// migration has not created yet, and evaluators of derived data (flags, gamification) would judge a `serve --demo`
/// organisation while its weeks are still being written — raising absences for shifts whose data had not arrived
/// yet and withdrawing them a second later.
/// It also names the worker on the status board: every pass it makes is recorded there (`PeriodicWork.attempt`).
struct AfterStartup: Service {
    let name: String
    let inner: any Service
    let started: StartupSignal
    let board: WorkerBoard

    func run() async throws {
        board.register(name)
        while !started.isDone {
            guard !Task.isCancelled, !Task.isShuttingDownGracefully else { return }
            try? await Task.sleep(for: .milliseconds(200))
        }
        try await WorkerBoard.$current.withValue((board, name)) { try await inner.run() }
    }
}

/// Set once start-up work (migrations, the demo) has finished in this process.
final class StartupSignal: Sendable {
    private let done = Mutex(false)
    var isDone: Bool { done.withLock { $0 } }
    func markDone() { done.withLock { $0 = true } }
}

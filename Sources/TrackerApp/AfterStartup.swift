import ServiceLifecycle
import Synchronization

/// Runs a background service only once start-up work is done: a worker started earlier reads tables a pending
/// migration has not created yet, and evaluators of derived data (flags, gamification) would judge a `serve --demo`
/// organisation while its weeks are still being written — raising absences for shifts whose data had not arrived
/// yet and withdrawing them a second later.
struct AfterStartup: Service {
    let inner: any Service
    let started: StartupSignal

    func run() async throws {
        while !started.isDone {
            guard !Task.isCancelled, !Task.isShuttingDownGracefully else { return }
            try? await Task.sleep(for: .milliseconds(200))
        }
        try await inner.run()
    }
}

/// Set once start-up work (migrations, the demo) has finished in this process.
final class StartupSignal: Sendable {
    private let done = Mutex(false)
    var isDone: Bool { done.withLock { $0 } }
    func markDone() { done.withLock { $0 = true } }
}

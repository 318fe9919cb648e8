import PostgresNIO
import Synchronization

/// The running `PostgresClient.run()` tasks of one engine (one, or two for a moment while a client is replaced).
/// A client stops by having its run task cancelled — postgres-nio has no other public way.
final class ClientRuns: Sendable {
    private let tasks = Mutex<[ObjectIdentifier: Task<Void, Never>]>([:])

    /// Starts `client.run()` (task-local values such as the graceful-shutdown signal are inherited).
    func start(_ client: PostgresClient) {
        let task = Task { await client.run() }
        tasks.withLock { $0[ObjectIdentifier(client)] = task }
    }

    /// Stops `client`: its connections close and its waiters fail.
    func stop(_ client: PostgresClient) {
        let task = tasks.withLock { $0.removeValue(forKey: ObjectIdentifier(client)) }
        task?.cancel()
    }

    func cancelAll() {
        for task in tasks.withLock({ Array($0.values) }) { task.cancel() }
    }

    /// Waits for every client still registered to finish its run.
    func waitForAll() async {
        for task in tasks.withLock({ Array($0.values) }) { await task.value }
    }
}

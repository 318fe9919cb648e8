import Synchronization

/// What the readiness probe remembers between calls: once migrations are known to be current they stay current
/// for this process (only `migrate` changes them, and it only moves forward).
final class ReadinessState: Sendable {
    private let migrationsCurrent = Mutex(false)
    /// True when start-up work (migrations, the first-run demo, the first-admin advice) runs in this process and marks
    /// readiness when all of it is done: the probe then waits for it rather than checking the schema itself, so a
    /// server is never reported ready while its start-up still uses the pool.
    let startupMarks: Bool

    init(startupMarks: Bool) {
        self.startupMarks = startupMarks
    }

    var migrationsKnownCurrent: Bool { migrationsCurrent.withLock { $0 } }

    func markMigrationsCurrent() { migrationsCurrent.withLock { $0 = true } }
}

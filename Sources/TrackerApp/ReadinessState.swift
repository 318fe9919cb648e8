import Synchronization

/// What the readiness probe remembers between calls: once migrations are known to be current they stay current
/// for this process (only `migrate` changes them, and it only moves forward).
final class ReadinessState: Sendable {
    private let migrationsCurrent = Mutex(false)

    var migrationsKnownCurrent: Bool { migrationsCurrent.withLock { $0 } }

    func markMigrationsCurrent() { migrationsCurrent.withLock { $0 = true } }
}

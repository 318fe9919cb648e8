import Foundation
import Synchronization

/// What each background worker of this process did last — for `GET /api/system/status`, where an administrator
/// sees that the flag evaluator last succeeded a minute ago or has failed its last 40 passes with `unavailable`.
///
/// The composition root names each worker and runs it with `WorkerBoard.$current` set; `PeriodicWork.attempt`,
/// the one helper every worker's pass goes through, records into it. So no feature needs to know the board exists.
public final class WorkerBoard: Sendable {
    public struct Entry: Codable, Sendable, Equatable {
        public var name: String
        /// A pass is running now.
        public var running = false
        public var passes = 0
        public var failures = 0
        public var lastStartedAt: Date?
        public var lastFinishedAt: Date?
        public var lastSucceededAt: Date?
        /// The last failure's error code (never its text: database messages stay in the log).
        public var lastError: String?
        public var lastErrorAt: Date?
    }

    /// The board and name of the worker running in this task (set by the composition root).
    @TaskLocal public static var current: (board: WorkerBoard, name: String)?

    private let entries = Mutex<[String: Entry]>([:])

    public init() {}

    /// Shows `name` before its first pass (a worker waiting for its first wake-up is still a worker).
    public func register(_ name: String) {
        entries.withLock { if $0[name] == nil { $0[name] = Entry(name: name) } }
    }

    func started(_ name: String, at time: Date) {
        entries.withLock { all in
            var entry = all[name] ?? Entry(name: name)
            entry.running = true
            entry.lastStartedAt = time
            all[name] = entry
        }
    }

    func finished(_ name: String, at time: Date, error: String?) {
        entries.withLock { all in
            var entry = all[name] ?? Entry(name: name)
            entry.running = false
            entry.passes += 1
            entry.lastFinishedAt = time
            if let error {
                entry.failures += 1
                entry.lastError = error
                entry.lastErrorAt = time
            } else {
                entry.lastSucceededAt = time
            }
            all[name] = entry
        }
    }

    /// Every worker, by name.
    public var snapshot: [Entry] {
        entries.withLock { $0.values.sorted { $0.name < $1.name } }
    }
}

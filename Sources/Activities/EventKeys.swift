import SQLKit
import Synchronization
import TrackerStore

/// The small integers the event store keys by (see `LeanEventSchema`): a number per person and per device, an id
/// per distinct app, title or URL. The database assigns each once and never changes it, so a copy in memory is
/// right on every instance for ever — but only once the transaction that read or assigned it has committed (a
/// rolled-back assignment must not be remembered): callers `remember` what they resolved after the commit.
final class EventKeys: Sendable {
    /// Entries kept per map; past it the map is emptied (cheap, rare, and the database stays the truth).
    static let maxCached = 100_000
    private let cache = Mutex(Numbers())

    struct Numbers: Sendable {
        var people: [String: Int64] = [:]
        var devices: [String: Int64] = [:]
        var texts: [String: Int64] = [:]
    }

    /// What one writer resolved: its person and device numbers and the ids of the texts it asked for.
    struct Resolved: Sendable {
        let person: Int64
        let device: Int64
        let texts: [String: Int64]
        /// Whether any of it came from the database (else there is nothing to remember).
        let learned: Bool

        /// The id of a text passed to `resolve` (a missing one is a bug in the caller, reported, never a trap).
        func id(_ text: String) throws -> Int64 {
            guard let id = texts[text] else { throw EventKeyError.unresolvedText }
            return id
        }

        func id(_ text: String?) throws -> Int64? {
            try text.map { try id($0) }
        }
    }

    /// The numbers of `employeeID`, `deviceID` and `texts`, from memory or, for those not seen yet, the database
    /// (assigning them inside the caller's transaction).
    func resolve(
        _ db: any SQLDatabase, engine: DatabaseEngineKind, employeeID: String, deviceID: String, texts: Set<String>
    ) async throws -> Resolved {
        var (person, device, known, missing) = cache.withLock { cache -> (Int64?, Int64?, [String: Int64], [String]) in
            var known: [String: Int64] = [:], missing: [String] = []
            for text in texts {
                if let id = cache.texts[text] { known[text] = id } else { missing.append(text) }
            }
            return (cache.people[employeeID], cache.devices[deviceID], known, missing)
        }
        let learned = person == nil || device == nil || !missing.isEmpty
        if person == nil { person = try await Self.number(db, table: "activity_people", column: "employee_id", value: employeeID) }
        if device == nil { device = try await Self.number(db, table: "activity_devices", column: "device_id", value: deviceID) }
        if !missing.isEmpty {
            for (text, id) in try await TextInterning.ids(db, engine: engine, texts: missing) { known[text] = id }
        }
        guard let person, let device else { throw EventKeyError.unassigned }
        return Resolved(person: person, device: device, texts: known, learned: learned)
    }

    /// Keeps what a committed transaction resolved (nothing to do when it all came from memory: the heartbeat's
    /// usual case).
    func remember(_ resolved: Resolved, employeeID: String, deviceID: String) {
        guard resolved.learned else { return }
        cache.withLock { cache in
            if cache.people.count >= Self.maxCached { cache.people.removeAll() }
            if cache.devices.count >= Self.maxCached { cache.devices.removeAll() }
            if cache.texts.count + resolved.texts.count > Self.maxCached { cache.texts.removeAll() }
            cache.people[employeeID] = resolved.person
            cache.devices[deviceID] = resolved.device
            cache.texts.merge(resolved.texts) { _, new in new }
        }
    }

    /// The number of `value` in `table` (`activity_people` or `activity_devices`), assigned if it has none.
    private static func number(_ db: any SQLDatabase, table: String, column: String, value: String) async throws -> Int64? {
        try await db.raw("INSERT INTO \(ident: table) (\(ident: column)) VALUES (\(bind: value)) ON CONFLICT (\(ident: column)) DO NOTHING").run()
        return try await db.raw("SELECT no FROM \(ident: table) WHERE \(ident: column) = \(bind: value)").first()?
            .decode(column: "no", as: Int64.self)
    }
}

enum EventKeyError: Error {
    case unresolvedText, unassigned
}

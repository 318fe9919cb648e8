import Foundation
import Synchronization
import TrackerCore

/// Device-token checks remembered for a few seconds: an agent sends a heartbeat every second or so, and reading
/// the device and its owner for each one was a database round trip per beat. An entry holds the stored secret
/// hash (every request's secret is still compared with it) and is trusted for `ttl`: a revocation or an archived
/// owner takes effect at once on the instance that made the change (it forgets the entries) and within `ttl` on
/// every other instance. `ttl` zero disables the cache.
final class DeviceTokenCache: Sendable {
    struct Entry: Sendable {
        let identity: DeviceIdentity
        let secretHash: String
        let checkedAt: Date
    }

    /// Bounds memory against a flood of distinct (valid) device ids; far above any organisation's device count.
    static let capacity = 50_000

    let ttl: TimeInterval
    private let entries = Mutex<[String: Entry]>([:])

    init(ttl: TimeInterval) {
        self.ttl = ttl
    }

    /// The entry for `deviceID` if it was checked less than `ttl` before `now`.
    func fresh(_ deviceID: String, now: Date) -> Entry? {
        guard ttl > 0, let entry = entries.withLock({ $0[deviceID] }) else { return nil }
        let age = now.timeIntervalSince(entry.checkedAt)
        return age >= 0 && age < ttl ? entry : nil
    }

    func remember(_ entry: Entry) {
        guard ttl > 0 else { return }
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[entry.identity.deviceID] = entry
        }
    }

    func forget(deviceID: String) {
        _ = entries.withLock { $0.removeValue(forKey: deviceID) }
    }

    func forget(employeeID: String) {
        entries.withLock { entries in entries = entries.filter { $0.value.identity.employeeID != employeeID } }
    }

    /// Every entry: the agent settings changed, and identities carry the resolved policy.
    func forgetAll() {
        entries.withLock { $0.removeAll(keepingCapacity: true) }
    }
}

import Synchronization

/// Buckets looked up in the last few seconds, so a watcher's heartbeat (one a second) costs no extra read: a bucket
/// row never changes, only disappears. Deleting one here forgets it at once; another instance may serve it for up to
/// `ttl` more, which is harmless — every write to a deleted bucket finds no row and answers `404`.
final class BucketCache: Sendable {
    private struct Key: Hashable { let employeeID: String; let id: String }
    private let entries = Mutex<[Key: (bucket: AWBucket, until: ContinuousClock.Instant)]>([:])
    /// Whether a device has a web-tab bucket: a browser window's heartbeat looks for a tab only then.
    private let tabDevices = Mutex<[String: (has: Bool, until: ContinuousClock.Instant)]>([:])
    private let ttl: Duration
    private static let capacity = 10_000

    init(ttl: Duration = .seconds(5)) { self.ttl = ttl }

    func bucket(employeeID: String, id: String) -> AWBucket? {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[Key(employeeID: employeeID, id: id)], entry.until > now else { return nil }
            return entry.bucket
        }
    }

    func remember(_ bucket: AWBucket) {
        let until = ContinuousClock.now + ttl
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[Key(employeeID: bucket.employeeID, id: bucket.id)] = (bucket, until)
        }
    }

    func forget(employeeID: String, id: String) {
        _ = entries.withLock { $0.removeValue(forKey: Key(employeeID: employeeID, id: id)) }
    }

    func hasTabs(deviceID: String) -> Bool? {
        let now = ContinuousClock.now
        return tabDevices.withLock { entries in
            guard let entry = entries[deviceID], entry.until > now else { return nil }
            return entry.has
        }
    }

    func rememberTabs(deviceID: String, _ has: Bool) {
        let until = ContinuousClock.now + ttl
        tabDevices.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[deviceID] = (has, until)
        }
    }
}

import Foundation
import Synchronization
import TrackerCore

/// A clock a test moves by hand (token expiry, throttle windows).
public final class MutableTime: Sendable {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_000)) {
        current = Mutex(start)
    }

    public var now: Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    public var source: TimeSource { TimeSource { self.now } }
}

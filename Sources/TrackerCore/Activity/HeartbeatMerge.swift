/// The data a heartbeat carries (app, title, url); two heartbeats merge only when it is equal.
public typealias HeartbeatData = ActivityFacts

/// ActivityWatch's heartbeat merge rule (aw-server's `heartbeat`): when the data equals the device's last event
/// and the heartbeat starts within `last.start … last.end + pulsetime`, the last event is extended to
/// `max(last.duration, hb.start − last.start + hb.duration)`; otherwise the heartbeat becomes a new event.
public enum HeartbeatMerge {
    public struct Event: Sendable, Equatable {
        public var start: Int64
        public var duration: Int64
        public var data: HeartbeatData

        public init(start: Int64, duration: Int64, data: HeartbeatData) {
            self.start = start
            self.duration = duration
            self.data = data
        }

        public var end: Int64 { start + duration }
    }

    public enum Decision: Sendable, Equatable {
        /// Extend the last event to this duration (milliseconds).
        case extend(newDuration: Int64)
        case insert
    }

    /// An event never grows past this by merging (a new one starts instead), which bounds how far back the
    /// server must look for events overlapping an hour.
    public static let maxMergedDuration: Int64 = 24 * HourBucket.millis

    public static func decide(last: Event?, heartbeat: Event, pulsetime: Int64) -> Decision {
        decide(last: last.map { ($0.start, $0.duration) }, sameData: last?.data == heartbeat.data,
               start: heartbeat.start, duration: heartbeat.duration, pulsetime: pulsetime)
    }

    /// The same rule when the caller compares the data itself (the event store compares interned text ids).
    public static func decide(
        last: (start: Int64, duration: Int64)?, sameData: Bool, start: Int64, duration: Int64, pulsetime: Int64
    ) -> Decision {
        guard let last, sameData, start >= last.start, start <= last.start + last.duration + pulsetime else { return .insert }
        let merged = max(last.duration, start - last.start + duration)
        return merged > maxMergedDuration ? .insert : .extend(newDuration: merged)
    }
}

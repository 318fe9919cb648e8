import TrackerCore

/// What a write did to a person's hours, for the rollup step of the same transaction.
enum RollupChange: Sendable {
    /// Nothing the rollups count (a zero-length event: it covers no instant).
    case none
    /// Recompute these hours from their raw rows (batches, out-of-order data, idle, anything not appended).
    case hours(Set<Int64>)
    /// Time appended at the end of one event inside one hour: the heartbeat's common case, applied by delta when
    /// nothing else in the hour reaches past `from` (see `RollupWriter.appendDelta`), else recomputed.
    case appended(AppendedTime)
}

/// `[from, to)` appended to an event with `facts`, inside the single UTC hour `hour`.
struct AppendedTime: Sendable, Equatable {
    let hour: Int64
    let from: Int64
    let to: Int64
    let facts: ActivityFacts

    /// The change for `[from, to)`: nothing when empty, `.appended` when it lies in one hour, else the hours.
    static func change(from: Int64, to: Int64, facts: ActivityFacts) -> RollupChange {
        guard to > from else { return .none }
        let hour = HourBucket.floor(from)
        guard to <= hour + HourBucket.millis else { return .hours(Set(HourBucket.hours(from: from, to: to))) }
        return .appended(AppendedTime(hour: hour, from: from, to: to, facts: facts))
    }
}

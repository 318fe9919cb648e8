/// When a person is on shift, for agent configurations with "track only during shifts": activity outside these
/// windows is not stored. Schedules implements it (it builds on Activities, so the protocol lives here and the
/// composition root hands the implementation in).
public protocol ShiftWindows: Sendable {
    /// `employeeID`'s published shifts that overlap `[from, to)` (epoch ms), as `[start, end)` ranges in start order.
    func windows(employeeID: String, from: Int64, to: Int64) async throws -> [Range<Int64>]
}

/// Keeps what starts inside a shift, cut at the shift's end: a shift's last event must not carry the evening into it.
enum ShiftClip {
    static func clip(start: Int64, end: Int64, to windows: [Range<Int64>]) -> Int64? {
        guard let window = windows.first(where: { $0.contains(start) }) else { return nil }
        return min(end, window.upperBound)
    }
}

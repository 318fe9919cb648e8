import Foundation
import SQLKit
import TrackerCore
import TrackerStore

extension ActivityReader {
    /// When any of the person's devices reported anything — an activity event or an idle period — within
    /// `[from, to)`, as merged spans `[start, end]` in epoch milliseconds, in order. Features that ask "was the agent
    /// sending?" (agent silence) read this rather than events.
    public func reportedSpans(employeeID: String, from: Date, to: Date) async throws -> [ClosedRange<Int64>] {
        let lo = from.epochMillis, hi = to.epochMillis
        guard hi > lo else { return [] }
        // Events start at most their longest duration (24 h) before `from`; the key (person, start) bounds the scan.
        let rows = try await database.withConnection { db in
            try await db.raw("""
                SELECT e.start_ms AS s, e.end_ms AS x FROM activity_people p JOIN activity_events e ON e.person_no = p.no
                WHERE p.employee_id = \(bind: employeeID) AND e.start_ms > \(bind: lo - 86_400_000) AND e.start_ms < \(bind: hi)
                  AND e.end_ms >= \(bind: lo)
                UNION ALL
                SELECT start_ms AS s, end_ms AS x FROM idle_periods
                WHERE employee_id = \(bind: employeeID) AND start_ms < \(bind: hi) AND end_ms >= \(bind: lo)
                ORDER BY s LIMIT 200000
                """).all()
        }
        var spans: [ClosedRange<Int64>] = []
        for row in rows {
            let start = max(lo, try row.decode(column: "s", as: Int64.self)), end = min(hi, try row.decode(column: "x", as: Int64.self))
            guard end >= start else { continue }
            if let last = spans.last, start <= last.upperBound {
                spans[spans.count - 1] = last.lowerBound...max(last.upperBound, end)
            } else {
                spans.append(start...end)
            }
        }
        return spans
    }
}

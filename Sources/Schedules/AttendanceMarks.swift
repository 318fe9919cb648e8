import Activities
import SQLKit

/// What a shift write changes for attendance (and for flags, which judge shifts too), marked in the write's transaction: a published assigned shift (before
/// or after the write) changes its own presence and which hours around it count as unscheduled. The mark is the
/// shift widened by the widest arrival and overtime windows a setting allows, so it holds whatever they are.
enum AttendanceMarks {
    /// A shift as attendance counts it: published and assigned.
    struct Span: Sendable, Equatable {
        var employeeID: String
        var start: Int64
        var end: Int64

        init?(employeeID: String?, start: Int64, end: Int64, status: ShiftStatus) {
            guard let employeeID, status == .published else { return nil }
            self.employeeID = employeeID
            self.start = start
            self.end = end
        }

        init?(_ record: ShiftRecord) {
            self.init(employeeID: record.employeeId, start: record.start, end: record.end, status: record.status)
        }

        /// From a row with `employee_id`, `start_ms`, `end_ms` and `status` (a write's `RETURNING`).
        init?(row: any SQLRow) throws {
            self.init(employeeID: try row.decode(column: "employee_id", as: String?.self), start: try row.decode(column: "start_ms", as: Int64.self),
                      end: try row.decode(column: "end_ms", as: Int64.self),
                      status: ShiftStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft)
        }
    }

    /// What a write's `RETURNING` must list for `Span(row:)`.
    static let returning: SQLQueryString = "employee_id, start_ms, end_ms, status"

    static let early = Int64(ScheduleSettings.maxEarlyArrivalMinutes) * 60_000
    static let overtime = Int64(ScheduleSettings.maxOvertimeWindowMinutes) * 60_000

    static func changed(_ spans: [Span?], _ db: any SQLDatabase) async throws {
        let ranges = spans.compactMap { $0 }.map { RollupMarks.Range(employeeID: $0.employeeID, from: $0.start - early, to: $0.end + overtime) }
        guard !ranges.isEmpty else { return }
        try await RollupMarks.mark(db, consumer: AttendanceCache.consumer, ranges)
        // Flags judge shifts too (late start, absence, time outside shifts); gamification rewards on-time starts.
        try await RollupMarks.mark(db, consumers: [RollupMarks.flags, RollupMarks.gamification], ranges)
    }

    static func changed(rows: [any SQLRow], _ db: any SQLDatabase) async throws {
        try await changed(rows.map { try Span(row: $0) }, db)
    }
}

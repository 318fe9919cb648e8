import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// Bulk writing of time off decided elsewhere (Connecteam's time-off requests): upserted by (source, external id) in
/// one transaction, so a request seen again keeps its id and changes only when it changed; approved ones make the
/// person unavailable as ours do. Our own requests (source `local`) are never touched.
public struct TimeOffImport: Sendable {
    let database: any Database
    let time: TimeSource

    public struct Item: Sendable {
        public var employeeId: String
        public var start: Date
        public var end: Date
        public var allDay: Bool
        public var firstDay: String?
        public var lastDay: String?
        public var kind: TimeOff.Kind
        public var status: TimeOff.Status
        public var source: String
        public var externalId: String

        public init(employeeId: String, start: Date, end: Date, allDay: Bool, firstDay: String?, lastDay: String?, kind: TimeOff.Kind,
                    status: TimeOff.Status, source: String, externalId: String) {
            self.employeeId = employeeId
            self.start = start
            self.end = end
            self.allDay = allDay
            self.firstDay = firstDay
            self.lastDay = lastDay
            self.kind = kind
            self.status = status
            self.source = source
            self.externalId = externalId
        }
    }

    /// Writes the items (those with `end` after `start`); returns how many were new or changed.
    @discardableResult
    public func write(_ items: [Item]) async throws -> Int {
        let items = items.filter { $0.end > $0.start && $0.source != "local" }
        guard !items.isEmpty else { return 0 }
        let now = time.now
        return try await database.withTransaction { db in
            var changed = 0
            for item in items {
                let existing = try await db.raw("""
                    SELECT id, employee_id, start_ms, end_ms, all_day, kind, status FROM time_off
                    WHERE source = \(bind: item.source) AND external_id = \(bind: item.externalId)
                    """).first()
                guard let existing else {
                    try await TimeOffStore.insert(TimeOff(
                        id: UUID().uuidString.lowercased(), employeeId: item.employeeId, from: item.start, to: item.end, allDay: item.allDay,
                        firstDay: item.firstDay, lastDay: item.lastDay, kind: item.kind, reason: nil, status: item.status, decidedBy: nil,
                        decidedAt: item.status == .pending ? nil : now, decisionNote: nil, source: item.source, externalId: item.externalId,
                        createdAt: now, updatedAt: now
                    ), db)
                    changed += 1
                    continue
                }
                let same = try existing.decode(column: "employee_id", as: String.self) == item.employeeId
                    && existing.decode(column: "start_ms", as: Int64.self) == item.start.epochMillis
                    && existing.decode(column: "end_ms", as: Int64.self) == item.end.epochMillis
                    && (existing.decode(column: "all_day", as: Int.self) != 0) == item.allDay
                    && existing.decode(column: "kind", as: String.self) == item.kind.rawValue
                    && existing.decode(column: "status", as: String.self) == item.status.rawValue
                if same { continue }
                let seconds = Int64(now.timeIntervalSince1970)
                try await db.raw("""
                    UPDATE time_off SET employee_id = \(bind: item.employeeId), start_ms = \(bind: item.start.epochMillis),
                        end_ms = \(bind: item.end.epochMillis), all_day = \(bind: item.allDay ? 1 : 0), first_day = \(bind: item.firstDay),
                        last_day = \(bind: item.lastDay), kind = \(bind: item.kind.rawValue), status = \(bind: item.status.rawValue),
                        updated_at = \(bind: seconds) WHERE id = \(bind: try existing.decode(column: "id", as: String.self))
                    """).run()
                changed += 1
            }
            return changed
        }
    }

    /// Deletes time off of `source` overlapping `[from, to)` whose external id is not in `keep` (the other system no
    /// longer has it). Returns how many.
    public func removeMissing(source: String, from: Date, to: Date, keep: Set<String>) async throws -> Int {
        guard source != "local" else { return 0 }
        return try await database.withTransaction { db in
            let rows = try await db.raw("""
                SELECT id, external_id FROM time_off WHERE source = \(bind: source) AND start_ms < \(bind: to.epochMillis)
                AND end_ms > \(bind: from.epochMillis)
                """).all()
            var removed = 0
            for row in rows where !keep.contains(try row.decode(column: "external_id", as: String?.self) ?? "") {
                try await db.raw("DELETE FROM time_off WHERE id = \(bind: try row.decode(column: "id", as: String.self))").run()
                removed += 1
            }
            return removed
        }
    }
}

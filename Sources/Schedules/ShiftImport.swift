import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// Bulk writing of shifts that were planned elsewhere — the demo organisation's schedule now, Connecteam's scheduler
/// later — without the rules (the other system decided), in transactions of `batchSize`. A shift with an external id
/// replaces the one with the same (source, external id); our own shifts (source `local`) are never touched by an import
/// from another source.
public struct ShiftImport: Sendable {
    let database: any Database
    let time: TimeSource
    static let batchSize = 500

    public struct Item: Sendable {
        public var teamId: String
        public var locationId: String?
        public var employeeId: String?
        public var start: Date
        public var end: Date
        public var skillId: String?
        public var breakMinutes: Int
        public var published: Bool
        public var source: String
        public var externalId: String?

        public init(teamId: String, locationId: String?, employeeId: String?, start: Date, end: Date, skillId: String?, breakMinutes: Int,
                    published: Bool, source: String, externalId: String?) {
            self.teamId = teamId
            self.locationId = locationId
            self.employeeId = employeeId
            self.start = start
            self.end = end
            self.skillId = skillId
            self.breakMinutes = breakMinutes
            self.published = published
            self.source = source
            self.externalId = externalId
        }
    }

    /// Deletes the shifts of `source` whose external id starts with `prefix` and that overlap `[from, to)`, except
    /// those in `keep`: what the other system no longer has (it reports deletions only by absence). Returns how many.
    public func removeMissing(source: String, prefix: String, from: Date, to: Date, keep: Set<String>) async throws -> Int {
        guard source != "local" else { return 0 }
        return try await database.withTransaction { db in
            let candidates = try await db.raw("""
                SELECT id, external_id FROM shifts WHERE source = \(bind: source) AND external_id LIKE \(bind: prefix + "%")
                AND start_ms < \(bind: to.epochMillis) AND end_ms > \(bind: from.epochMillis)
                """).all()
            var removed = 0
            for row in candidates where !keep.contains(try row.decode(column: "external_id", as: String.self)) {
                let gone = try await db.raw("""
                    DELETE FROM shifts WHERE id = \(bind: try row.decode(column: "id", as: String.self)) RETURNING \(AttendanceMarks.returning)
                    """).all()
                try await AttendanceMarks.changed(rows: gone, db)
                removed += gone.count
            }
            return removed
        }
    }

    /// Writes the items; returns how many. Items that are not shifts (end not after start, over 24 hours) are skipped.
    @discardableResult
    public func write(_ items: [Item]) async throws -> Int {
        let now = Int64(time.now.timeIntervalSince1970)
        let records = items.compactMap { item -> ShiftRecord? in
            let start = item.start.epochMillis, end = item.end.epochMillis
            guard end > start, end - start <= ShiftStore.maxLengthMs else { return nil }
            return ShiftRecord(id: UUID().uuidString.lowercased(), teamId: item.teamId, locationId: item.locationId, employeeId: item.employeeId,
                               start: start, end: end, skillId: item.skillId, breakMinutes: max(0, min(item.breakMinutes, Int((end - start) / 60_000))),
                               notes: nil, status: item.published ? .published : .draft, version: 1, templateId: nil, source: item.source,
                               externalId: item.externalId, createdAt: now, updatedAt: now)
        }
        for chunk in stride(from: 0, to: records.count, by: Self.batchSize) {
            let batch = Array(records[chunk..<min(chunk + Self.batchSize, records.count)])
            try await database.withTransaction { db in
                var fresh: [ShiftRecord] = []
                for record in batch {
                    guard let externalID = record.externalId, record.source != "local" else { fresh.append(record); continue }
                    // The same shift seen again keeps its id (requests and attendance refer to it); only a change writes.
                    let existing = try await db.raw("""
                        SELECT \(unsafeRaw: ShiftRecord.columns.joined(separator: ", ")), NULL AS zone FROM shifts
                        WHERE source = \(bind: record.source) AND external_id = \(bind: externalID)
                        """).first().map { try ShiftRecord(row: $0) }
                    guard let existing else { fresh.append(record); continue }
                    guard existing.teamId != record.teamId || existing.locationId != record.locationId || existing.employeeId != record.employeeId
                        || existing.start != record.start || existing.end != record.end || existing.skillId != record.skillId
                        || existing.breakMinutes != record.breakMinutes || existing.status != record.status else { continue }
                    try await db.raw("""
                        UPDATE shifts SET team_id = \(bind: record.teamId), location_id = \(bind: record.locationId),
                            employee_id = \(bind: record.employeeId), start_ms = \(bind: record.start), end_ms = \(bind: record.end),
                            skill_id = \(bind: record.skillId), break_minutes = \(bind: record.breakMinutes), status = \(bind: record.status.rawValue),
                            version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: existing.id)
                        """).run()
                    try await AttendanceMarks.changed([AttendanceMarks.Span(existing), AttendanceMarks.Span(record)], db)
                }
                guard !fresh.isEmpty else { return }
                var insert = db.insert(into: "shifts").columns(ShiftRecord.columns)
                for record in fresh { insert = insert.values(record.values) }
                try await insert.run()
                try await AttendanceMarks.changed(fresh.map(AttendanceMarks.Span.init), db)
            }
        }
        return records.count
    }
}

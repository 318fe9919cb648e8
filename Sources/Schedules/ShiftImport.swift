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
                let external = batch.compactMap { record in record.externalId.map { (record.source, $0) } }
                for (source, id) in external where source != "local" {
                    let replaced = try await db.raw("""
                        DELETE FROM shifts WHERE source = \(bind: source) AND external_id = \(bind: id) RETURNING \(AttendanceMarks.returning)
                        """).all()
                    try await AttendanceMarks.changed(rows: replaced, db)
                }
                var insert = db.insert(into: "shifts").columns(ShiftRecord.columns)
                for record in batch { insert = insert.values(record.values) }
                try await insert.run()
                try await AttendanceMarks.changed(batch.map(AttendanceMarks.Span.init), db)
            }
        }
        return records.count
    }
}

import Foundation
import SQLKit
import Synchronization

/// What one feature keeps about a person, for the person's data export and for erasure. The feature that owns the
/// tables implements it; SystemControl assembles the parts and knows no table.
public protocol PersonalDataPart: Sendable {
    /// Adds the person's data to `export` as files (reads only).
    func export(person: String, into export: PersonalExport) async throws
    /// Inside the caller's transaction: deletes what is the person's, and anonymises where someone else's record
    /// names them (a flag they were assigned, a rule they wrote). Returns rows per kind, for the audit entry.
    func erase(_ subject: PersonalSubject, in db: any SQLDatabase) async throws -> [String: Int]
    /// Inside the erasure's transaction, before any part erases: takes the locks a background writer of the feature
    /// holds while it derives rows from the person's data, so that no such writer commits rows about the person after
    /// the erasure deleted them (default: none).
    func lockForErasure(in db: any SQLDatabase, engine: DatabaseEngineKind) async throws
}

extension PersonalDataPart {
    public func lockForErasure(in db: any SQLDatabase, engine: DatabaseEngineKind) async throws {}
}

/// Who is being erased: their id, and their devices' ids (every device they ever enrolled, revoked ones too), which
/// features below Auth know only by id.
public struct PersonalSubject: Sendable {
    public var id: String
    public var deviceIDs: [String]

    public init(id: String, deviceIDs: [String]) {
        self.id = id
        self.deviceIDs = deviceIDs
    }
}

/// The files of one person's data export, in the order added.
public final class PersonalExport: Sendable {
    private let files = Mutex<[(name: String, bytes: [UInt8])]>([])

    public init() {}

    public func add(_ name: String, _ bytes: [UInt8]) {
        files.withLock { $0.append((name, bytes)) }
    }

    public func add(_ name: String, text: String) { add(name, Array(text.utf8)) }

    public var all: [(name: String, bytes: [UInt8])] { files.withLock { $0 } }
}

/// Rows as plain JSON for an export: every column under its own name, numbers as numbers, text as text, NULL as null.
/// (Epoch columns keep their units, named by their suffix: `_ms` milliseconds, `_at` as stored; the export's README
/// says so.)
public enum PersonalRows {
    public static func json(_ rows: [any SQLRow], omitting omitted: Set<String> = []) throws -> [UInt8] {
        let objects: [[String: Any]] = try rows.map { row in
            var object: [String: Any] = [:]
            for column in row.allColumns where !omitted.contains(column) {
                object[column] = try value(row, column)
            }
            return object
        }
        return Array(try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys]))
    }

    private static func value(_ row: any SQLRow, _ column: String) throws -> Any {
        if try row.decodeNil(column: column) { return NSNull() }
        if let n = try? row.decode(column: column, as: Int64.self) { return n }
        if let d = try? row.decode(column: column, as: Double.self) { return d }
        if let b = try? row.decode(column: column, as: Bool.self) { return b }
        return try row.decode(column: column, as: String.self)
    }
}

extension SQLDatabase {
    /// Runs a `DELETE` or `UPDATE` that ends in `RETURNING 1` and says how many rows it touched.
    public func rowsTouched(_ statement: SQLQueryString) async throws -> Int {
        try await raw(statement).all().count
    }
}

import Auth
import Foundation
import Logging
import SQLKit
import TrackerCore
import TrackerStore

/// A person's data: all of it as one ZIP (their right of access), and its erasure (their right to be forgotten),
/// assembled from the parts every feature hands over. An erasure runs in one transaction — all of it or nothing —
/// and leaves one audit entry that names only the erased person's id.
public struct PrivacyService: Sendable {
    let database: any Database
    /// Every feature's part; Auth's comes last (the others' rows name the person, and its row goes last).
    let parts: [any PersonalDataPart]
    let directory: any DirectoryRepository
    /// Every device a person ever enrolled (revoked ones too).
    let deviceIDs: @Sendable (String) async throws -> [String]
    let time: TimeSource
    let logger: Logger

    /// One erasure, as its audit entry keeps it.
    public struct Erasure: Codable, Sendable, Equatable {
        public var id: String
        public var erasedAt: Date
        public var subjectId: String
        public var actorId: String
        public var reason: String
        /// Rows removed per kind (events, idle periods, flags, …).
        public var counts: [String: Int]
    }

    /// The ZIP of everything kept about `person`: a README, then each feature's files.
    func export(_ person: Employee) async throws -> [UInt8] {
        let export = PersonalExport()
        for part in parts { try await part.export(person: person.id, into: export) }
        let now = time.now
        var zip = ZipArchive(modified: now)
        try zip.add("README.txt", Array(Self.readme(person: person, at: now, files: export.all.map(\.name)).utf8))
        for file in export.all { try zip.add(file.name, file.bytes) }
        return try zip.finished()
    }

    static func readme(person: Employee, at: Date, files: [String]) -> String {
        """
        Personal data export — Productivity Tracker

        Person: \(person.id)
        Made at: \(ISO8601DateFormatter().string(from: at)) (UTC)

        Everything this server keeps about you, one file per kind. JSON files hold the stored rows with their column
        names; times ending in _ms are milliseconds since 1970-01-01 UTC, other *_at columns are as stored (seconds or
        milliseconds since 1970, UTC). activity/events.csv lists every activity event with RFC 3339 times.
        Secrets (password and token hashes) are not included.

        Files:
        \(files.map { "  " + $0 }.joined(separator: "\n"))

        """
    }

    /// Erases `employeeID` for `actor` (an administrator), who typed the person's email address as `confirm`.
    func erase(employeeID: String, by actor: UserIdentity, confirm: String, reason: String) async throws -> Erasure {
        guard let subject = try await directory.employee(id: employeeID) else { throw DirectoryError.employeeNotFound }
        guard subject.id != actor.employeeID else {
            throw SimpleAppError(.conflict, code: "cannot_erase_yourself", message: "An administrator cannot erase themselves; ask another administrator.")
        }
        guard confirm.trimmingCharacters(in: .whitespaces).lowercased() == subject.email.lowercased() else {
            throw SimpleAppError.invalid("confirm", "must be the email address of the person to erase, typed out")
        }
        if subject.role == .admin, subject.status == .active, try await directory.activeAdminCount() <= 1 {
            throw SimpleAppError(.conflict, code: "last_admin", message: "The last active administrator cannot be erased.")
        }
        let parts = self.parts, engine = database.engine
        let erasure = Erasure(id: UUID().uuidString.lowercased(), erasedAt: time.now, subjectId: subject.id, actorId: actor.employeeID,
                              reason: reason, counts: [:])
        let devices = try await deviceIDs(subject.id)
        let done = try await database.withTransaction { db -> Erasure in
            try await db.lockRow(table: "employees", id: subject.id, engine: engine)
            for part in parts { try await part.lockForErasure(in: db, engine: engine) }
            var erasure = erasure
            for part in parts {
                erasure.counts.merge(try await part.erase(PersonalSubject(id: subject.id, deviceIDs: devices), in: db)) { $0 + $1 }
            }
            let counts = String(decoding: try JSONEncoder.sorted.encode(erasure.counts), as: UTF8.self)
            try await db.raw("""
                INSERT INTO erasure_audit (id, erased_at, subject_id, actor_id, reason, counts)
                VALUES (\(bind: erasure.id), \(bind: erasure.erasedAt.epochMillis), \(bind: erasure.subjectId), \(bind: erasure.actorId),
                        \(bind: erasure.reason), \(bind: counts))
                """).run()
            return erasure
        }
        logger.notice("person erased", metadata: ["erasure": "\(done.id)", "subject": "\(done.subjectId)", "actor": "\(done.actorId)"])
        return done
    }

    /// The audit log of erasures, newest first.
    func erasures(limit: Int) async throws -> [Erasure] {
        try await database.withConnection { db in
            try await db.raw("""
                SELECT id, erased_at, subject_id, actor_id, reason, counts FROM erasure_audit ORDER BY erased_at DESC, id DESC
                LIMIT \(literal: limit)
                """).all().map { row in
                Erasure(id: try row.decode(column: "id", as: String.self),
                        erasedAt: Date(epochMillis: try row.decode(column: "erased_at", as: Int64.self)),
                        subjectId: try row.decode(column: "subject_id", as: String.self), actorId: try row.decode(column: "actor_id", as: String.self),
                        reason: try row.decode(column: "reason", as: String.self),
                        counts: (try? JSONDecoder().decode([String: Int].self, from: Data(try row.decode(column: "counts", as: String.self).utf8))) ?? [:])
            }
        }
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }
}

import Auth
import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// A person's secret iCalendar feed of their published shifts: one token per person, shown once, rotatable and
/// revocable; the feed needs no other authentication (calendar apps cannot send any).
public struct CalendarService: Sendable {
    let database: any Database
    let directory: any DirectoryRepository
    let time: TimeSource

    /// The feed covers published shifts from this long ago …
    static let pastDays = 60
    /// … to this far ahead, at most this many.
    static let futureDays = 400
    static let maxEvents = 2_000

    public struct Issued: Codable, Sendable {
        /// The feed's path on this server (prefix it with the server's address); shown once.
        public var path: String
        public var token: String
    }

    /// A new token for the asker; the previous one stops working.
    public func rotate(by user: UserIdentity) async throws -> Issued {
        let (token, hash) = TokenSecrets.make(.calendar, id: user.employeeID)
        let now = Int64(time.now.timeIntervalSince1970)
        try await database.withTransaction { db in
            try await db.raw("DELETE FROM calendar_tokens WHERE employee_id = \(bind: user.employeeID)").run()
            try await db.raw("""
                INSERT INTO calendar_tokens (employee_id, token_hash, created_at) VALUES (\(bind: user.employeeID), \(bind: hash), \(bind: now))
                """).run()
        }
        return Issued(path: "/api/schedule/calendar/\(token).ics", token: token)
    }

    public func revoke(by user: UserIdentity) async throws {
        try await database.withSingleStatementWrite { db in
            try await db.raw("DELETE FROM calendar_tokens WHERE employee_id = \(bind: user.employeeID)").run()
        }
    }

    /// The feed for `file` (`<token>.ics`); nil when the token is unknown, revoked or malformed.
    public func feed(file: String) async throws -> String? {
        guard file.hasSuffix(".ics"), let parsed = TokenSecrets.parse(String(file.dropLast(4)), as: .calendar) else { return nil }
        let now = time.now.epochMillis
        let lo = now - Int64(Self.pastDays) * 86_400_000, hi = now + Int64(Self.futureDays) * 86_400_000
        let rows = try await database.withConnection { db -> [any SQLRow]? in
            guard let stored = try await db.raw("SELECT token_hash FROM calendar_tokens WHERE employee_id = \(bind: parsed.id)").first()?
                .decode(column: "token_hash", as: String.self), TokenSecrets.matches(parsed.secret, storedHash: stored) else { return nil }
            return try await db.raw("""
                SELECT s.id, s.start_ms, s.end_ms, s.version, s.updated_at, s.notes, s.break_minutes, l.name AS location, l.address
                FROM shifts s LEFT JOIN schedule_locations l ON l.id = s.location_id
                WHERE s.employee_id = \(bind: parsed.id) AND s.status = 'published' AND s.start_ms >= \(bind: lo) AND s.start_ms < \(bind: hi)
                ORDER BY s.start_ms, s.id LIMIT \(literal: Self.maxEvents)
                """).all()
        }
        guard let rows, let person = try await directory.employee(id: parsed.id), person.status == .active else { return nil }
        let events = try rows.map { row in
            let location = try row.decode(column: "location", as: String?.self)
            let address = try row.decode(column: "address", as: String?.self)
            let breakMinutes = try row.decode(column: "break_minutes", as: Int.self)
            let notes = try row.decode(column: "notes", as: String?.self)
            let details = [notes, breakMinutes > 0 ? "Unpaid break: \(breakMinutes) min" : nil].compactMap { $0 }
            return ICalendar.Event(
                uid: "\(try row.decode(column: "id", as: String.self))@productivity-tracker",
                stamp: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "updated_at", as: Int64.self))),
                start: Date(epochMillis: try row.decode(column: "start_ms", as: Int64.self)),
                end: Date(epochMillis: try row.decode(column: "end_ms", as: Int64.self)),
                summary: location.map { "Shift at \($0)" } ?? "Shift", location: [location, address].compactMap { $0 }.joined(separator: ", ").nilIfEmpty,
                description: details.isEmpty ? nil : details.joined(separator: "\n"), sequence: try row.decode(column: "version", as: Int64.self)
            )
        }
        return ICalendar.document(name: "\(person.name) — shifts", events: events)
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

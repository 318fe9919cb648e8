import Foundation
import SQLKit
import TrackerCore
import TrackerHTTP
import TrackerStore

/// The `flags` and `flag_events` tables. Writes run inside the caller's transaction.
enum FlagStore {
    static let columns: SQLQueryString = """
        id, rule, employee_id, team_id, period_key, period_from, period_to, severity, state, evidence, assignee_id,
        raised_at, updated_at, version
        """

    static func decode(_ row: any SQLRow) throws -> Flag {
        let evidenceText = try row.decode(column: "evidence", as: String.self)
        return Flag(
            id: try row.decode(column: "id", as: String.self),
            rule: FlagRule(rawValue: try row.decode(column: "rule", as: String.self)) ?? .lowActivity,
            employeeId: try row.decode(column: "employee_id", as: String.self),
            teamId: try row.decode(column: "team_id", as: String?.self),
            periodKey: try row.decode(column: "period_key", as: String.self),
            periodFrom: Date(epochMillis: try row.decode(column: "period_from", as: Int64.self)),
            periodTo: Date(epochMillis: try row.decode(column: "period_to", as: Int64.self)),
            severity: FlagSeverity(rawValue: try row.decode(column: "severity", as: String.self)) ?? .info,
            state: FlagState(rawValue: try row.decode(column: "state", as: String.self)) ?? .open,
            evidence: try JSONCoding.decoder.decode(FlagEvidence.self, from: Data(evidenceText.utf8)),
            assigneeId: try row.decode(column: "assignee_id", as: String?.self),
            raisedAt: Date(epochMillis: try row.decode(column: "raised_at", as: Int64.self)),
            updatedAt: Date(epochMillis: try row.decode(column: "updated_at", as: Int64.self)),
            version: try row.decode(column: "version", as: Int64.self),
            history: nil
        )
    }

    static func encode(_ evidence: FlagEvidence) throws -> String {
        String(decoding: try JSONCoding.encoder.encode(evidence), as: UTF8.self)
    }

    static func get(_ id: String, _ db: any SQLDatabase, forUpdate: Bool = false, engine: DatabaseEngineKind = .sqlite) async throws -> Flag? {
        let lock: SQLQueryString = forUpdate && engine == .postgres ? " FOR UPDATE" : ""
        return try await db.raw("SELECT \(columns) FROM flags WHERE id = \(bind: id)" + lock).first().map(decode)
    }

    /// A person's flags with one of `keys` as period, and their shift flags overlapping `[from, to)`.
    static func person(_ employeeID: String, keys: [String], shiftsFrom from: Date, to: Date, _ db: any SQLDatabase) async throws -> [Flag] {
        var query: SQLQueryString = "SELECT \(columns) FROM flags WHERE employee_id = \(bind: employeeID) AND ("
        query += "(period_key LIKE 'shift:%' AND period_from < \(bind: to.epochMillis) AND period_to > \(bind: from.epochMillis))"
        if !keys.isEmpty { query += " OR period_key IN (\(binds: keys))" }
        query += ")"
        return try await db.raw(query).all().map(decode)
    }

    static func insert(_ flag: Flag, _ db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO flags (\(columns)) VALUES (\(bind: flag.id), \(bind: flag.rule.rawValue), \(bind: flag.employeeId),
              \(bind: flag.teamId), \(bind: flag.periodKey), \(bind: flag.periodFrom.epochMillis), \(bind: flag.periodTo.epochMillis),
              \(bind: flag.severity.rawValue), \(bind: flag.state.rawValue), \(bind: try encode(flag.evidence)), \(bind: flag.assigneeId),
              \(bind: flag.raisedAt.epochMillis), \(bind: flag.updatedAt.epochMillis), \(bind: flag.version))
            """).run()
    }

    /// Writes every mutable field of `flag` (its id and key stay).
    static func update(_ flag: Flag, _ db: any SQLDatabase) async throws {
        try await db.raw("""
            UPDATE flags SET team_id = \(bind: flag.teamId), period_from = \(bind: flag.periodFrom.epochMillis),
              period_to = \(bind: flag.periodTo.epochMillis), severity = \(bind: flag.severity.rawValue), state = \(bind: flag.state.rawValue),
              evidence = \(bind: try encode(flag.evidence)), assignee_id = \(bind: flag.assigneeId),
              updated_at = \(bind: flag.updatedAt.epochMillis), version = \(bind: flag.version)
            WHERE id = \(bind: flag.id)
            """).run()
    }

    static func appendEvent(_ event: FlagEvent, flagID: String, _ db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO flag_events (flag_id, version, at_ms, actor_id, kind, from_state, to_state, note)
            VALUES (\(bind: flagID), \(bind: event.version), \(bind: event.at.epochMillis), \(bind: event.actorId),
              \(bind: event.kind.rawValue), \(bind: event.fromState?.rawValue), \(bind: event.toState?.rawValue), \(bind: event.note))
            """).run()
    }

    static func history(_ flagID: String, _ db: any SQLDatabase) async throws -> [FlagEvent] {
        try await db.raw("""
            SELECT version, at_ms, actor_id, kind, from_state, to_state, note FROM flag_events WHERE flag_id = \(bind: flagID) ORDER BY version
            """).all().map { row in
            FlagEvent(
                version: try row.decode(column: "version", as: Int64.self),
                at: Date(epochMillis: try row.decode(column: "at_ms", as: Int64.self)),
                actorId: try row.decode(column: "actor_id", as: String?.self),
                kind: FlagEvent.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .comment,
                fromState: try row.decode(column: "from_state", as: String?.self).flatMap(FlagState.init(rawValue:)),
                toState: try row.decode(column: "to_state", as: String?.self).flatMap(FlagState.init(rawValue:)),
                note: try row.decode(column: "note", as: String?.self)
            )
        }
    }

    /// What a list may be narrowed to. `teamIDs` nil: every team (and people without one).
    struct Filter: Sendable {
        var teamIDs: [String]?
        var employeeID: String?
        var rules: [FlagRule]?
        var states: [FlagState]?
        var severities: [FlagSeverity]?
        var from: Int64?
        var to: Int64?
    }

    /// Newest period first (then id), `limit + 1` rows after `after` (`[periodFrom, id]`).
    static func list(_ filter: Filter, after: [String]?, limit: Int, _ db: any SQLDatabase) async throws -> [Flag] {
        var query: SQLQueryString = "SELECT \(columns) FROM flags WHERE 1 = 1"
        if let teams = filter.teamIDs { query += teams.isEmpty ? " AND 1 = 0" : " AND team_id IN (\(binds: teams))" }
        if let person = filter.employeeID { query += " AND employee_id = \(bind: person)" }
        // An empty list matches nothing (`IN ()` is not SQL).
        if let rules = filter.rules { query += rules.isEmpty ? " AND 1 = 0" : " AND rule IN (\(binds: rules.map(\.rawValue)))" }
        if let states = filter.states { query += states.isEmpty ? " AND 1 = 0" : " AND state IN (\(binds: states.map(\.rawValue)))" }
        if let severities = filter.severities {
            query += severities.isEmpty ? " AND 1 = 0" : " AND severity IN (\(binds: severities.map(\.rawValue)))"
        }
        if let from = filter.from { query += " AND period_to > \(bind: from)" }
        if let to = filter.to { query += " AND period_from < \(bind: to)" }
        if let after, after.count == 2, let periodFrom = Int64(after[0]) {
            query += " AND (period_from < \(bind: periodFrom) OR (period_from = \(bind: periodFrom) AND id < \(bind: after[1])))"
        }
        query += " ORDER BY period_from DESC, id DESC LIMIT \(literal: limit + 1)"
        return try await db.raw(query).all().map(decode)
    }
}

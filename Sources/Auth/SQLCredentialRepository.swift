import Foundation
import SQLKit
import TrackerStore

public struct SQLCredentialRepository: CredentialRepository {
    private let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    private static func epoch(_ date: Date?) -> Int? { date.map { Int($0.timeIntervalSince1970) } }
    private static func date(_ seconds: Int?) -> Date? { seconds.map { Date(timeIntervalSince1970: TimeInterval($0)) } }

    // MARK: refresh tokens

    private static let refreshColumns = ["id", "family_id", "employee_id", "secret_hash", "created_at", "expires_at", "rotated_at", "revoked_at"]

    private static func insert(_ token: RefreshTokenRecord, db: any SQLDatabase) async throws {
        try await db.insert(into: "refresh_tokens").columns(refreshColumns).values(
            SQLBind(token.id), SQLBind(token.familyID), SQLBind(token.employeeID), SQLBind(token.secretHash),
            SQLBind(epoch(token.createdAt)), SQLBind(epoch(token.expiresAt)), SQLBind(epoch(token.rotatedAt)), SQLBind(epoch(token.revokedAt))
        ).run()
    }

    public func insertRefreshToken(_ token: RefreshTokenRecord) async throws {
        try await database.withTransaction { db in try await Self.insert(token, db: db) }
    }

    public func refreshToken(id: String) async throws -> RefreshTokenRecord? {
        try await database.withConnection { db in
            guard let row = try await db.select().columns(Self.refreshColumns).from("refresh_tokens").where("id", .equal, id).first()
            else { return nil }
            return RefreshTokenRecord(
                id: try row.decode(column: "id", as: String.self),
                familyID: try row.decode(column: "family_id", as: String.self),
                employeeID: try row.decode(column: "employee_id", as: String.self),
                secretHash: try row.decode(column: "secret_hash", as: String.self),
                createdAt: Self.date(try row.decode(column: "created_at", as: Int.self))!,
                expiresAt: Self.date(try row.decode(column: "expires_at", as: Int.self))!,
                rotatedAt: Self.date(try row.decode(column: "rotated_at", as: Int?.self)),
                revokedAt: Self.date(try row.decode(column: "revoked_at", as: Int?.self))
            )
        }
    }

    public func rotateRefreshToken(id: String, next: RefreshTokenRecord, at: Date) async throws -> Bool {
        try await database.withTransaction { db in
            // The conditional UPDATE is the lock: of two concurrent refreshes only one sees its row still unrotated.
            let rotated = try await db.update("refresh_tokens").set("rotated_at", to: Self.epoch(at))
                .where("id", .equal, id).where("rotated_at", .is, SQLLiteral.null).where("revoked_at", .is, SQLLiteral.null)
                .returning("id").all()
            guard !rotated.isEmpty else { return false }
            try await Self.insert(next, db: db)
            return true
        }
    }

    public func revokeRefreshFamily(_ familyID: String, at: Date) async throws {
        try await database.withTransaction { db in
            try await db.update("refresh_tokens").set("revoked_at", to: Self.epoch(at))
                .where("family_id", .equal, familyID).where("revoked_at", .is, SQLLiteral.null).run()
        }
    }

    public func revokeAllRefreshTokens(employeeID: String, at: Date) async throws {
        try await database.withTransaction { db in
            try await db.update("refresh_tokens").set("revoked_at", to: Self.epoch(at))
                .where("employee_id", .equal, employeeID).where("revoked_at", .is, SQLLiteral.null).run()
        }
    }

    // MARK: reset tokens

    public func sessionIsLive(_ sessionID: String, employeeID: String, now: Date) async throws -> Bool {
        try await database.withConnection { db in
            try await db.select().column("id").from("refresh_tokens")
                .where("family_id", .equal, sessionID).where("employee_id", .equal, employeeID)
                .where("revoked_at", .is, SQLLiteral.null).where("expires_at", .greaterThan, Self.epoch(now))
                .limit(1).first() != nil
        }
    }

    public func insertResetToken(_ token: ResetTokenRecord) async throws {
        try await database.withTransaction { db in
            try await db.insert(into: "password_reset_tokens")
                .columns("id", "employee_id", "secret_hash", "created_by", "created_at", "expires_at", "used_at")
                .values(
                    SQLBind(token.id), SQLBind(token.employeeID), SQLBind(token.secretHash), SQLBind(token.createdBy),
                    SQLBind(Self.epoch(token.createdAt)), SQLBind(Self.epoch(token.expiresAt)), SQLBind(Self.epoch(token.usedAt))
                ).run()
        }
    }

    public func resetToken(id: String) async throws -> ResetTokenRecord? {
        try await database.withConnection { db in
            guard let row = try await db.select()
                .columns("id", "employee_id", "secret_hash", "created_by", "created_at", "expires_at", "used_at")
                .from("password_reset_tokens").where("id", .equal, id).first()
            else { return nil }
            return ResetTokenRecord(
                id: try row.decode(column: "id", as: String.self),
                employeeID: try row.decode(column: "employee_id", as: String.self),
                secretHash: try row.decode(column: "secret_hash", as: String.self),
                createdBy: try row.decode(column: "created_by", as: String.self),
                createdAt: Self.date(try row.decode(column: "created_at", as: Int.self))!,
                expiresAt: Self.date(try row.decode(column: "expires_at", as: Int.self))!,
                usedAt: Self.date(try row.decode(column: "used_at", as: Int?.self))
            )
        }
    }

    public func consumeResetToken(id: String, at: Date) async throws -> Bool {
        try await database.withTransaction { db in
            let used = try await db.update("password_reset_tokens").set("used_at", to: Self.epoch(at))
                .where("id", .equal, id).where("used_at", .is, SQLLiteral.null).returning("id").all()
            return !used.isEmpty
        }
    }

    // MARK: throttle

    public func countAttempt(key: String, policy: ThrottlePolicy, now: Date) async throws -> ThrottleDecision {
        let nowSeconds = Int64(now.timeIntervalSince1970), nonce = UUID().uuidString
        let forgetBefore = nowSeconds - Int64(policy.forgetAfterSeconds)
        // Lock-out by count as a CASE over the (few) distinct durations before the cap: literal config numbers.
        func lockUntil(_ count: SQLQueryString) -> SQLQueryString {
            var durations: SQLQueryString = "CASE (\(count)) - \(literal: policy.limit)"
            var step = 0
            while step < 24, policy.lockSeconds(policy.limit + step) < policy.lockSeconds(policy.limit + step + 1) {
                durations += " WHEN \(literal: step) THEN \(literal: policy.lockSeconds(policy.limit + step))"
                step += 1
            }
            durations += " ELSE \(literal: policy.lockSeconds(policy.limit + step)) END"
            return "CASE WHEN (\(count)) >= \(literal: policy.limit) THEN \(bind: nowSeconds) + \(durations) ELSE NULL END"
        }
        let locked: SQLQueryString = "(login_throttle.locked_until IS NOT NULL AND login_throttle.locked_until > \(bind: nowSeconds))"
        let counted: SQLQueryString = "(CASE WHEN login_throttle.last_failure_at < \(bind: forgetBefore) THEN 1 ELSE login_throttle.failures + 1 END)"
        let firstLock: Int64? = policy.limit <= 1 ? nowSeconds + Int64(policy.lockSeconds(1)) : nil
        let query: SQLQueryString = """
            INSERT INTO login_throttle (key, failures, last_failure_at, locked_until, attempt)
            VALUES (\(bind: key), 1, \(bind: nowSeconds), \(bind: firstLock), \(bind: nonce))
            ON CONFLICT (key) DO UPDATE SET
              failures = CASE WHEN \(locked) THEN login_throttle.failures ELSE \(counted) END,
              last_failure_at = CASE WHEN \(locked) THEN login_throttle.last_failure_at ELSE \(bind: nowSeconds) END,
              locked_until = CASE WHEN \(locked) THEN login_throttle.locked_until ELSE \(lockUntil(counted)) END,
              attempt = CASE WHEN \(locked) THEN login_throttle.attempt ELSE \(bind: nonce) END
            RETURNING failures, locked_until, attempt
            """
        return try await database.withSingleStatementWrite { db in
            guard let row = try await db.raw(query).first() else { return .counted(1) }
            if try row.decode(column: "attempt", as: String?.self) == nonce {
                return .counted(try row.decode(column: "failures", as: Int.self))
            }
            let until = try row.decode(column: "locked_until", as: Int64?.self) ?? nowSeconds
            return .locked(retryAfterSeconds: Int(max(1, min(until - nowSeconds, 86_400 * 365))))
        }
    }

    public func releaseAttempt(key: String, clear: Bool) async throws {
        try await database.withSingleStatementWrite { db in
            if clear {
                try await db.delete(from: "login_throttle").where("key", .equal, key).run()
            } else {
                try await db.raw("""
                    UPDATE login_throttle SET failures = CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END WHERE key = \(bind: key)
                    """).run()
            }
        }
    }
}

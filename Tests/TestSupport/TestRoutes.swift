import Auth
import Foundation
import Hummingbird
import SQLKit
import TrackerHTTP
import TrackerStore

/// Probe routes that tests add through `AppDependencies.extraRoutes`: they exercise the real pool through the
/// real middleware stack, and are never registered in production.
public enum TestRoutes {
    public struct Boom: Error {
        public let detail = "password=hunter2 at db.internal:5432"
    }

    public static let all: @Sendable (Router<AppRequestContext>, any Database) -> Void = { router, database in
        let group = router.group("test")
        // One quick query.
        group.get("db") { _, _ -> String in
            try await database.withConnection { db in try await db.raw("SELECT 1").run() }
            return "ok"
        }
        // Holds one connection for `ms` milliseconds (server-side on PostgreSQL, so pg_stat_activity sees it).
        group.get("hold") { request, _ -> String in
            let ms = request.uri.queryParameters.get("ms", as: Int.self) ?? 1000
            try await database.withConnection { db in
                if database.engine == .postgres {
                    try await db.raw("SELECT pg_sleep(\(literal: Double(ms) / 1000))").run()
                } else {
                    try await Task.sleep(for: .milliseconds(ms))
                }
            }
            return "held"
        }
        group.get("boom") { _, _ -> String in throw Boom() }
        // Creates an administrator the way `admin create` does (a fresh installation has no one to sign in as).
        group.post("bootstrap-admin") { request, context -> HTTPResponse.Status in
            struct Body: Decodable { let email: String; let password: String }
            let body = try await request.decode(as: Body.self, context: context)
            var settings = AuthSettings(signingKey: Array(repeating: 7, count: 32))
            settings.bcryptCost = 4
            let identity = await IdentityModule(database: database, settings: settings, time: .system)
            _ = try await AdminBootstrap(directory: identity.directory).createAdmin(email: body.email, name: "Admin", password: body.password)
            return .created
        }
        // How many (hour, shard) organisation rollups differ from the sum of the employee rollups (should be 0).
        group.get("org-rollup-drift") { _, _ -> String in
            try await database.withConnection { db in
                let measures = OrganizationRollupSchema.measures
                func load(_ sql: SQLQueryString) async throws -> [String: [Int64]] {
                    var result: [String: [Int64]] = [:]
                    for row in try await db.raw(sql).all() {
                        let key = "\(try row.decode(column: "hour_start", as: Int64.self))/\(try row.decode(column: "shard", as: String.self))"
                        let values = try measures.map { try row.decode(column: $0, as: Int64.self) }
                        if values.contains(where: { $0 != 0 }) { result[key] = values }
                    }
                    return result
                }
                let stored = try await load("SELECT hour_start, shard, \(unsafeRaw: measures.joined(separator: ", ")) FROM org_hourly_rollups")
                let summed = try await load("""
                    SELECT hour_start, substr(employee_id, 1, 1) AS shard, \(unsafeRaw: measures.map { "CAST(SUM(\($0)) AS BIGINT) AS \($0)" }.joined(separator: ", "))
                    FROM hourly_rollups GROUP BY hour_start, substr(employee_id, 1, 1)
                    """)
                let drift = Set(stored.keys).union(summed.keys).filter { stored[$0] != summed[$0] }.count
                return "\(drift) of \(summed.count)"
            }
        }
        group.get("dberror") { _, _ -> String in
            try await database.withConnection { db in try await db.raw("SELECT * FROM no_such_table_xyz").run() }
            return "unreachable"
        }
    }
}

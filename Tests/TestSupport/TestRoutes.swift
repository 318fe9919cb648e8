import Auth
import Foundation
import Hummingbird
import Logging
import Schedules
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
        // Derived rollups kept by delta must equal a fresh aggregation of the hourly rollups: "<differing> of <rows>".
        group.get("org-rollup-drift") { _, _ -> String in
            let measures = OrganizationRollupSchema.measures
            return try await drift(database, keys: ["hour_start", "shard"], measures: measures,
                stored: "SELECT hour_start, shard, \(unsafeRaw: measures.joined(separator: ", ")) FROM org_hourly_rollups",
                fresh: """
                    SELECT hour_start, substr(employee_id, 1, 1) AS shard, \(unsafeRaw: measures.map { "CAST(SUM(\($0)) AS BIGINT) AS \($0)" }.joined(separator: ", "))
                    FROM hourly_rollups GROUP BY hour_start, substr(employee_id, 1, 1)
                    """)
        }
        group.get("daily-app-drift") { _, _ -> String in
            try await drift(database, keys: ["employee_id", "day_start", "app", "category"], measures: ["ms"],
                stored: "SELECT employee_id, day_start, app, category, ms FROM daily_app_rollups",
                fresh: """
                    SELECT employee_id, (hour_start / 86400000) * 86400000 AS day_start, app, category, CAST(SUM(ms) AS BIGINT) AS ms
                    FROM hourly_app_rollups GROUP BY employee_id, (hour_start / 86400000) * 86400000, app, category
                    """)
        }
        group.get("org-app-drift") { _, _ -> String in
            try await drift(database, keys: ["day_start", "shard", "app", "category"], measures: ["ms"],
                stored: "SELECT day_start, shard, app, category, ms FROM org_daily_app_rollups",
                fresh: """
                    SELECT day_start, substr(employee_id, 1, 1) AS shard, app, category, CAST(SUM(ms) AS BIGINT) AS ms
                    FROM daily_app_rollups GROUP BY day_start, substr(employee_id, 1, 1), app, category
                    """)
        }
        // The schedule notification outbox, oldest first: one "event team_id shift_id shift_count" line per row.
        group.get("schedule-outbox") { _, _ -> String in
            try await database.withConnection { db in
                try await db.raw("SELECT event, team_id, shift_id, payload FROM schedule_outbox ORDER BY seq").all().map { row in
                    let payload = try row.decode(column: "payload", as: String.self)
                    let count = payload.components(separatedBy: "shiftIds").count > 1
                        ? (try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any])?["shiftIds"].flatMap { ($0 as? [Any])?.count } ?? 0 : 0
                    return [try row.decode(column: "event", as: String.self), try row.decode(column: "team_id", as: String?.self) ?? "-",
                            try row.decode(column: "shift_id", as: String?.self) ?? "-", String(count)].joined(separator: " ")
                }.joined(separator: "\n")
            }
        }
        // Attendance's change marks waiting ({"marks": n}); POST: one run of the background refresher first.
        @Sendable func attendanceMarks() async throws -> String {
            try await database.withConnection { db in
                let n = try await db.raw("SELECT COUNT(*) AS n FROM rollup_marks WHERE consumer = 'attendance'").first()?.decode(column: "n", as: Int.self) ?? -1
                return "{\"marks\":\(n)}"
            }
        }
        group.get("attendance-marks") { _, _ -> String in try await attendanceMarks() }
        group.post("attendance-marks") { _, _ -> String in
            await AttendanceRefresher(database: database, settings: ScheduleSettingsStore(database: database), time: .system,
                                      logger: Logger(label: "test")).refresh()
            return try await attendanceMarks()
        }
        // A restarted instance's first pass over the planner's jobs as of `now` (epoch seconds): {"failed": [ids]}.
        group.post("optimize-interrupted") { request, _ -> String in
            let now = Date(timeIntervalSince1970: request.uri.queryParameters.get("now", as: Double.self) ?? Date().timeIntervalSince1970)
            let ids = try await OptimizeRunner.failInterrupted(database: database, at: now)
            return "{\"failed\":[" + ids.map { "\"\($0)\"" }.joined(separator: ",") + "]}"
        }
        // The planner's jobs as stored (no access checks: for reading after the app that ran them stopped).
        group.get("optimize-jobs") { _, _ -> String in
            let rows = try await database.withConnection { db in
                try await db.raw("SELECT id, status FROM optimize_jobs ORDER BY created_at, id").all()
            }
            return "[" + (try rows.map { "{\"id\":\"\(try $0.decode(column: "id", as: String.self))\",\"status\":\"\(try $0.decode(column: "status", as: String.self))\"}" }
                .joined(separator: ",")) + "]"
        }
        // One sweep of the access-log retention service as of `now` (epoch seconds) keeping `days`: {"deleted": n}.
        group.post("access-log-retention") { request, _ -> String in
            let days = request.uri.queryParameters.get("days", as: Int.self) ?? 400
            let now = Date(timeIntervalSince1970: request.uri.queryParameters.get("now", as: Double.self) ?? Date().timeIntervalSince1970)
            let part = AccessLogRetention(log: SQLAccessLogRepository(database: database), keepDays: days)
            let gone = try await part.purge(before: now.epochMillis - Int64(days) * 86_400_000, shouldStop: { false })
            return "{\"deleted\":\(gone)}"
        }
        // An open flag about `employeeId` of `teamId`, written directly (the access matrix needs a fresh one per call):
        // {"id": …}.
        group.post("flags") { request, _ -> String in
            let employee = request.uri.queryParameters.get("employeeId") ?? "", team = request.uri.queryParameters.get("teamId")
            let id = UUID().uuidString.lowercased(), now = Int64(Date().timeIntervalSince1970 * 1000)
            let evidence = #"{"observed":1,"threshold":2,"unit":"hours","summary":"test","open":"/api/dashboard","period":{"label":"2026-03-30","from":"2026-03-30T00:00:00Z","to":"2026-03-31T00:00:00Z","timeZone":"UTC"}}"#
            try await database.withSingleStatementWrite { db in
                try await db.raw("""
                    INSERT INTO flags (id, rule, employee_id, team_id, period_key, period_from, period_to, severity, state, evidence,
                      assignee_id, raised_at, updated_at, version)
                    VALUES (\(bind: id), 'low_activity', \(bind: employee), \(bind: team), \(bind: "test:\(id)"), 0, 86400000, 'info', 'open',
                      \(bind: evidence), NULL, \(bind: now), \(bind: now), 1)
                    """).run()
            }
            return "{\"id\":\"\(id)\"}"
        }
        // Every derived gamification row (ledger, day totals, badges) as sorted text lines, to compare a rebuild with.
        group.get("gamification") { _, _ -> String in
            try await database.withConnection { db in
                var lines: [String] = []
                for row in try await db.raw("SELECT employee_id, day, entry_key, kind, at_ms, earned, points, detail FROM gamification_points").all() {
                    lines.append("points \(try row.decode(column: "employee_id", as: String.self)) \(try row.decode(column: "day", as: String.self)) "
                        + "\(try row.decode(column: "entry_key", as: String.self)) \(try row.decode(column: "kind", as: String.self)) "
                        + "\(try row.decode(column: "at_ms", as: Int64.self)) \(try row.decode(column: "earned", as: Int.self)) "
                        + "\(try row.decode(column: "points", as: Int.self)) \(try row.decode(column: "detail", as: String.self))")
                }
                for row in try await db.raw("SELECT employee_id, day, productive_ms, goal_ms, focus_blocks, healthy_breaks, on_time_starts, points FROM gamification_days").all() {
                    lines.append("day \(try row.decode(column: "employee_id", as: String.self)) \(try row.decode(column: "day", as: String.self)) "
                        + "\(try row.decode(column: "productive_ms", as: Int64.self)) \(try row.decode(column: "goal_ms", as: Int64.self)) "
                        + "\(try row.decode(column: "focus_blocks", as: Int.self)) \(try row.decode(column: "healthy_breaks", as: Int.self)) "
                        + "\(try row.decode(column: "on_time_starts", as: Int.self)) \(try row.decode(column: "points", as: Int.self))")
                }
                for row in try await db.raw("SELECT employee_id, badge_id, period, awarded_on FROM gamification_badges").all() {
                    lines.append("badge \(try row.decode(column: "employee_id", as: String.self)) \(try row.decode(column: "badge_id", as: String.self)) "
                        + "\(try row.decode(column: "period", as: String.self)) \(try row.decode(column: "awarded_on", as: String.self))")
                }
                return lines.sorted().joined(separator: "\n")
            }
        }
        // Forgets every derived gamification row (a rebuild must bring them back exactly).
        group.delete("gamification") { _, _ -> String in
            try await database.withTransaction { db in
                for table in ["gamification_points", "gamification_days", "gamification_badges"] { try await db.raw("DELETE FROM \(unsafeRaw: table)").run() }
            }
            return "{}"
        }
        // Every product route as `METHOD /path/{param}` (the OpenAPI document must describe each one). Taken now:
        // the composition root adds these probes after every product route.
        let described = router.routes.map { route in
            "\(route.method) " + route.path.description.split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
        }.sorted().joined(separator: "\n")
        group.get("routes") { _, _ -> String in described }
        // How many tables have planner statistics (SQLite: rows of sqlite_stat1, made by ANALYZE; PostgreSQL: tables
        // of this schema analyzed by hand or by VACUUM (ANALYZE)).
        group.get("analyzed") { _, _ -> String in
            let query: SQLQueryString = database.engine == .sqlite
                ? "SELECT COUNT(DISTINCT tbl) AS n FROM sqlite_stat1"
                : "SELECT COUNT(*) AS n FROM pg_stat_user_tables WHERE schemaname = current_schema() AND last_analyze IS NOT NULL"
            let n = try await database.withConnection { db in try await db.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0 }
            return "\(n)"
        }
        // What Connecteam syncs wrote: {"shifts": [{externalId, id, email, start, end, status, breakMinutes}],
        // "clocked": [{id, userId, email, start, end}]}, sorted (emails stand for people across databases).
        group.get("connecteam") { _, _ -> String in
            try await database.withConnection { db in
                let shifts = try await db.raw("""
                    SELECT s.external_id, s.id, e.email, s.start_ms, s.end_ms, s.status, s.break_minutes FROM shifts s
                    LEFT JOIN employees e ON e.id = s.employee_id WHERE s.source = 'connecteam' ORDER BY s.external_id
                    """).all().map { row -> [String: Any] in
                    ["externalId": try row.decode(column: "external_id", as: String.self), "id": try row.decode(column: "id", as: String.self),
                     "email": try row.decode(column: "email", as: String?.self) ?? "", "start": try row.decode(column: "start_ms", as: Int64.self),
                     "end": try row.decode(column: "end_ms", as: Int64.self), "status": try row.decode(column: "status", as: String.self),
                     "breakMinutes": try row.decode(column: "break_minutes", as: Int.self)]
                }
                let clocked = try await db.raw("""
                    SELECT c.id, c.user_id, e.email, c.start_ms, c.end_ms FROM connecteam_clocked c LEFT JOIN employees e ON e.id = c.employee_id
                    ORDER BY c.id
                    """).all().map { row -> [String: Any] in
                    ["id": try row.decode(column: "id", as: String.self), "userId": try row.decode(column: "user_id", as: Int.self),
                     "email": try row.decode(column: "email", as: String?.self) ?? "", "start": try row.decode(column: "start_ms", as: Int64.self),
                     "end": try row.decode(column: "end_ms", as: Int64?.self) ?? -1]
                }
                let timeOff = try await db.raw("""
                    SELECT t.external_id, t.id, e.email, t.status, t.kind, t.all_day, t.start_ms, t.end_ms FROM time_off t
                    LEFT JOIN employees e ON e.id = t.employee_id WHERE t.source = 'connecteam' ORDER BY t.external_id
                    """).all().map { row -> [String: Any] in
                    ["externalId": try row.decode(column: "external_id", as: String.self), "id": try row.decode(column: "id", as: String.self),
                     "email": try row.decode(column: "email", as: String?.self) ?? "", "status": try row.decode(column: "status", as: String.self),
                     "kind": try row.decode(column: "kind", as: String.self), "allDay": try row.decode(column: "all_day", as: Int.self) != 0,
                     "start": try row.decode(column: "start_ms", as: Int64.self), "end": try row.decode(column: "end_ms", as: Int64.self)]
                }
                let object: [String: Any] = ["shifts": shifts, "clocked": clocked, "timeOff": timeOff]
                return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
            }
        }
        group.get("mentions") { request, _ -> String in
            let found = try await mentions(database, of: request.uri.queryParameters.get("text") ?? "")
            return String(decoding: try JSONSerialization.data(withJSONObject: found, options: [.sortedKeys]), as: UTF8.self)
        }
        group.get("dberror") { _, _ -> String in
            try await database.withConnection { db in try await db.raw("SELECT * FROM no_such_table_xyz").run() }
            return "unreachable"
        }
    }

    /// Compares two row sets keyed by `keys` (rows whose measures are all 0 count as absent).
    static func drift(_ database: any Database, keys: [String], measures: [String], stored: SQLQueryString, fresh: SQLQueryString) async throws -> String {
        try await database.withConnection { db in
            func load(_ sql: SQLQueryString) async throws -> [String: [Int64]] {
                var result: [String: [Int64]] = [:]
                for row in try await db.raw(sql).all() {
                    let key = try keys.map { column -> String in
                        if let text = try? row.decode(column: column, as: String.self) { return text }
                        return String(try row.decode(column: column, as: Int64.self))
                    }.joined(separator: "/")
                    let values = try measures.map { try row.decode(column: $0, as: Int64.self) }
                    if values.contains(where: { $0 != 0 }) { result[key] = values }
                }
                return result
            }
            let (a, b) = (try await load(stored), try await load(fresh))
            return "\(Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.count) of \(b.count)"
        }
    }
}

import Hummingbird
import Logging
import TrackerHTTP
import TrackerStore

/// `/health/live` says the process runs; `/health/ready` says it can serve: the database answers and the schema
/// is at the version this build expects. Both are unauthenticated (load balancers call them) and reveal only counts.
struct HealthController {
    let database: any Database
    let readiness: ReadinessState
    let logger: Logger

    struct Live: ResponseEncodable {
        let status = "ok"
    }

    struct Ready: ResponseEncodable {
        let status: String
        let database: String
        let migrations: String
        let pool: PoolSummary
    }

    struct PoolSummary: Codable {
        let engine: String
        let total: Int
        let idle: Int
        let leased: Int
        let waiting: Int
        let maximum: Int

        init(_ status: PoolStatus) {
            engine = status.engine
            total = status.total
            idle = status.idle
            leased = status.leased
            waiting = status.waiting
            maximum = status.maximum
        }
    }

    struct NotReady: ResponseEncodable {
        let error: ErrorBody.Detail
        let status = "unavailable"
        let database: String
        let migrations: String
        let pool: PoolSummary
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("live") { _, _ in Live() }
        group.get("ready") { request, context in try await ready(request: request, context: context) }
    }

    private func ready(request: Request, context: AppRequestContext) async throws -> Response {
        do {
            try await database.withConnection { db in try await db.raw("SELECT 1").run() }
        } catch let error as DatabaseError {
            return try notReady(
                code: "database_unavailable", message: "The database does not answer: \(error.message)",
                database: "unavailable", migrations: "unknown", retryAfter: error.retryAfterSeconds ?? 1, request: request, context: context
            )
        }
        if !readiness.migrationsKnownCurrent {
            if readiness.startupMarks {
                return try notReady(
                    code: "starting", message: "Start-up work (migrations, first-run data) is still running.",
                    database: "ok", migrations: "pending", retryAfter: 1, request: request, context: context
                )
            } else if try await Migrator(database: database, logger: logger).isUpToDate() {
                readiness.markMigrationsCurrent()
            } else {
                return try notReady(
                    code: "migrations_pending",
                    message: "The database schema is behind this build; run `productivity-tracker migrate`.",
                    database: "ok", migrations: "pending", retryAfter: 5, request: request, context: context
                )
            }
        }
        let body = Ready(status: "ready", database: "ok", migrations: "current", pool: PoolSummary(database.poolStatus()))
        return try body.response(from: request, context: context)
    }

    private func notReady(
        code: String, message: String, database dbState: String, migrations: String, retryAfter: Int,
        request: Request, context: AppRequestContext
    ) throws -> Response {
        let body = NotReady(
            error: .init(code: code, message: message), database: dbState, migrations: migrations,
            pool: PoolSummary(database.poolStatus())
        )
        var response = try body.response(from: request, context: context)
        response.status = .serviceUnavailable
        response.headers[.retryAfter] = String(retryAfter)
        return response
    }
}

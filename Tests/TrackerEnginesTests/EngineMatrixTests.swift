import Foundation
import Logging
import Prometheus
import SQLKit
import TestSupport
import Testing
import TrackerEngines
import TrackerStore

@Suite("Both engines")
struct EngineMatrixTests {
    @Test("migrations apply once, in order, and are recorded identically", arguments: TestEngine.available)
    func migrations(engine: TestEngine) async throws {
        try await withEngine(try await engine.freshSettings()) { engine in
            let migrator = Migrator(database: engine.database, logger: .test)
            #expect(try await migrator.isUpToDate() == false)
            let first = try await migrator.migrate()
            #expect(first.map(\.version) == Migrations.all.map(\.version))
            let second = try await migrator.migrate()
            #expect(second.isEmpty)
            #expect(try await migrator.isUpToDate())
            #expect(try await migrator.appliedVersions() == Set(Migrations.all.map(\.version)))
        }
    }

    @Test("a duplicate key is a uniqueViolation (409), not driver text", arguments: TestEngine.available)
    func uniqueViolation(engine: TestEngine) async throws {
        try await withEngine(try await engine.freshSettings()) { engine in
            try await Migrator(database: engine.database, logger: .test).migrate()
            let insert: @Sendable (any SQLDatabase) async throws -> Void = { db in
                try await db.insert(into: "organization_settings").columns("key", "value", "updated_at")
                    .values(SQLBind("name"), SQLBind("Acme"), SQLBind(0)).run()
            }
            try await engine.database.withTransaction(insert)
            let error = await #expect(throws: DatabaseError.self) { try await engine.database.withTransaction(insert) }
            guard case .uniqueViolation = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(error?.kind == .conflict)
        }
    }

    @Test("a transaction that throws leaves nothing behind", arguments: TestEngine.available)
    func rollback(engine: TestEngine) async throws {
        try await withEngine(try await engine.freshSettings()) { engine in
            try await Migrator(database: engine.database, logger: .test).migrate()
            struct Abort: Error {}
            await #expect(throws: Abort.self) {
                try await engine.database.withTransaction { db in
                    try await db.insert(into: "organization_settings").columns("key", "value", "updated_at")
                        .values(SQLBind("k"), SQLBind("v"), SQLBind(0)).run()
                    throw Abort()
                }
            }
            let rows = try await engine.database.withConnection { db in
                try await db.select().column("key").from("organization_settings").all()
            }
            #expect(rows.isEmpty)
        }
    }

    @Test("pool status counts leases while they are held and warns about long ones", arguments: TestEngine.available)
    func leaseAccounting(engine: TestEngine) async throws {
        let store = CapturingLogHandler.MessageStore()
        let logger = Logger(label: "capture") { _ in CapturingLogHandler(store: store) }
        let settings = try await engine.freshSettings { $0.leaseWarning = .milliseconds(200) }
        try await withEngine(settings, logger: logger) { engine in
            let db = engine.database
            try await db.withConnection { sql in try await sql.raw("SELECT 1").run() }
            let idle = db.poolStatus()
            #expect(idle.leased == 0 && idle.waiting == 0)
            #expect(idle.total >= 1)
            async let holding: Void = db.withConnection { _ in try await Task.sleep(for: .milliseconds(1200)) }
            try await Task.sleep(for: .milliseconds(300))
            #expect(db.poolStatus().leased == 1)
            try await Task.sleep(for: .milliseconds(600))
            #expect(db.poolStatus().longLeases == 1)
            try await holding
            #expect(db.poolStatus().leased == 0)
            #expect(store.contains(level: .warning, "held longer than the lease warning threshold"))
        }
    }

    @Test("PostgreSQL: connection lifecycle events are counted exactly (postgres-nio log tap)", .enabled(if: PostgresTestServer.url != nil, "needs POSTGRES_URL"))
    func postgresConnectionCount() async throws {
        let settings = try await TestEngine.postgres.freshSettings { $0.poolMaximum = 3 }
        try await withEngine(settings) { engine in
            #expect(engine.database.poolStatus().total == 0)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 {
                    group.addTask { try await engine.database.withConnection { db in try await db.raw("SELECT pg_sleep(0.3)").run() } }
                }
                try await group.waitForAll()
            }
            let status = engine.database.poolStatus()
            #expect(status.total == 3)
            #expect(status.idle == 3)
            #expect(try await PostgresTestServer.connectionCount(applicationName: settings.applicationName) == status.total)
        }
    }

    @Test("PostgreSQL: the budget check compares instances × pool with max_connections − reserved", .enabled(if: PostgresTestServer.url != nil, "needs POSTGRES_URL"))
    func budget() async throws {
        let fits = try await TestEngine.postgres.freshSettings { $0.poolMaximum = 10; $0.instances = 2 }
        let engineFits = EngineFactory.make(settings: fits, metrics: PrometheusMetricsFactory(registry: .init()), logger: .test)
        let report = try #require(try await engineFits.measureBudget(logger: .test))
        #expect(report.maxConnections == 600)  // scripts/postgres starts the cluster with 600
        #expect(report.reservedConnections >= 3)
        #expect(report.required == 20 && report.fits)
        // The check's own connection is closed again before it returns.
        #expect(try await PostgresTestServer.connectionCount(applicationName: fits.applicationName) == 0)

        let over = try await TestEngine.postgres.freshSettings { $0.poolMaximum = 50; $0.instances = 12 }
        let engineOver = EngineFactory.make(settings: over, metrics: PrometheusMetricsFactory(registry: .init()), logger: .test)
        let overReport = try #require(try await engineOver.measureBudget(logger: .test))
        #expect(!overReport.fits)
        #expect(overReport.verdict.contains("OVER BUDGET"))

        // Behind a transaction pooler the server sees only the pooler's connections: those are what must fit.
        let pooled = try await TestEngine.postgres.freshSettings { $0.poolMaximum = 50; $0.instances = 12; $0.poolerServerConnections = 15 }
        let engineP = EngineFactory.make(settings: pooled, metrics: PrometheusMetricsFactory(registry: .init()), logger: .test)
        let pooledReport = try #require(try await engineP.measureBudget(logger: .test))
        #expect(pooledReport.required == 15 && pooledReport.fits)
        #expect(pooledReport.verdict.contains("behind a pooler") && pooledReport.verdict.contains("600 client connections"))
        let tooBig = try await TestEngine.postgres.freshSettings { $0.poolerServerConnections = 700 }
        let engineT = EngineFactory.make(settings: tooBig, metrics: PrometheusMetricsFactory(registry: .init()), logger: .test)
        #expect(try #require(try await engineT.measureBudget(logger: .test)).fits == false)
    }
}

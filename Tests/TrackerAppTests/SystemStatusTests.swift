import Foundation
import TestSupport
import Testing
import TrackerApp
import TrackerStore

@Suite("System status", .timeLimit(.minutes(2)))
struct SystemStatusTests {
    struct Status: Decodable {
        struct DatabaseInfo: Decodable {
            let engine: String, reachable: Bool, bytes: Int64?, schemaVersion: Int?, latestSchemaVersion: Int, pendingMigrations: Int?
        }
        struct Workers: Decodable { let enabled: Bool; let items: [WorkerBoard.Entry] }
        struct Queue: Decodable { let name: String; let queued: Int? }
        struct Pool: Decodable { let engine: String; let maximum: Int }
        let version: String, build: String, startedAt: Date, uptimeSeconds: Int
        let database: DatabaseInfo, pool: Pool, workers: Workers, queues: [Queue]
    }

    static let workerNames = ["attendance", "connecteam sync", "flag evaluation", "gamification scoring", "optimiser", "retention",
                              "rollup rebuilds", "webhook delivery"]

    @Test("an administrator sees version, database, pool, every worker's last pass and the queues", arguments: TestEngine.available)
    func status(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings(), configure: { $0.evaluateFlags = true }).test { client in
            let f = try await IdentityFixture.make(client)
            let first = try await f.api.decode(Status.self, .get, "/api/system/status", token: f.admin.accessToken)
            #expect(first.version == AppVersion.version && first.uptimeSeconds >= 0)
            #expect(first.database.engine == engine.rawValue && first.pool.engine == engine.rawValue && first.pool.maximum > 0)
            #expect(first.database.reachable && first.database.schemaVersion == Migrations.latestVersion)
            #expect(first.database.latestSchemaVersion == Migrations.latestVersion && first.database.pendingMigrations == 0)
            #expect((first.database.bytes ?? 0) > 0)
            #expect(first.workers.enabled && first.workers.items.map(\.name) == Self.workerNames)
            #expect(first.queues.map(\.name) == ["rollup rebuilds", "optimiser jobs", "webhook deliveries", "flag evaluation (person-days)",
                                                 "gamification scoring (person-days)"])
            #expect(first.queues.allSatisfy { $0.queued == 0 })

            // Work queued for the flag evaluator rings it: its pass shows on the board, and its queue empties.
            let today = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withFullDate])
            _ = try await f.api.call(.post, "/api/flags/evaluate", token: f.admin.accessToken, json: jsonBody(["from": today, "to": today]))
            let ran = try await waitUntil(timeout: .seconds(30)) {
                let now = try await f.api.decode(Status.self, .get, "/api/system/status", token: f.admin.accessToken)
                let flags = now.workers.items.first { $0.name == "flag evaluation" }
                return (flags?.passes ?? 0) >= 1 && flags?.lastSucceededAt != nil && flags?.running == false
                    && now.queues.first { $0.name.hasPrefix("flag") }?.queued == 0
            }
            #expect(ran != nil, "the flag evaluator's pass was not recorded")
            let after = try await f.api.decode(Status.self, .get, "/api/system/status", token: f.admin.accessToken)
            let flags = try #require(after.workers.items.first { $0.name == "flag evaluation" })
            #expect(flags.failures == 0 && flags.lastError == nil && (flags.lastStartedAt ?? .distantFuture) <= (flags.lastFinishedAt ?? .distantPast))
        }
    }

    @Test("an API-only instance says its workers are off")
    func workersOff() async throws {
        try await TestApp(settings: try await TestEngine.sqlite.freshSettings(), configure: { $0.runWorkers = false }).test { client in
            let f = try await IdentityFixture.make(client)
            let status = try await f.api.decode(Status.self, .get, "/api/system/status", token: f.admin.accessToken)
            #expect(!status.workers.enabled && status.workers.items.isEmpty)
        }
    }
}

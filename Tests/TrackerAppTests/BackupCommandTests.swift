import Foundation
import Synchronization
import TestSupport
import Testing
import TrackerApp
import TrackerEngines
import TrackerStore

@Suite("Command: backup")
struct BackupCommandTests {
    static func environment(_ path: String) -> [String: String] { ["TRACKER_SQLITE_PATH": path, "TRACKER_LOG_LEVEL": "error"] }

    @Test("a backup taken while the server writes opens, passes its check and holds every event acknowledged before it began")
    func underWriteLoad() async throws {
        let settings = try await TestEngine.sqlite.freshSettings()
        guard case .sqlite(let path) = settings.target else { return }
        let output = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("copies/backup.sqlite").path
        try await TestApp(settings: settings).test { client in
            let f = try await IdentityFixture.make(client)
            // Batches of distinct events, one after another; `acknowledged` counts those the server said it stored.
            let acknowledged = Atomic(0), sent = Atomic(0), stop = Atomic(false), slowest = Atomic(0)
            let origin = (Date().timeIntervalSince1970 / 3600).rounded(.down) * 3600 - 86_400
            let writer = Task {
                var batch = 0
                while !stop.load(ordering: .relaxed) {
                    let events = (0..<50).map { i in
                        ["id": UUID().uuidString.lowercased(), "timestamp": Self.timestamp(origin, batch * 50 + i), "duration": 1,
                         "app": "editor", "title": "work \(batch)"] as [String: Any]
                    }
                    sent.add(50, ordering: .relaxed)
                    let began = ContinuousClock.now
                    let response = try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: jsonBody(["events": events]))
                    try #require(response.status == .ok, "ingest refused: \(response.text)")
                    acknowledged.add(50, ordering: .relaxed)
                    let ms = Int((ContinuousClock.now - began).components.attoseconds / 1_000_000_000_000_000
                                 + (ContinuousClock.now - began).components.seconds * 1000)
                    _ = slowest.max(ms, ordering: .relaxed)
                    batch += 1
                }
            }
            _ = try await waitUntil(timeout: .seconds(30), interval: .milliseconds(20)) { acknowledged.load(ordering: .relaxed) >= 500 }
            let before = acknowledged.load(ordering: .relaxed)
            let backup = try ServerProcess(arguments: ["backup", "--output", output], environment: Self.environment(path))
            try backup.start()
            let status = await backup.waitForExit(timeout: .seconds(60))
            let after = acknowledged.load(ordering: .relaxed), sentDuring = sent.load(ordering: .relaxed)
            // The server goes on taking writes after the copy (a backup never blocks it).
            let more = try await waitUntil(timeout: .seconds(30), interval: .milliseconds(20)) { acknowledged.load(ordering: .relaxed) > after }
            stop.store(true, ordering: .relaxed)
            try await writer.value
            print("backup test: acknowledged \(before) before, \(after) after; slowest batch \(slowest.load(ordering: .relaxed)) ms")
            #expect(more != nil, "writes stalled after the backup")
            #expect(status == 0, "\(backup.stdout) \((try? String(contentsOf: backup.stderrURL, encoding: .utf8)) ?? "")")
            #expect(backup.stdout.contains("check passed"), "\(backup.stdout)")
            #expect(sentDuring > before, "a write was in flight while the copy was taken")

            // The copy: owner-only, a database of the current schema, and every event acknowledged before it began.
            let mode = try FileManager.default.attributesOfItem(atPath: output)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            var copy = settings
            copy.target = .sqlite(path: output)
            let (events, version) = try await withStandaloneDatabase(AppConfiguration(database: copy), logger: .test) { engine in
                let n = try await engine.database.withConnection { db in
                    try await db.raw("SELECT COUNT(*) AS n FROM activity_events").first()?.decode(column: "n", as: Int.self) ?? 0
                }
                return (n, try await Migrator(database: engine.database, logger: .test).appliedVersions().max())
            }
            #expect(events >= before && events <= after, "copy holds \(events); acknowledged \(before) before, \(after) after")
            #expect(events % 50 == 0, "a batch is in the copy whole or not at all")
            #expect(version == Migrations.latestVersion)
            #expect(backup.stdout.contains("\(events) events"))

            // A second backup to the same file is refused and leaves the first untouched.
            let again = try ServerProcess(arguments: ["backup", "--output", output], environment: Self.environment(path))
            try again.start()
            #expect(await again.waitForExit(timeout: .seconds(30)) == 1)
            #expect(again.stdout.contains("already exists"))
        }
    }

    @Test("PostgreSQL is refused with the pg_dump commands to use instead")
    func postgresRefused() async throws {
        let run = try ServerProcess(arguments: ["backup", "--output", "/tmp/never-written.dump"],
                                    environment: ["DATABASE_URL": "postgres://nobody@127.0.0.1:1/none", "TRACKER_LOG_LEVEL": "error",
                                                  "TRACKER_JWT_SECRET": String(repeating: "k", count: 32)])
        try run.start()
        #expect(await run.waitForExit(timeout: .seconds(30)) == 1)
        #expect(run.stdout.contains("pg_dump --format=custom") && run.stdout.contains("pg_restore"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written.dump"))
    }

    /// Events a second long, one a second from a day ago: distinct, never merged, inside the backfill window.
    static func timestamp(_ origin: Double, _ n: Int) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: origin + Double(n)))
    }
}

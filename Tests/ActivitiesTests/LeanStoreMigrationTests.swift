import Foundation
import SQLKit
import TestSupport
import Testing
import TrackerCore
import TrackerEngines
import TrackerStore
import CoreMetrics
@testable import Activities

/// Migration 9 converts a database the old event store filled (UUID-text keys, strings per event, a segment per
/// event-hour) into the lean store: the same events come back (ids, texts, spans), texts are stored once, each
/// device numbers its events in start order, only continuation hours keep a row, the rollups recomputed from the
/// converted rows are right — and writing carries on (dedupe by the old ids, sequence numbers after the old ones).
@Suite("Lean event store migration")
struct LeanStoreMigrationTests {
    static let hour: Int64 = 1_790_035_200_000 + 10 * 3_600_000     // 2026-09-22T10:00:00Z
    static let minute: Int64 = 60_000

    /// (device, id, employee, start, end, app, title, url) as the old writer stored them.
    static let old: [(String, String, String, Int64, Int64, String, String, String?)] = [
        ("dev-1", "9f0c8a4e-1b2d-4c3e-8f5a-6b7c8d9e0f1a", "emp-a", hour + 30 * minute, hour + 3 * 60 * minute, "Code", "main.swift", nil),   // 10:30–13:00
        ("dev-1", "00000000-0000-4000-8000-000000000001", "emp-a", hour, hour + minute, "Code", "main.swift", nil),
        ("dev-1", "ffffffff-ffff-4fff-bfff-fffffffffffe", "emp-a", hour + minute, hour + minute + 30_000, "Firefox", "Docs", "https://docs.swift.org/x"),
        ("dev-2", "7fffffff-ffff-4fff-8000-000000000000", "emp-a", hour, hour + minute, "Slack", "#general", nil),
        ("dev-3", "80000000-0000-4000-8000-0000000000ff", "emp-b", hour + 60 * minute, hour + 60 * minute + 10_000, "Code", "main.swift", nil),
    ]

    @Test("an old-schema database converts: same events, interned texts, ordered numbers, right rollups", arguments: TestEngine.available)
    func converts(engine: TestEngine) async throws {
        let settings = try await engine.freshSettings()
        try await EngineFactory.make(settings: settings, metrics: NOOPMetricsHandler.instance, logger: .test).whileRunning { running in
            let database = running.database
            try await Migrator(database: database, migrations: Migrations.all.filter { $0.version <= 8 }, logger: .test).migrate()
            try await database.withTransaction { db in
                for (id, zone) in [("emp-a", "UTC"), ("emp-b", "UTC")] {
                    try await db.raw("""
                        INSERT INTO employees (id, name, email, email_key, role, time_zone, created_at, updated_at)
                        VALUES (\(bind: id), \(bind: id), \(bind: id + "@x.test"), \(bind: id + "@x.test"), 'employee', \(bind: zone), 0, 0)
                        """).run()
                }
                for (device, id, employee, start, end, app, title, url) in Self.old {
                    try await db.raw("""
                        INSERT INTO activity_events (device_id, id, employee_id, start_ms, end_ms, app, title, url, received_at)
                        VALUES (\(bind: device), \(bind: id), \(bind: employee), \(bind: start), \(bind: end), \(bind: app), \(bind: title), \(bind: url), 0)
                        """).run()
                    for hour in HourBucket.hours(from: start, to: max(end, start + 1)) {
                        try await db.raw("""
                            INSERT INTO activity_segments (employee_id, hour_start, device_id, event_id)
                            VALUES (\(bind: employee), \(bind: hour), \(bind: device), \(bind: id))
                            """).run()
                    }
                }
            }
            let applied = try await Migrator(database: database, logger: .test).migrate()
            #expect(applied.map(\.version) == Array(9...Migrations.latestVersion))

            try await database.withConnection { db in
                let texts = try await db.raw("SELECT value FROM activity_texts").all().map { try $0.decode(column: "value", as: String.self) }
                #expect(Set(texts) == ["Code", "main.swift", "Firefox", "Docs", "https://docs.swift.org/x", "Slack", "#general"])
                #expect(texts.count == 7)
                let numbered = try await db.raw("""
                    SELECT d.device_id, e.client_hi, e.client_lo, e.seq FROM activity_events e JOIN activity_devices d ON d.no = e.device_no
                    ORDER BY d.device_id, e.seq
                    """).all().map { [try $0.decode(column: "device_id", as: String.self), try ClientID.decode($0) ?? "-",
                                      String(try $0.decode(column: "seq", as: Int64.self))] }
                #expect(numbered == [["dev-1", "00000000-0000-4000-8000-000000000001", "1"], ["dev-1", "ffffffff-ffff-4fff-bfff-fffffffffffe", "2"], ["dev-1", "9f0c8a4e-1b2d-4c3e-8f5a-6b7c8d9e0f1a", "3"],
                                     ["dev-2", "7fffffff-ffff-4fff-8000-000000000000", "1"], ["dev-3", "80000000-0000-4000-8000-0000000000ff", "1"]])
                let lastSeq = try await db.raw("SELECT last_seq FROM activity_devices WHERE device_id = 'dev-1'").first()?
                    .decode(column: "last_seq", as: Int64.self)
                #expect(lastSeq == 3)
                let later = try await db.raw("SELECT hour_start, seq FROM activity_event_hours ORDER BY hour_start").all()
                    .map { [try $0.decode(column: "hour_start", as: Int64.self), try $0.decode(column: "seq", as: Int64.self)] }
                #expect(later == [[Self.hour + 3_600_000, 3], [Self.hour + 7_200_000, 3]])
                await #expect(throws: (any Error).self) { try await db.raw("SELECT count(*) FROM activity_segments").run() }
            }

            // The listing reads back exactly what the old store held.
            let listed = try await ActivityReader(database: database)
                .events(employeeID: "emp-a", from: Date(epochMillis: Self.hour), to: Date(epochMillis: Self.hour + 86_400_000), after: nil, limit: 10)
                .map(\.event)
            let expected = Self.old.filter { $0.2 == "emp-a" }.sorted { ($0.3, $0.0) < ($1.3, $1.0) }
            #expect(listed.map(\.id) == expected.map(\.1))
            #expect(listed.map(\.deviceId) == expected.map(\.0))
            #expect(listed.map { [$0.app, $0.title, $0.url ?? "-"] } == expected.map { [$0.5, $0.6, $0.7 ?? "-"] })
            #expect(listed.map { Int64(($0.duration * 1000).rounded()) } == expected.map { $0.4 - $0.3 })

            // Rollups recomputed from the converted rows: 10:00 holds 1 min (two devices at once count once) +
            // 30 s + 30 min; 11:00 and 12:00 are the long event's continuation hours.
            let hours: Set<Int64> = [Self.hour, Self.hour + 3_600_000, Self.hour + 7_200_000]
            try await database.withTransaction { db in
                try await RollupWriter.recompute(db, employeeID: "emp-a", teamID: nil, hours: hours, matcher: RuleMatcher(rules: []), rulesVersion: 0)
            }
            let rollups = try await ActivityReader(database: database)
                .hourly(employeeID: "emp-a", from: Date(epochMillis: Self.hour), to: Date(epochMillis: Self.hour + 3 * 3_600_000))
            let firstHour: Double = 60 + 30 + 30 * 60
            let active: [Double] = rollups.map(\.activeSeconds)
            #expect(active == [firstHour, 3_600, 3_600])

            // Writing carries on: an old id is a duplicate, a new event numbers after the converted ones.
            let keys = EventKeys()
            let written = try await database.withTransaction { db in
                let resolved = try await keys.resolve(db, engine: database.engine, employeeID: "emp-a", deviceID: "dev-1", texts: ["Code", "main.swift", "zsh"])
                return try await ActivityWriter.insertEvents(db, keys: resolved, events: [
                    EventRecord(id: "00000000-0000-4000-8000-000000000001", startMs: Self.hour, endMs: Self.hour + Self.minute, app: "Code", title: "main.swift", url: nil),
                    EventRecord(id: "5d1e2f3a-4b5c-4d6e-9f70-8a9b0c1d2e3f", startMs: Self.hour + 4 * 3_600_000, endMs: Self.hour + 4 * 3_600_000 + 5_000, app: "Code", title: "zsh", url: nil),
                ])
            }
            #expect(written.accepted == 1 && written.duplicates == 1)
            let seq = try await database.withConnection { db in
                let (hi, lo) = try #require(ClientID.halves("5d1e2f3a-4b5c-4d6e-9f70-8a9b0c1d2e3f"))
                return try await db.raw("SELECT seq FROM activity_events WHERE client_hi = \(bind: hi) AND client_lo = \(bind: lo)").first()?
                    .decode(column: "seq", as: Int64.self)
            }
            #expect(seq == 5)   // one number per event sent (the duplicate's, 4, is a harmless gap)
        }
    }
}

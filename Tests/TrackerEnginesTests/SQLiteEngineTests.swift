import Foundation
import Logging
import SQLiteNIO
import SQLKit
import TestSupport
import Testing
import TrackerEngines
import TrackerStore

@Suite("SQLite engine")
struct SQLiteEngineTests {
    private static func createTable(_ engine: DatabaseEngine) async throws {
        try await engine.database.withTransaction { db in
            try await db.raw("CREATE TABLE IF NOT EXISTS items (id BIGINT PRIMARY KEY, label TEXT NOT NULL)").run()
        }
    }

    private static func count(_ engine: DatabaseEngine) async throws -> Int {
        try await engine.database.withConnection { db in
            try await db.raw("SELECT count(*) AS n FROM items").first()!.decode(column: "n", as: Int.self)
        }
    }

    @Test("concurrent writers from many tasks all commit, none gets SQLITE_BUSY, and rows survive a restart")
    func concurrentWriters() async throws {
        // The waiting bound is a deliberate limit (tested elsewhere); here it is set above the number of writers.
        // (and the acquire timeout far above what a loaded CI machine needs: this test is about commits, not deadlines;
        // the statements of every SQLite test share NIO's thread pool, and under the whole suite 60 s was not enough)
        let settings = try await TestEngine.sqlite.freshSettings { $0.maxWaiters = 2_000; $0.acquireTimeout = .seconds(240) }
        let writers = 1_000
        try await withEngine(settings) { engine in
            try await Self.createTable(engine)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<writers {
                    group.addTask {
                        try await engine.database.withTransaction { db in
                            try await db.insert(into: "items").columns("id", "label").values(SQLBind(i), SQLBind("row \(i)")).run()
                        }
                    }
                }
                try await group.waitForAll()  // any error (SQLITE_BUSY included) fails the test here
            }
            #expect(try await Self.count(engine) == writers)
        }
        // A new engine on the same file (a restart) sees every acknowledged row.
        let survived = try await withEngine(settings) { engine in try await Self.count(engine) }
        #expect(survived == writers)
    }

    @Test("the database file is the owner's alone (0600), in a directory created 0700")
    func fileModes() async throws {
        let settings = try await TestEngine.sqlite.freshSettings()
        guard case .sqlite(let path) = settings.target else { Issue.record("not SQLite"); return }
        try await withEngine(settings) { engine in try await Self.createTable(engine) }
        let fileMode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let directoryMode = try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? Int
        #expect(directoryMode == 0o700)
    }

    @Test("a failing write in a group-commit batch rolls back alone")
    func failingJobIsolated() async throws {
        // 100 writes queue for the one writer; on a loaded machine (the suite runs in parallel) that can take longer
        // than the 2-second default wait, which is not what this test is about.
        let settings = try await TestEngine.sqlite.freshSettings { $0.acquireTimeout = .seconds(30) }
        try await withEngine(settings) { engine in
            try await Self.createTable(engine)
            struct Refused: Error {}
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for i in 0..<100 {
                    group.addTask {
                        do {
                            try await engine.database.withTransaction { db in
                                try await db.insert(into: "items").columns("id", "label").values(SQLBind(i), SQLBind("x")).run()
                                if i % 10 == 0 { throw Refused() }  // after writing: must be undone
                            }
                            return true
                        } catch is Refused {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 90)
            #expect(try await Self.count(engine) == 90)
            let refusedRows = try await engine.database.withConnection { db in
                try await db.raw("SELECT count(*) AS n FROM items WHERE id % 10 = 0").first()!.decode(column: "n", as: Int.self)
            }
            #expect(refusedRows == 0)
        }
    }

    /// A write alone in its batch runs without a savepoint (its transaction is its savepoint): when it fails, what it
    /// wrote is rolled back, its caller gets its own error, and the writer goes on committing the next writes.
    @Test("a failing write alone in its batch is rolled back, and the writer carries on")
    func failingSoloWrite() async throws {
        let settings = try await TestEngine.sqlite.freshSettings()
        try await withEngine(settings) { engine in
            try await Self.createTable(engine)
            struct Refused: Error {}
            for i in 0..<6 {  // one at a time: every batch holds exactly one job
                do {
                    try await engine.database.withTransaction { db in
                        try await db.insert(into: "items").columns("id", "label").values(SQLBind(i), SQLBind("x")).run()
                        if i % 2 == 1 { throw Refused() }  // after writing: must be undone
                    }
                    #expect(i % 2 == 0)
                } catch is Refused {
                    #expect(i % 2 == 1)
                }
            }
            let ids = try await engine.database.withConnection { db in
                try await db.raw("SELECT id FROM items ORDER BY id").all().map { try $0.decode(column: "id", as: Int.self) }
            }
            #expect(ids == [0, 2, 4])
        }
    }

    @Test("busy_timeout is bounded: a lock held by another process gives 503-busy, not a hang")
    func busyTimeoutBounded() async throws {
        let settings = try await TestEngine.sqlite.freshSettings { $0.sqliteBusyTimeout = .milliseconds(300) }
        guard case .sqlite(let path) = settings.target else { return }
        try await withEngine(settings) { engine in
            try await Self.createTable(engine)
            // Another owner of the file (as a second process would be) takes the write lock and keeps it.
            let intruder = try await SQLiteConnection.open(storage: .file(path: path))
            _ = try await intruder.query("BEGIN IMMEDIATE")
            let start = ContinuousClock.now
            let error = await #expect(throws: DatabaseError.self) {
                try await engine.database.withTransaction { db in
                    try await db.insert(into: "items").columns("id", "label").values(SQLBind(1), SQLBind("x")).run()
                }
            }
            #expect(error == .unavailable(.busy, retryAfterSeconds: settings.retryAfterSeconds))
            #expect((ContinuousClock.now - start).secondsDouble < 2)
            _ = try await intruder.query("ROLLBACK")
            try await intruder.close()
            // And the engine writes again once the lock is gone.
            try await engine.database.withTransaction { db in
                try await db.insert(into: "items").columns("id", "label").values(SQLBind(2), SQLBind("y")).run()
            }
        }
    }

    @Test("the file is in WAL mode")
    func walMode() async throws {
        let settings = try await TestEngine.sqlite.freshSettings()
        let mode = try await withEngine(settings) { engine in
            try await engine.database.withConnection { db in
                try await db.raw("PRAGMA journal_mode").first()!.decode(column: "journal_mode", as: String.self)
            }
        }
        #expect(mode == "wal")
    }
}

import SQLKit
import TestSupport
import Testing
import TrackerEngines
import TrackerStore

@Suite("Person-day queue")
struct PersonDayQueueTests {
    static let queue = PersonDayQueue(table: "flag_dirty")

    static func item(_ person: String, _ day: String) -> PersonDayQueue.Item { .init(employeeID: person, day: day) }

    static func enqueue(_ items: [PersonDayQueue.Item], _ lane: PersonDayQueue.Lane, _ database: any Database) async throws {
        try await database.withTransaction { db in try await queue.enqueue(Set(items), lane: lane, db) }
    }

    @Test("fresh days are leased before background ones; queuing again moves a day up, never down", arguments: TestEngine.available)
    func lanes(engine: TestEngine) async throws {
        try await withEngine(try await engine.freshSettings()) { engine in
            let database = engine.database
            try await Migrator(database: database, logger: .test).migrate()
            // A bulk of background work queued first, under people who sort before the fresh one.
            let bulk = (0..<30).map { Self.item("a\($0)", "2026-03-02") }
            try await Self.enqueue(bulk, .background, database)
            try await Self.enqueue([Self.item("z", "2026-03-30")], .fresh, database)
            // A background day queued again as fresh moves up; a fresh one queued again as background stays up.
            try await Self.enqueue([Self.item("a29", "2026-03-02")], .fresh, database)
            try await Self.enqueue([Self.item("z", "2026-03-30")], .background, database)

            let first = try await Self.queue.lease(limit: 2, now: 1_000, until: 60_000, database)
            #expect(Set(first.map(\.item)) == [Self.item("z", "2026-03-30"), Self.item("a29", "2026-03-02")])
            let rest = try await Self.queue.lease(limit: 100, now: 1_000, until: 60_000, database)
            #expect(rest.count == 29 && !rest.contains { $0.item.employeeID == "z" || $0.item.employeeID == "a29" })
            #expect(try await Self.queue.lease(limit: 100, now: 1_000, until: 60_000, database).isEmpty, "everything is leased")

            // A leased day queued again (background) gets a new generation and is available at once; completing the old
            // lease leaves it queued, completing the new one removes it.
            let leased = try #require(first.first { $0.item.employeeID == "z" })
            try await Self.enqueue([leased.item], .background, database)
            let again = try await Self.queue.lease(limit: 100, now: 1_000, until: 60_000, database)
            #expect(again.map(\.item) == [leased.item] && again.first?.generation == leased.generation + 1)
            try await database.withTransaction { db in try await Self.queue.complete(leased, db) }
            #expect(try await Self.queue.count(database) == 31)
            try await database.withTransaction { db in for item in again + rest { try await Self.queue.complete(item, db) } }
            #expect(try await Self.queue.count(database) == 1, "only a29, still leased, is left")
        }
    }
}

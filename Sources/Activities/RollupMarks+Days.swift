import Auth
import Foundation
import SQLKit
import TrackerCore
import TrackerStore

extension RollupMarks {
    /// How often an evaluator in a long pass takes in new marks (through a `Pacer`): fresh data overtakes a backlog
    /// within about this long, and a heartbeating device's day is not re-judged after every batch.
    public static let drainEvery: Duration = .seconds(1)

    /// Moves `consumer`'s change marks into its person-day `queue`, in one transaction: each mark becomes the local
    /// dates it touches in the person's zone (none after today), in the fresh lane, plus what `ripple` adds for each
    /// touched date (days whose result reads that one, e.g. a baseline of later weeks), in the background lane.
    public static func drain(
        _ consumer: String, into queue: PersonDayQueue, database: any Database, directory: any DirectoryRepository, now: Date,
        ripple: @escaping @Sendable (_ day: String, _ zone: TimeZone, _ today: String) -> [String] = { _, _, _ in [] }
    ) async throws {
        let engine = database.engine
        guard try await database.withConnection({ try await pending($0, consumer: consumer) }) else { return }
        let zones = ZoneCache(directory: directory, fallback: try await directory.organization().timeZone)
        try await database.withTransaction { db in
            try await claim(db, consumer: consumer, engine: engine)
            let marks = try await db.raw("SELECT employee_id, from_ms, to_ms FROM \(claimed(consumer)) m").all().map {
                Range(employeeID: try $0.decode(column: "employee_id", as: String.self),
                      from: try $0.decode(column: "from_ms", as: Int64.self), to: try $0.decode(column: "to_ms", as: Int64.self))
            }
            var touched = Set<PersonDayQueue.Item>(), rippled = Set<PersonDayQueue.Item>()
            for mark in marks {
                let zone = try await zones.zone(mark.employeeID)
                let today = LocalPeriod.localDate(now, in: zone)
                for day in touchedDays(from: mark.from, to: mark.to, zone: zone, now: now) {
                    touched.insert(.init(employeeID: mark.employeeID, day: day))
                    for later in ripple(day, zone, today) { rippled.insert(.init(employeeID: mark.employeeID, day: later)) }
                }
            }
            try await queue.enqueue(rippled.subtracting(touched), lane: .background, db)
            try await queue.enqueue(touched, lane: .fresh, db)
            try await release(db, consumer: consumer)
        }
    }

    /// The local dates `[from, to)` touches in `zone`, none after today.
    public static func touchedDays(from: Int64, to: Int64, zone: TimeZone, now: Date) -> [String] {
        let today = LocalPeriod.localDate(now, in: zone)
        let first = LocalPeriod.localDate(Date(epochMillis: from), in: zone)
        let last = LocalPeriod.localDate(Date(epochMillis: max(from, to - 1)), in: zone)
        var touched: [String] = []
        var date = first
        // A mark is at most a shift with its windows (under two days); the bound only guards against bad data.
        while date <= last, date <= today, touched.count < 62 {
            touched.append(date)
            guard let next = LocalCalendar.date(date, plusDays: 1) else { break }
            date = next
        }
        return touched
    }
}

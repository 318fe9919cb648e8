import Auth
import Foundation
import Schedules
import SQLKit
import TrackerCore
import TrackerStore

/// The rules that need the passing of time rather than new data: a day is judged once it is over (low activity of a
/// day without any activity, the share of a finished day), a shift once it has ended (absence, early leave), and a
/// running shift again at every sweep (agent silence). Every
/// sweep queues what ended since the last one; the `flag_sweep` row moves by compare-and-set in the transaction
/// that queues, so with several instances each stretch of time is queued once.
struct FlagSweep: Sendable {
    let database: any Database
    let directory: any DirectoryRepository
    let facts: ScheduleFacts
    let time: TimeSource

    /// How far back a first sweep (a fresh installation) looks.
    static let firstLookBackMs: Int64 = 36 * 3_600_000
    /// Sweeps closer together than this do nothing.
    static let minimumStepMs: Int64 = 30_000

    /// Queues what ended since the last sweep; returns how many person-days (0 when another instance swept first).
    @discardableResult
    func run() async throws -> Int {
        let now = time.now.epochMillis
        let stored = try await database.withConnection { db in
            try await db.raw("SELECT swept_to FROM flag_sweep WHERE id = 'flags'").first()?.decode(column: "swept_to", as: Int64.self)
        }
        guard let stored else { return 0 }
        let from = stored == 0 ? now - Self.firstLookBackMs : stored
        guard now - from >= Self.minimumStepMs else { return 0 }
        let items = try await endedSince(from: from, to: now)
        return try await database.withTransaction { db in
            let moved = try await db.raw("""
                UPDATE flag_sweep SET swept_to = \(bind: now) WHERE id = 'flags' AND swept_to = \(bind: stored) RETURNING swept_to
                """).all()
            guard !moved.isEmpty else { return 0 }
            try await PersonDayQueue.flags.enqueue(items, lane: .background, db)
            return items.count
        }
    }

    /// Person-days whose day ended, or that hold a shift that ended, in `(from, to]`.
    func endedSince(from: Int64, to: Int64) async throws -> Set<PersonDayQueue.Item> {
        let organization = try await directory.organization()
        // Zones from the people and teams read here, not one query per person every sweep.
        var teamZones: [String: String] = [:]
        for team in try await directory.teams(ids: nil, includeArchived: true, after: nil, limit: 10_000) {
            if let zone = team.timeZone { teamZones[team.id] = zone }
        }
        let zones = ZoneCache(directory: directory, fallback: organization.timeZone, teamZones: teamZones)
        var items = Set<PersonDayQueue.Item>()
        for person in try await directory.activeEmployees(teamIDs: nil) {
            let zone = await zones.zone(of: person)
            for day in Self.daysEnded(from: from, to: to, zone: zone) { items.insert(.init(employeeID: person.id, day: day)) }
        }
        // Shifts that ended, and shifts still running (agent silence is raised while they run).
        let ended = try await facts.shiftsEnding(after: Date(epochMillis: from), through: Date(epochMillis: to))
        let running = try await facts.shiftsRunning(at: Date(epochMillis: to))
        for shift in ended + running {
            let zone = try await zones.zone(shift.employeeID)
            items.insert(.init(employeeID: shift.employeeID, day: LocalPeriod.localDate(shift.start, in: zone)))
        }
        return items
    }

    /// Local dates of `zone` whose end falls in `(from, to]`.
    static func daysEnded(from: Int64, to: Int64, zone: TimeZone) -> [String] {
        var result: [String] = []
        var date = LocalPeriod.localDate(Date(epochMillis: from), in: zone)
        while result.count < 62, let day = LocalCalendar.day(date, zone) {
            let end = day.end.epochMillis
            if end > to { break }
            if end > from { result.append(date) }
            guard let next = LocalCalendar.date(date, plusDays: 1) else { break }
            date = next
        }
        return result
    }
}

import Activities
import Auth
import Foundation
import Logging
import Schedules
import SQLKit
import TrackerCore
import TrackerStore

extension PersonDayQueue {
    /// Person-days waiting for their points to be (re)computed.
    static let gamification = PersonDayQueue(table: "gamification_dirty")
}

/// Computes queued person-days: focus blocks and breaks from the day's classified events (`ActivityTimeline`), the
/// goal from its productive rollups, on-time starts from its judged shifts; replaces the day's ledger and totals
/// and the person's badges in one transaction under the person's lock. Everything it writes is a function of
/// events, rollups, shifts and settings, so evaluating the same day again — or rebuilding from scratch — gives the
/// same rows.
struct GamificationEvaluator: Sendable {
    let database: any Database
    let timeline: ActivityTimeline
    let rollups: RollupReader
    let facts: ScheduleFacts
    let directory: any DirectoryRepository
    let time: TimeSource

    static let batch = 100
    static let leaseMs: Int64 = 120_000

    func drainMarks() async throws {
        let consumer = RollupMarks.gamification, engine = database.engine
        guard try await database.withConnection({ try await GamificationStore.settings($0) }).enabled else {
            // Off: changes are dropped (turning it on scores the recent past again).
            guard try await database.withConnection({ try await RollupMarks.pending($0, consumer: consumer) }) else { return }
            try await database.withTransaction { db in
                try await RollupMarks.claim(db, consumer: consumer, engine: engine)
                try await RollupMarks.release(db, consumer: consumer)
            }
            return
        }
        try await RollupMarks.drain(RollupMarks.gamification, into: .gamification, database: database, directory: directory, now: time.now)
    }

    /// Leases and computes queued days until none is left; returns how many were computed. Marks are drained at the
    /// start and then about once a second (`Pacer`), so fresh data is not held up behind a rebuild. Gamification
    /// off: the queue is emptied without work (turning it on queues the recent past again).
    func evaluateQueued(shouldStop: @Sendable () -> Bool = { Task.isCancelled }) async throws -> Int {
        var done = 0
        var drains = Pacer(every: RollupMarks.drainEvery)
        while !shouldStop() {
            if drains.ready() { try await drainMarks() }
            let now = time.now.epochMillis
            let leased = try await PersonDayQueue.gamification.lease(limit: Self.batch, now: now, until: now + Self.leaseMs, database)
            if leased.isEmpty { break }
            let settings = try await database.withConnection { try await GamificationStore.settings($0) }
            let organization = try await directory.organization()
            let zones = ZoneCache(directory: directory, fallback: organization.timeZone)
            let byPerson = Dictionary(grouping: leased, by: \.item.employeeID)
            for person in byPerson.keys.sorted() {
                let items = byPerson[person] ?? []
                do {
                    try await evaluate(person, items, settings: settings, organization: organization, zones: zones)
                } catch {
                    try? await database.withTransaction { db in try await PersonDayQueue.gamification.release(items, db) }
                    throw error
                }
                done += items.count
            }
        }
        return done
    }

    private func evaluate(_ employeeID: String, _ items: [PersonDayQueue.Leased], settings: GamificationSettings,
                          organization: Organization, zones: ZoneCache) async throws {
        let queue = PersonDayQueue.gamification
        guard settings.enabled, let employee = try await directory.employee(id: employeeID), employee.status == .active else {
            try await database.withTransaction { db in for item in items { try await queue.complete(item, db) } }
            return
        }
        let zone = try await zones.zone(employeeID)
        let member = try await database.withConnection { try await GamificationStore.member(employeeID, $0) }
        let goalMs = Int64(member.goalMinutes ?? settings.defaultGoalMinutes) * 60_000
        var days: [PointsLedger.Day] = []
        for item in items.sorted(by: { $0.item.day < $1.item.day }) {
            guard let day = LocalCalendar.day(item.item.day, zone) else { continue }
            days.append(try await compute(employeeID, day: day, zone: zone, goalMs: goalMs))
        }
        let today = LocalPeriod.localDate(time.now, in: zone)
        let since = GamificationHistory.since(today: today)
        let timeOff = GamificationHistory.timeOffDates(
            try await facts.approvedTimeOff(employeeID: employeeID, from: LocalCalendar.day(since, zone)?.start ?? time.now,
                                            to: LocalCalendar.day(today, zone)?.end ?? time.now), zone: zone)
        let workWeek = organization.workWeekIndices
        let cap = settings.dailyCap, engine = database.engine, computed = days
        try await database.withTransaction { db in
            try await db.lockKey("gamification:\(employeeID)", engine: engine)
            for day in computed {
                try await GamificationStore.replaceDay(employeeID, day, entries: PointsLedger.entries(day, cap: cap), db)
            }
            let rows = try await GamificationStore.days(employeeID, since: since, db)
            let history = GamificationHistory.build(rows, today: today, workWeek: workWeek, timeOff: timeOff)
            try await GamificationStore.replaceBadges(employeeID, Badges.awards(history.tallies), db)
            for item in items { try await queue.complete(item, db) }
        }
    }

    /// One person-day's habits, goal and on-time starts.
    func compute(_ employeeID: String, day: LocalPeriod.Day, zone: TimeZone, goalMs: Int64) async throws -> PointsLedger.Day {
        async let shape = timeline.day(employeeID: employeeID, from: day.start, to: day.end)
        async let sums = rollups.daySums(.employees([employeeID]), days: [day], zone: zone)
        async let shifts = facts.shifts(employeeID: employeeID, from: day.start, to: day.end)
        let (activity, idle) = try await shape
        let productive = Int64((((try await sums)[0]?.productive ?? 0) * 1000).rounded())
        let onTime = try await shifts.compactMap { shift -> PointsLedger.OnTime? in
            guard shift.start >= day.start, shift.start < day.end, let attendance = shift.attendance, attendance.firstActivity != nil,
                  !attendance.statuses.contains(.late), !attendance.statuses.contains(.absent)
            else { return nil }
            return PointsLedger.OnTime(shiftID: shift.id, start: shift.start.epochMillis)
        }
        return PointsLedger.Day(
            date: day.date, end: day.end.epochMillis,
            focus: DayHabits.focusBlocks(activity: activity, idle: idle), breaks: DayHabits.healthyBreaks(activity: activity, idle: idle),
            onTime: onTime, productiveMs: productive, goalMs: goalMs
        )
    }
}

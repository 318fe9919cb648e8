import Activities
import Auth
import Foundation
import Logging
import Schedules
import SQLKit
import TrackerCore
import TrackerStore

/// Evaluates queued person-days: loads what the rules read (rollups through `RollupReader`, shifts and time off
/// through `ScheduleFacts`), judges, and reconciles the person's flags in one transaction under the person's lock —
/// one flag per (rule, person, period): raised, updated, withdrawn when it no longer holds, raised again.
struct FlagEvaluator: Sendable {
    let database: any Database
    let rollups: RollupReader
    let activity: ActivityReader
    let facts: ScheduleFacts
    let directory: any DirectoryRepository
    let rules: FlagRuleStore
    let time: TimeSource
    let logger: Logger
    /// Wakes the webhook dispatcher after a pass raised or withdrew flags (their events are in the outbox).
    let notices: Doorbell

    /// Days a change can matter for: the baseline of low activity reads the same weekday of the 4 weeks before.
    static let rippleWeeks = 4
    /// Person-days leased at once, and for how long.
    static let batch = 50
    static let leaseMs: Int64 = 120_000

    /// What one pass did.
    struct Pass: Sendable, Equatable {
        var evaluated = 0
        var raised = 0
        var withdrawn = 0
    }

    /// Moves the rollup writer's marks into the queue as person-days (plus the days whose baseline they feed).
    func drainMarks() async throws {
        let workWeek = Self.workWeek(try await directory.organization())
        try await RollupMarks.drain(RollupMarks.flags, into: .flags, database: database, directory: directory, now: time.now) { day, zone, today in
            Self.ripple(day, zone: zone, today: today, workWeek: workWeek)
        }
    }

    /// For a past day on a working weekday (`workWeek`, 0 = Monday), the same weekday up to 4 weeks later (not
    /// after today), whose low-activity baseline it is.
    static func ripple(_ day: String, zone: TimeZone, today: String, workWeek: Set<Int>) -> [String] {
        guard day < today, let start = LocalCalendar.day(day, zone)?.start, workWeek.contains(LocalCalendar.weekday(start, zone)) else { return [] }
        return (1...rippleWeeks).compactMap { weeks in LocalCalendar.date(day, plusDays: 7 * weeks).flatMap { $0 <= today ? $0 : nil } }
    }

    static func workWeek(_ organization: Organization) -> Set<Int> {
        Set(organization.workWeek.compactMap { Organization.weekdays.firstIndex(of: $0) })
    }

    /// Leases and evaluates queued days until none is left (or `shouldStop`).
    func evaluateQueued(shouldStop: @Sendable () -> Bool = { Task.isCancelled }) async throws -> Pass {
        var pass = Pass()
        while !shouldStop() {
            let now = time.now.epochMillis
            let leased = try await PersonDayQueue.flags.lease(limit: Self.batch, now: now, until: now + Self.leaseMs, database)
            if leased.isEmpty { break }
            let organization = try await directory.organization()
            let book = try await rules.all()
            let zones = ZoneCache(directory: directory, fallback: organization.timeZone)
            var unchanged: [PersonDayQueue.Leased] = []
            var finished = 0
            do {
                for item in leased {
                    if let result = try await evaluate(item, organization: organization, book: book, zones: zones) {
                        pass.raised += result.raised
                        pass.withdrawn += result.withdrawn
                    } else {
                        unchanged.append(item)
                    }
                    finished += 1
                }
                pass.evaluated += leased.count
                // Days that changed nothing leave the queue together: one commit, not one each.
                if !unchanged.isEmpty {
                    let done = unchanged
                    try await database.withTransaction { db in for item in done { try await PersonDayQueue.flags.complete(item, db) } }
                }
            } catch {
                // What was not evaluated (and what changed nothing but was not yet completed) goes back at once.
                let back = unchanged + leased.dropFirst(finished)
                try? await database.withTransaction { db in try await PersonDayQueue.flags.release(back, db) }
                throw error
            }
        }
        if pass.raised + pass.withdrawn > 0 { await notices.ring() }
        return pass
    }

    /// Judges one person-day; nil when nothing needs writing (the caller completes it with others).
    private func evaluate(_ leased: PersonDayQueue.Leased, organization: Organization, book: FlagRuleStore.RuleBook,
                          zones: ZoneCache) async throws -> Pass? {
        let id = leased.item.employeeID
        let (zone, zoneName) = try await zones.named(id)
        guard let employee = try await directory.employee(id: id), employee.status == .active,
              let day = LocalCalendar.day(leased.item.day, zone)
        else { return nil }
        let outcomes = try await judge(employee: employee, day: day, zone: zone, zoneName: zoneName, organization: organization, book: book)
        let reconciler = FlagReconciler(employee: employee, day: day, rules: book.effective(teamID: employee.teamId), now: time.now)
        let stored = try await database.withConnection { db in try await reconciler.stored(outcomes, db) }
        guard !reconciler.plan(outcomes, stored: stored).isEmpty else { return nil }
        let engine = database.engine
        return try await database.withTransaction { db in
            try await db.lockKey("flags:\(id)", engine: engine)
            // Again under the lock: another instance may have acted on this person meanwhile.
            let actions = reconciler.plan(outcomes, stored: try await reconciler.stored(outcomes, db))
            let result = try await reconciler.execute(actions, db)
            try await PersonDayQueue.flags.complete(leased, db)
            return result
        }
    }

    func judge(employee: Employee, day: LocalPeriod.Day, zone: TimeZone, zoneName: String, organization: Organization,
               book: FlagRuleStore.RuleBook) async throws -> [FlagOutcome] {
        let week = LocalCalendar.week(of: day, zone)
        let first = LocalCalendar.date(day.date, plusDays: -7 * Self.rippleWeeks) ?? day.date
        let last = max(day.date, week.last?.date ?? day.date)
        let span = try LocalPeriod.make(kind: .custom, anchor: first, through: last, timeZone: zone, maxDays: 62).days
        let weekStart = week.first?.start ?? day.start, weekEnd = week.last?.end ?? day.end
        async let sums = rollups.daySums(.employees([employee.id]), days: span, zone: zone)
        async let hours = rollups.activeHours(employeeID: employee.id, from: weekStart, to: weekEnd)
        async let shifts = facts.shifts(employeeID: employee.id, from: weekStart, to: weekEnd)
        async let timeOff = facts.approvedTimeOff(employeeID: employee.id, from: span.first?.start ?? day.start, to: weekEnd)
        async let idle = idlePeriods(employee.id, day: day)
        let judged = try await shifts
        // Reports from the agent matter only around the day's shifts, and only up to now.
        var reported: [ClosedRange<Int64>] = []
        let dayShifts = judged.filter { $0.start < day.end && $0.end > day.start && $0.start < time.now }
        if let first = dayShifts.map(\.start).min(), let last = dayShifts.map(\.end).max(), book.effective(teamID: employee.teamId)[.agentSilent]?.enabled == true {
            reported = try await activity.reportedSpans(employeeID: employee.id, from: first, to: min(last, time.now))
        }
        var totals: [String: RollupReader.HourTotals] = [:]
        for (index, value) in try await sums where span.indices.contains(index) { totals[span[index].date] = value }
        let workWeek = Self.workWeek(organization)
        let inputs = FlagJudge.Inputs(
            employeeID: employee.id, zone: zone, zoneName: zoneName, day: day, week: week, totals: totals, hours: try await hours,
            shifts: judged, timeOff: try await timeOff, idle: try await idle, reported: reported, workWeek: workWeek, now: time.now,
            rules: book.effective(teamID: employee.teamId)
        )
        return FlagJudge(inputs: inputs).outcomes()
    }
}

extension FlagEvaluator {
    /// The person's idle periods overlapping the day, as the rules read them (private notes never needed).
    func idlePeriods(_ employeeID: String, day: LocalPeriod.Day) async throws -> [IdlePeriod] {
        try await activity.idlePeriods(employeeID: employeeID, from: day.start, to: day.end, revealPrivateNotes: false)
    }
}

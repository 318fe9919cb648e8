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
        let workWeek = try await directory.organization().workWeekIndices
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

    /// Leases and evaluates queued days until none is left (or `shouldStop`). Marks are drained at the start and
    /// then about once a second (`Pacer`), so data that arrives during a long pass (a sweep, a bulk re-evaluation)
    /// is judged within a second or so, ahead of the backlog, rather than after the pass.
    func evaluateQueued(shouldStop: @Sendable () -> Bool = { Task.isCancelled }) async throws -> Pass {
        var pass = Pass()
        var drains = Pacer(every: RollupMarks.drainEvery)
        while !shouldStop() {
            if drains.ready() { try await drainMarks() }
            let now = time.now.epochMillis
            let leased = try await PersonDayQueue.flags.lease(limit: Self.batch, now: now, until: now + Self.leaseMs, database)
            if leased.isEmpty { break }
            let organization = try await directory.organization()
            let book = try await rules.all()
            let zones = ZoneCache(directory: directory, fallback: organization.timeZone)
            var unchanged: [PersonDayQueue.Leased] = []
            var finished: [PersonDayQueue.Leased] = []
            do {
                // A person's days together: what the rules read is loaded once for all of them.
                for (_, items) in Dictionary(grouping: leased, by: \.item.employeeID).sorted(by: { $0.key < $1.key }) {
                    for (item, result) in try await evaluate(items, organization: organization, book: book, zones: zones) {
                        if let result {
                            pass.raised += result.raised
                            pass.withdrawn += result.withdrawn
                        } else {
                            unchanged.append(item)
                        }
                        finished.append(item)
                    }
                }
                pass.evaluated += leased.count
                // Days that changed nothing leave the queue together: one commit, not one each.
                if !unchanged.isEmpty {
                    let done = unchanged
                    try await database.withTransaction { db in for item in done { try await PersonDayQueue.flags.complete(item, db) } }
                }
            } catch {
                // What was not evaluated (and what changed nothing but was not yet completed) goes back at once.
                let evaluated = Set(finished.map(\.item)).subtracting(unchanged.map(\.item))
                let back = leased.filter { !evaluated.contains($0.item) }
                try? await database.withTransaction { db in try await PersonDayQueue.flags.release(back, db) }
                throw error
            }
        }
        if pass.raised + pass.withdrawn > 0 { await notices.ring() }
        return pass
    }

    /// Judges some days of one person; for each, nil when nothing needs writing (the caller completes those with
    /// others), else what reconciling wrote (already completed, in the same transaction).
    private func evaluate(_ leased: [PersonDayQueue.Leased], organization: Organization, book: FlagRuleStore.RuleBook,
                          zones: ZoneCache) async throws -> [(PersonDayQueue.Leased, Pass?)] {
        guard let id = leased.first?.item.employeeID else { return [] }
        let (zone, zoneName) = try await zones.named(id)
        guard let employee = try await directory.employee(id: id), employee.status == .active else { return leased.map { ($0, nil) } }
        var reaches: [(PersonDayQueue.Leased, FlagWindow.Reach?)] = []
        for item in leased.sorted(by: { $0.item.day < $1.item.day }) {
            reaches.append((item, try LocalCalendar.day(item.item.day, zone).map { try FlagWindow.Reach($0, zone: zone) }))
        }
        let rules = book.effective(teamID: employee.teamId)
        let silence = rules[.agentSilent]?.enabled == true, now = time.now
        let window = try await FlagWindow.load(id, reaches: reaches.compactMap(\.1), zone: zone, silence: silence, now: now,
                                               rollups: rollups, activity: activity, facts: facts)
        var results: [(PersonDayQueue.Leased, Pass?)] = []
        for (item, reach) in reaches {
            guard let reach else { results.append((item, nil)); continue }
            let cut = window.cut(reach, silence: silence, now: now)
            let inputs = FlagJudge.Inputs(
                employeeID: id, zone: zone, zoneName: zoneName, day: reach.day, week: reach.week, totals: cut.totals, hours: cut.hours,
                shifts: cut.shifts, timeOff: cut.timeOff, idle: cut.idle, reported: cut.reported, workWeek: organization.workWeekIndices,
                now: now, rules: rules
            )
            results.append((item, try await reconcile(FlagJudge(inputs: inputs).outcomes(), employee: employee, day: reach.day,
                                                      rules: rules, leased: item)))
        }
        return results
    }

    /// Writes what the outcomes change, under the person's lock; nil when they change nothing.
    private func reconcile(_ outcomes: [FlagOutcome], employee: Employee, day: LocalPeriod.Day, rules: [FlagRule: FlagRuleSettings],
                           leased: PersonDayQueue.Leased) async throws -> Pass? {
        let reconciler = FlagReconciler(employee: employee, day: day, rules: rules, now: time.now)
        let stored = try await database.withConnection { db in try await reconciler.stored(outcomes, db) }
        guard !reconciler.plan(outcomes, stored: stored).isEmpty else { return nil }
        let engine = database.engine
        return try await database.withTransaction { db in
            try await db.lockKey("flags:\(employee.id)", engine: engine)
            // Again under the lock: another instance may have acted on this person meanwhile.
            let actions = reconciler.plan(outcomes, stored: try await reconciler.stored(outcomes, db))
            let result = try await reconciler.execute(actions, db)
            try await PersonDayQueue.flags.complete(leased, db)
            return result
        }
    }
}

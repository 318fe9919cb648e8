import Activities
import Auth
import Foundation
import Schedules
import SQLKit
import TrackerCore
import TrackerHTTP
import TrackerStore

/// Gamification as people see it: the organisation's settings, each person's own view (points, streak, badges,
/// progress, ledger) and choices, managers' view of their people, leaderboards, and rebuilds. Opt-in twice over:
/// nothing shows while the organisation has it off, and a person who opted out is never shown to anyone else —
/// not by name, not in a team's average.
public struct GamificationService: Sendable {
    let database: any Database
    let directory: any DirectoryRepository
    let access: AccessControl
    let facts: ScheduleFacts
    let time: TimeSource
    let doorbell: Doorbell

    public static let resource = "gamification"
    /// Days queued again when gamification is turned on or its rules change.
    static let backfillDays = 30
    static let maxRebuildDays = 400
    static let maxLedgerDays = 92

    // MARK: settings

    func settings() async throws -> GamificationSettings {
        try await database.withConnection { try await GamificationStore.settings($0) }
    }

    func updateSettings(_ input: GamificationSettings.Input, by user: UserIdentity) async throws -> GamificationSettings {
        guard user.role == .admin else { throw AccessError.forbidden("Only administrators may change gamification settings.") }
        return try await apply(input, actor: user.employeeID)
    }

    /// Turns gamification on with individual leaderboards (`serve --demo`, once its data is generated).
    public func turnOnForDemo() async throws {
        _ = try await apply(.init(enabled: true, individualLeaderboards: true), actor: "demo")
    }

    private func apply(_ input: GamificationSettings.Input, actor: String) async throws -> GamificationSettings {
        let now = time.now.epochMillis
        let (before, after) = try await database.withTransaction { db in
            let before = try await GamificationStore.settings(db)
            let after = try before.applying(input)
            try await GamificationStore.save(after, by: actor, at: now, db)
            return (before, after)
        }
        // Turned on, or scored differently: the recent past is scored again (off, nothing was kept up to date).
        if after.enabled, !before.enabled || before.dailyCap != after.dailyCap || before.defaultGoalMinutes != after.defaultGoalMinutes {
            let today = LocalPeriod.localDate(time.now, in: TimeZone(identifier: try await directory.organization().timeZone) ?? .gmt)
            _ = try await queue(from: LocalCalendar.date(today, plusDays: -Self.backfillDays) ?? today, to: today, teamIDs: nil)
        }
        return after
    }

    // MARK: a person's view

    public struct PersonView: Codable, Sendable {
        public struct Today: Codable, Sendable {
            public var date: String
            public var points: Int
            public var productiveMinutes: Int
            public var goalMinutes: Int
            public var goalMet: Bool
        }
        public struct Points: Codable, Sendable {
            public var today: Int
            public var week: Int
            public var month: Int
        }
        public struct EarnedBadge: Codable, Sendable {
            public var id: String
            public var name: String
            public var period: String
            public var awardedOn: String
        }
        public struct NextBadge: Codable, Sendable {
            public var id: String
            public var name: String
            public var description: String
            public var period: String
            public var value: Int
            public var threshold: Int
        }
        public var employeeId: String
        public var optedOut: Bool
        public var goalMinutes: Int
        public var today: Today
        public var points: Points
        public var streak: Streaks.Summary
        public var badges: [EarnedBadge]
        public var next: [NextBadge]
    }

    /// The caller's own view (shown to them even when they opted out: it hides them from others only).
    public func mine(by user: UserIdentity) async throws -> PersonView {
        let settings = try await requireEnabled()
        return try await view(of: user.employeeID, settings: settings)
    }

    func updateMine(_ input: GamificationMember.Input, by user: UserIdentity) async throws -> PersonView {
        let settings = try await requireEnabled()
        let now = time.now
        try await database.withTransaction { db in
            let member = try await GamificationStore.member(user.employeeID, db).applying(input)
            try await GamificationStore.save(member, employeeID: user.employeeID, at: now.epochMillis, db)
        }
        // A new goal counts from today on; earlier days keep the goal they were scored with until a rebuild.
        let zone = try await zone(of: user.employeeID)
        _ = try await enqueue([.init(employeeID: user.employeeID, day: LocalPeriod.localDate(now, in: zone))], lane: .fresh)
        return try await view(of: user.employeeID, settings: settings)
    }

    /// A manager's (their teams') or an administrator's view of one person; `404` when the person opted out.
    func person(_ employeeID: String, by user: UserIdentity) async throws -> PersonView {
        let settings = try await requireEnabled()
        let subject = try await access.checkRead(of: employeeID, by: user)
        if subject.id != user.employeeID {
            guard try await !database.withConnection({ try await GamificationStore.member(subject.id, $0) }).optedOut else {
                throw GamificationError.notParticipating
            }
            try await access.recordView(of: .person(subject.id), resource: Self.resource, by: user)
        }
        return try await view(of: subject.id, settings: settings)
    }

    func ledger(from: String, to: String, by user: UserIdentity) async throws -> [LedgerEntry] {
        _ = try await requireEnabled()
        let period = try LocalPeriod.make(kind: .custom, anchor: from, through: to, timeZone: .gmt, maxDays: Self.maxLedgerDays, anchorField: "from")
        guard let first = period.days.first?.date, let last = period.days.last?.date else { return [] }
        return try await database.withConnection { db in
            try await GamificationStore.ledger(user.employeeID, from: first, to: last, limit: 10_000, db)
        }
    }

    private func view(of employeeID: String, settings: GamificationSettings) async throws -> PersonView {
        let zone = try await zone(of: employeeID)
        let today = LocalPeriod.localDate(time.now, in: zone)
        let since = GamificationHistory.since(today: today)
        let organization = try await directory.organization()
        let workWeek = organization.workWeekIndices
        let timeOff = GamificationHistory.timeOffDates(
            try await facts.approvedTimeOff(employeeID: employeeID, from: LocalCalendar.day(since, zone)?.start ?? time.now,
                                            to: LocalCalendar.day(today, zone)?.end ?? time.now), zone: zone)
        let (member, rows, awards) = try await database.withConnection { db in
            (try await GamificationStore.member(employeeID, db), try await GamificationStore.days(employeeID, since: since, db),
             try await GamificationStore.badges(employeeID, db))
        }
        let history = GamificationHistory.build(rows, today: today, workWeek: workWeek, timeOff: timeOff)
        let goalMinutes = member.goalMinutes ?? settings.defaultGoalMinutes
        let todayRow = rows.last { $0.day == today }
        let week = Badges.periodKey(today, .week), month = Badges.periodKey(today, .month)
        func sum(_ keep: (String) -> Bool) -> Int { rows.filter { keep($0.day) }.reduce(0) { $0 + $1.points } }
        let names = Dictionary(Badges.catalogue.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return PersonView(
            employeeId: employeeID, optedOut: member.optedOut, goalMinutes: goalMinutes,
            today: .init(date: today, points: todayRow?.points ?? 0, productiveMinutes: Int((todayRow?.productiveMs ?? 0) / 60_000),
                         goalMinutes: goalMinutes, goalMet: Int64(goalMinutes) * 60_000 <= (todayRow?.productiveMs ?? 0)),
            points: .init(today: todayRow?.points ?? 0, week: sum { Badges.periodKey($0, .week) == week },
                          month: sum { Badges.periodKey($0, .month) == month }),
            streak: history.streak,
            badges: awards.map { .init(id: $0.badgeId, name: names[$0.badgeId]?.name ?? $0.badgeId, period: $0.period, awardedOn: $0.awardedOn) },
            next: Badges.progress(history.tallies, today: today, currentStreak: history.streak.current, awards: awards).compactMap { progress in
                guard let badge = names[progress.badgeId] else { return nil }
                return .init(id: badge.id, name: badge.name, description: badge.description, period: progress.period,
                             value: progress.value, threshold: progress.threshold)
            }
        )
    }

    // MARK: rebuilds

    public struct Queued: Codable, Sendable {
        var queued: Int
    }

    public struct RebuildInput: Decodable, Sendable {
        var from: String
        var to: String
        var teamId: String?
    }

    /// Queues every person-day of `[from, to]` to be scored again from events, rollups and shifts.
    func rebuild(_ input: RebuildInput, by user: UserIdentity) async throws -> Queued {
        guard user.role == .admin else { throw AccessError.forbidden("Only administrators may rebuild gamification.") }
        _ = try await requireEnabled()
        if let team = input.teamId { try access.authorizeTeam(team, by: user) }
        return Queued(queued: try await queue(from: input.from, to: input.to, teamIDs: input.teamId.map { [$0] }))
    }

    private func queue(from: String, to: String, teamIDs: Set<String>?) async throws -> Int {
        let period = try LocalPeriod.make(kind: .custom, anchor: from, through: to, timeZone: .gmt, maxDays: Self.maxRebuildDays, anchorField: "from")
        var items = Set<PersonDayQueue.Item>()
        for person in try await directory.activeEmployees(teamIDs: teamIDs) {
            for day in period.days { items.insert(.init(employeeID: person.id, day: day.date)) }
        }
        return try await enqueue(items, lane: .background)
    }

    private func enqueue(_ items: Set<PersonDayQueue.Item>, lane: PersonDayQueue.Lane) async throws -> Int {
        try await database.withTransaction { db in try await PersonDayQueue.gamification.enqueue(items, lane: lane, db) }
        await doorbell.ring()
        return items.count
    }

    public struct Backlog: Codable, Sendable {
        var queued: Int
        var changesPending: Bool
    }

    func backlog(by user: UserIdentity) async throws -> Backlog {
        guard user.role != .employee else { throw AccessError.forbidden("Only managers and administrators may see this.") }
        let pending = try await database.withConnection { db in try await RollupMarks.pending(db, consumer: RollupMarks.gamification) }
        return Backlog(queued: try await PersonDayQueue.gamification.count(database), changesPending: pending)
    }

    // MARK: helpers

    func requireEnabled() async throws -> GamificationSettings {
        let settings = try await settings()
        guard settings.enabled else { throw GamificationError.off }
        return settings
    }

    func zone(of employeeID: String) async throws -> TimeZone {
        try await ZoneCache(directory: directory, fallback: directory.organization().timeZone).zone(employeeID)
    }
}

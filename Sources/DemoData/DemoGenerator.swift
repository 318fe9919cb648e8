import Activities
import Auth
import Foundation
import Schedules
import Synchronization
import TrackerCore

/// Generates a realistic demo organisation — teams with managers, people with their own hours, lunch breaks, idle
/// periods, meetings, team app mixes, a few late starters, remote workers and weekend workers — and sends their
/// activity through the same ingest service the agents' requests use, so rollups and rules apply as in production.
public struct DemoGenerator: Sendable {
    public struct Options: Sendable {
        public var employees: Int
        public var days: Int
        public var seed: UInt64
        /// People generated at once (PostgreSQL uses several connections; SQLite batches them into group commits).
        public var parallelism: Int

        public init(employees: Int, days: Int, seed: UInt64 = 1, parallelism: Int = 4) {
            self.employees = employees
            self.days = days
            self.seed = seed
            self.parallelism = parallelism
        }

        /// The activity settings the ingest service needs to accept `days` of history.
        public func activitySettings(_ base: ActivitySettings) -> ActivitySettings {
            var settings = base
            settings.backfillWindowSeconds = max(settings.backfillWindowSeconds, Int64(days + 2) * 86_400)
            return settings
        }
    }

    public struct Progress: Sendable {
        public var personDaysDone: Int
        public var personDaysTotal: Int
        public var events: Int
        public var idlePeriods: Int
        public var seconds: Double
    }

    public struct Credential: Sendable {
        public let role: Role
        public let name: String
        public let email: String
        public let team: String?
    }

    public struct Summary: Sendable {
        public var credentials: [Credential]
        public var teams: Int
        public var events: Int
        public var idlePeriods: Int
        public var shifts: Int
        public var seconds: Double
        public var eventsPerSecond: Double { seconds > 0 ? Double(events) / seconds : 0 }
    }

    public enum Failure: Error, Sendable { case alreadyExists }

    public static let password = "demo-password-1"
    public static let adminEmail = "admin@demo.example"
    /// The first team's manager (every demo has that team).
    public static let managerEmail = DemoPlan.managerEmail(team: DemoCatalog.kinds[0].name)

    private let identity: IdentityModule
    private let activity: ActivityModule
    private let schedules: ScheduleModule?
    private let time: TimeSource

    /// With `schedules`, the organisation also gets locations, skills and a published schedule (`DemoSchedule`).
    public init(identity: IdentityModule, activity: ActivityModule, schedules: ScheduleModule? = nil, time: TimeSource) {
        self.identity = identity
        self.activity = activity
        self.schedules = schedules
        self.time = time
    }

    /// Whether the demo organisation was generated before.
    public func exists() async throws -> Bool {
        try await identity.directoryRepository.credentials(email: Self.adminEmail) != nil
    }

    public func generate(_ options: Options, progress: @escaping @Sendable (Progress) -> Void = { _ in }) async throws -> Summary {
        guard try await !exists() else { throw Failure.alreadyExists }
        let started = ContinuousClock.now
        let plan = DemoPlan(options)
        let (people, credentials, teamIDs) = try await createOrganization(plan)
        let kindByTeamID = Dictionary(zip(teamIDs, plan.teams.map(\.kind.name)), uniquingKeysWith: { first, _ in first })
        try await createRules(teams: kindByTeamID)
        var shifts = 0
        if let schedules, let admin = try await identity.directoryRepository.credentials(email: Self.adminEmail) {
            let user = UserIdentity(employeeID: admin.employee.id, role: .admin, teamID: nil, managedTeams: [], sessionID: nil)
            shifts = try await DemoSchedule(plan: plan, schedules: schedules, admin: user).write(people: people, teamIDs: teamIDs, until: time.now)
        }

        let totals = Totals()
        let total = people.count * options.days
        let until = time.now
        @Sendable func elapsed() -> Double { let d = ContinuousClock.now - started; return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            func startNext() {
                guard next < people.count else { return }
                let person = people[next]
                next += 1
                group.addTask {
                    try await generate(person, plan: plan, until: until) { events, idle in
                        let now = totals.counts.withLock { t in
                            t.days += 1; t.events += events; t.idle += idle
                            return t
                        }
                        progress(Progress(personDaysDone: now.days, personDaysTotal: total, events: now.events, idlePeriods: now.idle, seconds: elapsed()))
                    }
                }
            }
            for _ in 0..<max(1, options.parallelism) { startNext() }
            while try await group.next() != nil { startNext() }
        }
        let done = totals.counts.withLock { $0 }
        return Summary(credentials: credentials, teams: plan.teams.count, events: done.events, idlePeriods: done.idle, shifts: shifts, seconds: elapsed())
    }

    /// Counts shared by the concurrent per-person tasks.
    private final class Totals: Sendable {
        let counts = Mutex((days: 0, events: 0, idle: 0))
    }

    // MARK: people

    struct Enrolled: Sendable {
        var plan: DemoPlan.Person
        var employeeID: String
        var device: DeviceIdentity
    }

    /// Creates the plan's teams, managers and people (one shared bcrypt hash) with a device each, and an administrator;
    /// returns the team ids in the plan's order.
    private func createOrganization(_ plan: DemoPlan) async throws -> ([Enrolled], [Credential], [String]) {
        let directory = identity.directory
        _ = try await directory.updateOrganization(name: "Demo Company", timeZone: "Europe/Berlin", workWeek: nil, publicRanking: nil)
        let password = try await directory.sharedPasswordHash(Self.password)
        _ = try await directory.createEmployee(.init(name: "Demo Admin", email: Self.adminEmail, role: .admin), password: password)
        var credentials = [Credential(role: .admin, name: "Demo Admin", email: Self.adminEmail, team: nil)]
        var teamIDs: [String] = []
        for team in plan.teams {
            teamIDs.append(try await directory.createTeam(.init(name: team.name, timeZone: team.kind.zone)).id)
        }
        var enrolled: [Enrolled] = []
        for person in plan.people {
            let team = plan.teams[person.team]
            let persona = person.persona
            let employee = try await directory.createEmployee(.init(
                name: person.name, email: person.email, teamId: teamIDs[person.team], role: person.role,
                timeZone: persona.timeZone == team.kind.zone ? nil : persona.timeZone
            ), password: password)
            if person.role == .manager { _ = try await directory.setManagers(teamID: teamIDs[person.team], employeeIDs: [employee.id]) }
            let mac = team.kind.name == "Engineering" || team.kind.name == "Marketing"
            let device = try await identity.devices.enrol(
                employeeID: employee.id, name: "\(person.name.split(separator: " ")[0])'s \(mac ? "MacBook Pro" : "laptop")",
                platform: mac ? "macos" : "windows"
            )
            enrolled.append(Enrolled(plan: person, employeeID: employee.id, device: DeviceIdentity(deviceID: device.device.id, employeeID: employee.id)))
            credentials.append(Credential(role: person.role, name: person.name, email: person.email, team: team.name))
        }
        return (enrolled, credentials, teamIDs)
    }

    /// The organisation's rules (and team overrides), re-scored at once while there is no activity yet, so nothing
    /// is left queued for the server to redo later.
    private func createRules(teams: [String: String]) async throws {
        guard let admin = try await identity.directoryRepository.credentials(email: Self.adminEmail) else { return }
        let user = UserIdentity(employeeID: admin.employee.id, role: .admin, teamID: nil, managedTeams: [], sessionID: nil)
        for rule in DemoCatalog.rules {
            let teamIDs: [String?] = rule.kind.map { kind in teams.filter { $0.value == kind }.map(\.key).sorted() } ?? [nil]
            for teamID in teamIDs {
                _ = try await activity.rules.create(
                    RuleInput(teamId: teamID, field: rule.field, match: rule.match, pattern: rule.pattern, category: rule.category,
                              priority: teamID == nil ? 0 : 10),
                    by: user
                )
            }
        }
        await activity.rebuildService.runQueuedJobs()
    }

    // MARK: activity

    /// One person's days, oldest first, each sent as an agent would: idle periods, then the day's events.
    private func generate(_ person: Enrolled, plan: DemoPlan, until: Date, dayDone: @Sendable (Int, Int) -> Void) async throws {
        var lastEventEnd: Date?
        for planned in plan.days(of: person.plan, until: until) {
            let day = planned.day
            func id(_ kind: Int, _ n: Int) -> String { DemoPlan.id(day: planned.number, sequence: n, kind: kind, person: person.plan.index) }
            if !day.idle.isEmpty {
                let periods = day.idle.enumerated().map { n, idle in
                    IncomingIdlePeriod(id: id(1, n), start: idle.start, end: idle.end, reason: idle.reason)
                }
                _ = try await Self.retryingWhileBusy { try await activity.ingest.ingest(IdleBatch(periods: periods), from: person.device) }
                // Some people say what a break was: long ones as breaks, short ones as work away (a whiteboard session).
                var random = SeededRandom(seed: plan.options.seed, stream: UInt64(person.plan.index + 1), planned.number, 1)
                for (n, idle) in day.idle.enumerated() where random.chance(0.15) {
                    let change = IdleClassificationChange(classification: idle.end.timeIntervalSince(idle.start) > 25 * 60 ? .break : .workAway)
                    _ = try await Self.retryingWhileBusy { try await activity.idle.classify(idleID: id(1, n), employeeID: person.employeeID, change: change) }
                }
            }
            if !day.events.isEmpty {
                let events = day.events.enumerated().map { n, event in
                    IncomingEvent(id: id(0, n), timestamp: event.start, duration: event.seconds, app: event.app, title: event.title, url: event.url)
                }
                for chunk in stride(from: 0, to: events.count, by: 2_000) {
                    let batch = EventBatch(events: Array(events[chunk..<min(chunk + 2_000, events.count)]))
                    _ = try await Self.retryingWhileBusy { try await activity.ingest.ingest(batch, from: person.device) }
                }
                lastEventEnd = day.events.last.map { $0.start.addingTimeInterval($0.seconds) }
            }
            dayDone(day.events.count, day.idle.count)
        }
        // People at work right now show as active on the dashboard.
        if let lastEventEnd, until.timeIntervalSince(lastEventEnd) < 120 {
            try await identity.devices.markSeen(deviceID: person.device.deviceID, at: until)
        }
    }
}

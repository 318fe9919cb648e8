import AsyncHTTPClient
import Auth
import Foundation
import Logging
import Schedules
import SQLKit
import TrackerCore
import TrackerStore

/// One sync with Connecteam: users → our people (matched, never created or merged), scheduler shifts → our shifts
/// (source `connecteam`, by external id; deletions seen as absence), time-clock shift activities → clocked time.
/// Only one runs at a time across instances (a leased lock renewed page by page). Every write is idempotent and a
/// page is committed before the next is asked for; the users cursor moves only after the whole pass committed, so a
/// sync killed at any point resumes without duplicates or gaps.
struct ConnecteamSync: Sendable {
    let store: ConnecteamStore
    let directory: any DirectoryRepository
    let imports: ShiftImport
    let timeOffImports: TimeOffImport
    let policy: ConnecteamRetryPolicy
    let time: TimeSource
    let logger: Logger

    static let source = "connecteam"
    static let system = "connecteam"
    static let pageSize = 500
    static let lease: Int64 = 10 * 60_000
    /// Time activities may be asked for at most 90 days at once.
    static let activityWindowDays = 90

    enum Outcome: Sendable { case ran(SyncRun), busy }

    struct LostLock: Error, CustomStringConvertible { var description: String { "lost the sync lock to another instance" } }
    struct NotConfigured: Error, CustomStringConvertible { var description: String { "no API key is configured" } }

    func run(trigger: String) async throws -> Outcome {
        let (settings, key, _) = try await store.settings()
        guard let key else { throw NotConfigured() }
        var run = SyncRun(id: UUID().uuidString.lowercased(), trigger: trigger, startedAt: time.now, finishedAt: nil, status: .running,
                          counts: [:], errors: [])
        guard try await renew(run.id) else { return .busy }
        try await store.startRun(run)
        let tally = RetryTally()
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout = .init(connect: .seconds(10), read: .init(policy.timeout))
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let client = ConnecteamClient(http: http, baseURL: settings.baseURL, apiKey: key, policy: policy, tally: tally, logger: logger)
        do {
            var counts: [String: Int] = [:]
            let people = try await users(client, run.id, &counts)
            for scheduler in settings.schedulerIds {
                try await shifts(client, scheduler: scheduler, settings: settings, people: people, run.id, &counts)
            }
            for clock in settings.timeClockIds {
                try await clocked(client, clock: clock, settings: settings, people: people, run.id, &counts)
            }
            if settings.syncTimeOff { try await timeOff(client, settings: settings, people: people, run.id, &counts) }
            run.counts = counts.merging(tally.snapshot) { $0 + $1 }
            run.status = .done
        } catch {
            run.counts = run.counts.merging(tally.snapshot) { $0 + $1 }
            run.errors.append(error is CancellationError ? "stopped (shutdown or cancelled); the next sync goes on" : "\(error)")
            run.status = .failed
        }
        try? await http.shutdown()
        run.finishedAt = time.now
        try await store.finishRun(run)
        try? await store.unlock(holder: run.id)
        logger.info("connecteam sync", metadata: ["run": "\(run.id)", "status": "\(run.status.rawValue)", "counts": "\(run.counts)"])
        return .ran(run)
    }

    private func renew(_ holder: String) async throws -> Bool {
        let now = time.now.epochMillis
        return try await store.lock(holder: holder, now: now, until: now + Self.lease)
    }

    func keepLock(_ holder: String) async throws {
        guard try await renew(holder) else { throw LostLock() }
    }

    // MARK: Users

    /// Matches Connecteam's users to our people: by the Connecteam id in their external ids, else by email (then the id
    /// is linked); an email already linked to another Connecteam user is a conflict, never a merge.
    /// Returns Connecteam user id → our person, links made in this pass included (the shift and clock passes use it).
    private func users(_ client: ConnecteamClient, _ holder: String, _ counts: inout [String: Int]) async throws -> [Int: Employee] {
        let employees = try await allEmployees()
        var byID: [String: Employee] = [:], byEmail: [String: Employee] = [:]
        for e in employees {
            if let id = e.externalIds[Self.system] { byID[id] = e }
            byEmail[e.email.lowercased()] = e
        }
        let cursor = try await store.cursor("users.modifiedAt") ?? 0
        var newest = cursor
        var offset = 0
        while true {
            var query = [("userStatus", "all"), ("limit", "\(Self.pageSize)"), ("offset", "\(offset)"), ("order", "asc")]
            if cursor > 0 { query.append(("modifiedAt", "\(cursor - 1)")) }
            let page = try await client.get("/users/v1/users", query, as: CT.Users.self).users
            var rows: [(CT.User, String?, String, String?)] = []
            for user in page {
                counts["users.seen", default: 0] += 1
                newest = max(newest, user.modifiedAt ?? 0)
                let key = String(user.userId)
                if let mine = byID[key] {
                    rows.append((user, mine.id, "matched", nil))
                    counts["users.matched", default: 0] += 1
                } else if let email = user.email?.lowercased(), !email.isEmpty, var mine = byEmail[email] {
                    if let other = mine.externalIds[Self.system] {
                        rows.append((user, nil, "conflict", "\(email) is already linked to Connecteam user \(other)"))
                        counts["users.conflicts", default: 0] += 1
                    } else {
                        mine.externalIds[Self.system] = key
                        try await directory.updateEmployee(mine)
                        byID[key] = mine
                        byEmail[email] = mine
                                        rows.append((user, mine.id, "matched", "linked by email"))
                        counts["users.matched", default: 0] += 1
                        counts["users.linked", default: 0] += 1
                    }
                } else {
                    rows.append((user, nil, "unmatched", nil))
                    counts["users.unmatched", default: 0] += 1
                }
            }
            try await store.recordPeople(rows, at: time.now)
            try await keepLock(holder)
            // Only an empty page ends the pass: a server that clamps `limit` below ours must not end it early.
            if page.isEmpty { break }
            offset += page.count
        }
        if newest > cursor { try await store.setCursor("users.modifiedAt", newest) }
        var people: [Int: Employee] = [:]
        for (id, person) in byID { if let user = Int(id) { people[user] = person } }
        return people
    }

    private func allEmployees() async throws -> [Employee] {
        var all: [Employee] = []
        var after: [String]?
        while true {
            let page = try await directory.employees(teamIDs: nil, includeArchived: true, after: after, limit: 500)
            all += page
            guard page.count == 500, let last = page.last else { return all }
            after = [FieldValidation.emailKey(last.email), last.id]
        }
    }

    // MARK: Shifts

    private func shifts(_ client: ConnecteamClient, scheduler: Int, settings: ConnecteamSettings, people: [Int: Employee], _ holder: String,
                        _ counts: inout [String: Int]) async throws {
        let now = time.now
        let from = now.addingTimeInterval(-Double(settings.pastDays) * 86_400), to = now.addingTimeInterval(Double(settings.futureDays) * 86_400)
        let prefix = "\(scheduler):"
        var seen = Set<String>()
        var offset = 0
        while true {
            let page = try await client.get("/scheduler/v1/schedulers/\(scheduler)/shifts", [
                ("startTime", "\(Int64(from.timeIntervalSince1970))"), ("endTime", "\(Int64(to.timeIntervalSince1970))"),
                ("limit", "\(Self.pageSize)"), ("offset", "\(offset)"), ("sort", "created_at"), ("order", "asc"),
            ], as: CT.Shifts.self).shifts
            var items: [ShiftImport.Item] = []
            for shift in page {
                let start = Date(timeIntervalSince1970: Double(shift.startTime)), end = Date(timeIntervalSince1970: Double(shift.endTime))
                let assigned = shift.assignedUserIds ?? []
                if assigned.isEmpty {
                    guard let team = settings.openShiftTeamId else { counts["shifts.skipped", default: 0] += 1; continue }
                    let external = prefix + shift.id
                    seen.insert(external)
                    items.append(.init(teamId: team, locationId: nil, employeeId: nil, start: start, end: end, skillId: nil,
                                       breakMinutes: shift.unpaidBreakMinutes, published: shift.isPublished ?? true, source: Self.source,
                                       externalId: external))
                    continue
                }
                for user in assigned {
                    guard let person = people[user], let team = person.teamId ?? settings.openShiftTeamId else {
                        counts["shifts.skipped", default: 0] += 1
                        continue
                    }
                    let external = "\(prefix)\(shift.id):\(user)"
                    seen.insert(external)
                    items.append(.init(teamId: team, locationId: nil, employeeId: person.id, start: start, end: end, skillId: nil,
                                       breakMinutes: shift.unpaidBreakMinutes, published: shift.isPublished ?? true, source: Self.source,
                                       externalId: external))
                }
            }
            counts["shifts.written", default: 0] += try await imports.write(items)
            try await keepLock(holder)
            if page.isEmpty { break }
            offset += page.count
        }
        // Only after every page: what Connecteam no longer has in the window goes.
        counts["shifts.removed", default: 0] += try await imports.removeMissing(source: Self.source, prefix: prefix, from: from, to: to, keep: seen)
    }

    // MARK: Clocked time

    private func clocked(_ client: ConnecteamClient, clock: Int, settings: ConnecteamSettings, people: [Int: Employee], _ holder: String,
                         _ counts: inout [String: Int]) async throws {
        let utc = TimeZone(identifier: "UTC") ?? .current
        let today = LocalPeriod.localDate(time.now, in: utc)
        var day = LocalCalendar.date(today, plusDays: -settings.pastDays) ?? today
        while day <= today {
            let last = min(today, LocalCalendar.date(day, plusDays: Self.activityWindowDays - 1) ?? today)
            let answer = try await client.get("/time-clock/v1/time-clocks/\(clock)/time-activities", [("startDate", day), ("endDate", last)],
                                              as: CT.TimeActivities.self)
            let (written, removed) = try await store.replaceClocked(clock: clock, from: Self.startOf(day), to: Self.startOf(LocalCalendar.date(last, plusDays: 1) ?? last),
                                                                   activities: answer.timeActivitiesByUsers, people: people.mapValues(\.id), at: time.now)
            counts["clocked.written", default: 0] += written
            counts["clocked.removed", default: 0] += removed
            try await keepLock(holder)
            guard let next = LocalCalendar.date(last, plusDays: 1) else { break }
            day = next
        }
    }

    /// Midnight UTC of `day` (`YYYY-MM-DD`), epoch ms.
    static func startOf(_ day: String) -> Int64 {
        LocalCalendar.day(day, .gmt)?.start.epochMillis ?? 0
    }
}

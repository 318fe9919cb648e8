import Auth
import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// Shifts: create, change and delete them under the scheduling rules, publish drafts, and let employees claim open
/// shifts. Every check that depends on the person's other shifts runs in the writing transaction, after the
/// person's row lock (PostgreSQL), so two managers assigning one person at once cannot both break a rule.
public struct ShiftService: Sendable {
    let database: any Database
    let directory: any DirectoryRepository
    let settings: ScheduleSettingsStore
    let limits: ScheduleLimits
    let time: TimeSource

    public func create(_ input: ShiftInput, by user: UserIdentity) async throws -> Shift {
        guard let teamId = input.teamId else { throw SimpleAppError.invalid("teamId", "is required") }
        guard input.start != nil else { throw SimpleAppError.invalid("start", "is required") }
        guard input.end != nil else { throw SimpleAppError.invalid("end", "is required") }
        guard input.version == nil else { throw SimpleAppError.invalid("version", "is set by the server on create") }
        let now = Int64(time.now.timeIntervalSince1970)
        let blank = ShiftRecord(id: UUID().uuidString.lowercased(), teamId: teamId, locationId: nil, employeeId: nil, start: 0, end: 1,
                                skillId: nil, breakMinutes: 0, notes: nil, status: .draft, version: 1, templateId: nil, source: "local",
                                externalId: nil, createdAt: now, updatedAt: now)
        let record = try input.applied(to: blank)
        return try await save(record, previous: nil, by: user)
    }

    public func update(id: String, _ input: ShiftInput, by user: UserIdentity) async throws -> Shift {
        guard let version = input.version else { throw SimpleAppError.invalid("version", "is required: the version of the shift you changed") }
        let current = try await existing(id)
        try ScheduleAccess.requirePlanner(of: current.teamId, user)
        guard current.version == version else { throw ScheduleError.staleVersion(current: current.version) }
        var next = try input.applied(to: current)
        next.version = current.version + 1
        next.updatedAt = Int64(time.now.timeIntervalSince1970)
        return try await save(next, previous: current, by: user)
    }

    public func delete(id: String, version: Int64?, by user: UserIdentity) async throws {
        let current = try await existing(id)
        try ScheduleAccess.requirePlanner(of: current.teamId, user)
        let expected = version ?? current.version
        let now = time.now.epochMillis
        try await database.withTransaction { db in
            try await db.raw("DELETE FROM shift_requests WHERE shift_id = \(bind: id) OR target_shift_id = \(bind: id)").run()
            guard try await ShiftStore.delete(id: id, expected: expected, db) else {
                guard let latest = try await ShiftStore.shift(id: id, db) else { throw ScheduleError.notFound("shift") }
                throw ScheduleError.staleVersion(current: latest.version)
            }
            if current.status == .published {
                try await ScheduleOutbox.write(.init(event: "shift.deleted", teamId: current.teamId, shiftIds: [id], by: user.employeeID),
                                               shiftID: id, at: now, db)
            }
        }
    }

    /// One shift, to a planner of its team, or to an employee who may see it (their own or a claimable open one).
    public func shift(id: String, by user: UserIdentity) async throws -> Shift {
        let record = try await existing(id)
        if (try? ScheduleAccess.requirePlanner(of: record.teamId, user)) == nil {
            let filter = ShiftFilter(visibleToEmployee: (user.employeeID, user.teamID))
            let visible = try await database.withConnection { db in
                try await ShiftStore.list(filter, from: record.start, to: record.end, limit: 10_000, db).contains { $0.id == id }
            }
            guard visible else { throw ScheduleError.notFound("shift") }
        }
        return record.shift(organizationZone: try await directory.organization().timeZone)
    }

    /// Publishes the team's drafts starting in the range; one outbox row says so.
    public func publish(teamID: String, from: String?, to: String?, by user: UserIdentity) async throws -> PublishResult {
        let team = try FieldValidation.id(teamID, field: "teamId")
        try ScheduleAccess.requirePlanner(of: team, user)
        let zone = try await teamZone(team)
        let range = try ScheduleRange.parse(from: from, to: to, zone: zone, maxDays: limits.viewDays)
        let now = time.now
        let ids = try await database.withTransaction { db in
            let ids = try await ShiftStore.publish(teamID: team, from: range.from, to: range.to, at: Int64(now.timeIntervalSince1970), db)
            if !ids.isEmpty {
                try await ScheduleOutbox.write(.init(event: "schedule.published", teamId: team, shiftIds: ids, from: Date(epochMillis: range.from),
                                                     to: Date(epochMillis: range.to), by: user.employeeID), shiftID: nil, at: now.epochMillis, db)
            }
            return ids
        }
        return PublishResult(published: ids.count, shiftIds: ids)
    }

    public struct PublishResult: Codable, Sendable {
        public var published: Int
        public var shiftIds: [String]
    }

    /// Gives an open published shift to the asker if they qualify and nothing conflicts; of simultaneous claims
    /// exactly one wins, the others get `409`.
    public func claim(id: String, by user: UserIdentity) async throws -> Shift {
        let shift = try await existing(id)
        guard shift.status == .published, shift.employeeId == nil else { throw Self.taken }
        guard shift.teamId == user.teamID else { throw ScheduleError.notFound("shift") }
        let zone = try await personZone(user.employeeID)
        let settings = try await self.settings.organization()
        let now = time.now
        let claimed = try await database.withTransaction { [database] db in
            try await db.lockRow(table: "employees", id: user.employeeID, engine: database.engine)
            guard let current = try await ShiftStore.shift(id: id, db) else { throw ScheduleError.notFound("shift") }
            guard current.employeeId == nil, current.status == .published else { throw Self.taken }
            var candidate = current
            candidate.employeeId = user.employeeID
            let context = try await Self.context(for: candidate, zone: zone, settings: settings, db)
            if let other = ShiftRules.overlap(candidate, context) {
                throw ScheduleError.overlap(shiftID: other.id, start: Date(epochMillis: other.start), end: Date(epochMillis: other.end))
            }
            // A claim has no planner looking at it: every rule refuses, whatever the warning settings.
            if let violation = ShiftRules.violations(candidate, context).first {
                throw ScheduleError.rule(rule: violation.rule, message: violation.message)
            }
            guard try await ShiftStore.claim(id: id, employeeID: user.employeeID, expected: current.version,
                                             at: Int64(now.timeIntervalSince1970), db) else { throw Self.taken }
            try await ScheduleOutbox.write(.init(event: "shift.claimed", teamId: current.teamId, shiftIds: [id], by: user.employeeID),
                                           shiftID: id, at: now.epochMillis, db)
            return try await ShiftStore.shift(id: id, db)
        }
        guard let claimed else { throw ScheduleError.notFound("shift") }
        return claimed.shift(organizationZone: try await directory.organization().timeZone)
    }

    static let taken = ScheduleError.conflict(code: "shift_not_open", message: "id: this shift is no longer open; someone else took it or it changed.")

    // MARK: saving under the rules

    func save(_ record: ShiftRecord, previous: ShiftRecord?, by user: UserIdentity) async throws -> Shift {
        try ScheduleAccess.requirePlanner(of: record.teamId, user)
        let organization = try await directory.organization()
        try await checkReferences(record, previous: previous, by: user)
        var personZone = TimeZone.gmt
        if let person = record.employeeId { personZone = try await self.personZone(person) }
        let zone = personZone
        let settings = try await self.settings.organization()
        let now = time.now
        let (saved, warnings) = try await database.withTransaction { [database] db in
            if let person = record.employeeId { try await db.lockRow(table: "employees", id: person, engine: database.engine) }
            var warnings: [RuleViolation] = []
            if record.employeeId != nil {
                let context = try await Self.context(for: record, zone: zone, settings: settings, db)
                if let other = ShiftRules.overlap(record, context) {
                    throw ScheduleError.overlap(shiftID: other.id, start: Date(epochMillis: other.start), end: Date(epochMillis: other.end))
                }
                for violation in ShiftRules.violations(record, context) {
                    if settings.rules.mode(violation.rule) == .refuse {
                        throw ScheduleError.rule(rule: violation.rule, message: violation.message)
                    }
                    warnings.append(violation)
                }
            }
            if let previous {
                guard try await ShiftStore.update(record, previous: previous, db) else {
                    guard let latest = try await ShiftStore.shift(id: record.id, db) else { throw ScheduleError.notFound("shift") }
                    throw ScheduleError.staleVersion(current: latest.version)
                }
                if previous.status == .published || record.status == .published {
                    try await ScheduleOutbox.write(.init(event: "shift.changed", teamId: record.teamId, shiftIds: [record.id],
                                                         by: user.employeeID, changes: Self.changes(previous, record)),
                                                   shiftID: record.id, at: now.epochMillis, db)
                }
            } else {
                try await ShiftStore.insert(record, db)
                if record.status == .published {
                    try await ScheduleOutbox.write(.init(event: "shift.changed", teamId: record.teamId, shiftIds: [record.id],
                                                         by: user.employeeID, changes: ["created"]),
                                                   shiftID: record.id, at: now.epochMillis, db)
                }
            }
            return (try await ShiftStore.shift(id: record.id, db), warnings)
        }
        guard let saved else { throw ScheduleError.notFound("shift") }
        return saved.shift(organizationZone: organization.timeZone, warnings: warnings)
    }

    /// Team, location, skill and person exist (and may be used by `user`); each failure names its field.
    private func checkReferences(_ record: ShiftRecord, previous: ShiftRecord?, by user: UserIdentity) async throws {
        if record.teamId != previous?.teamId {
            guard let team = try await directory.team(id: record.teamId), !team.archived else {
                throw ScheduleError.unknown(field: "teamId", what: "team")
            }
        }
        let location = record.locationId, skill = record.skillId
        let (locationOK, skillOK) = try await database.withConnection { db in
            var locationOK = true, skillOK = true
            if let id = location {
                locationOK = try await CatalogStore.location(id: id, db).map { !$0.archived || id == previous?.locationId } ?? false
            }
            if let id = skill { skillOK = !(try await CatalogStore.skills(ids: [id], db)).isEmpty }
            return (locationOK, skillOK)
        }
        guard locationOK else { throw ScheduleError.unknown(field: "locationId", what: "location") }
        guard skillOK else { throw ScheduleError.unknown(field: "skillId", what: "skill") }
        if let person = record.employeeId, person != previous?.employeeId {
            guard let employee = try await directory.employee(id: person), employee.status == .active else {
                throw ScheduleError.unknown(field: "employeeId", what: "employee")
            }
            guard ScheduleAccess.manages(employee, user) else {
                throw AccessError.forbidden("employeeId: you may only put people of the teams you manage on shifts.")
            }
        }
    }

    /// The rule context of `candidate`'s person, read in the writing transaction.
    /// `excluding`: shifts changing hands in the same transaction (a swap), not counted as the person's.
    static func context(for candidate: ShiftRecord, zone: TimeZone, settings: ScheduleSettings, excluding: Set<String> = [],
                        _ db: any SQLDatabase) async throws -> RuleContext {
        guard let person = candidate.employeeId else {
            return RuleContext(others: [], skills: [], timeOff: [], profile: ProfileRecord(), zone: zone, settings: settings)
        }
        let margin = ShiftRules.contextMarginMs
        let others = try await ShiftStore.personShifts(person, from: candidate.start - margin, to: candidate.end + margin, db)
            .filter { $0.id != candidate.id && !excluding.contains($0.id) }
        return RuleContext(
            others: others, skills: try await ProfileStore.skillIDs(person, db),
            timeOff: try await ProfileStore.approvedTimeOff(person, from: candidate.start, to: candidate.end, db),
            profile: try await ProfileStore.load(person, db), zone: zone, settings: settings
        )
    }

    static func changes(_ old: ShiftRecord, _ new: ShiftRecord) -> [String] {
        var changed: [String] = []
        if old.teamId != new.teamId { changed.append("teamId") }
        if old.locationId != new.locationId { changed.append("locationId") }
        if old.employeeId != new.employeeId { changed.append("employeeId") }
        if old.start != new.start { changed.append("start") }
        if old.end != new.end { changed.append("end") }
        if old.skillId != new.skillId { changed.append("skillId") }
        if old.breakMinutes != new.breakMinutes { changed.append("breakMinutes") }
        if old.notes != new.notes { changed.append("notes") }
        if old.status != new.status { changed.append("status") }
        return changed
    }

    func existing(_ id: String) async throws -> ShiftRecord {
        guard let record = try await database.withConnection({ db in try await ShiftStore.shift(id: id, db) }) else {
            throw ScheduleError.notFound("shift")
        }
        return record
    }

    func personZone(_ employeeID: String) async throws -> TimeZone {
        TimeZone(identifier: try await directory.effectiveTimeZone(employeeID: employeeID) ?? "UTC") ?? .gmt
    }

    func teamZone(_ teamID: String) async throws -> TimeZone {
        guard let team = try await directory.team(id: teamID) else { throw ScheduleError.unknown(field: "teamId", what: "team") }
        var name = team.timeZone
        if name == nil { name = try await directory.organization().timeZone }
        return TimeZone(identifier: name ?? "UTC") ?? .gmt
    }
}

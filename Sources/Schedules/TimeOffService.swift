import Auth
import Foundation
import TrackerCore
import TrackerHTTP
import TrackerStore

/// Time off: people request it, a manager of their team (or an admin) approves or denies it with a note, the person
/// may cancel it. Approved time off makes the person unavailable (the `timeOff` rule).
public struct TimeOffService: Sendable {
    let database: any Database
    let directory: any DirectoryRepository
    let access: AccessControl
    let time: TimeSource

    public struct Input: Decodable, Sendable {
        var employeeId: String?
        var from: String?
        var to: String?
        var allDay: Bool?
        var reason: String?
        var kind: TimeOff.Kind?
    }

    static let maxDays = 366

    public func request(_ input: Input, by user: UserIdentity) async throws -> TimeOff {
        let personID = try input.employeeId.map { try FieldValidation.id($0, field: "employeeId") } ?? user.employeeID
        if personID != user.employeeID {
            guard let person = try await directory.employee(id: personID) else { throw ScheduleError.unknown(field: "employeeId", what: "employee") }
            guard ScheduleAccess.manages(person, user) else { throw AccessError.forbidden("employeeId: you may only request time off for yourself or people you manage.") }
        }
        let zone = TimeZone(identifier: try await directory.effectiveTimeZone(employeeID: personID) ?? "UTC") ?? .gmt
        let allDay = input.allDay ?? false
        var firstDay: String?, lastDay: String?
        let start: Date, end: Date
        if allDay {
            guard let from = input.from else { throw SimpleAppError.invalid("from", "is required (YYYY-MM-DD for all-day time off)") }
            let period = try LocalPeriod.make(kind: .custom, anchor: from, through: input.to ?? from, timeZone: zone,
                                              maxDays: Self.maxDays, anchorField: "from")
            (start, end, firstDay, lastDay) = (period.start, period.end, period.days.first?.date, period.days.last?.date)
        } else {
            guard let from = input.from else { throw SimpleAppError.invalid("from", "is required (an RFC 3339 time, or a date with allDay)") }
            guard let to = input.to else { throw SimpleAppError.invalid("to", "is required") }
            start = try RFC3339.parameter(from, name: "from")
            end = try RFC3339.parameter(to, name: "to")
            guard end > start else { throw SimpleAppError.invalid("to", "must be after from") }
            guard end.timeIntervalSince(start) <= Double(Self.maxDays) * 86_400 else { throw SimpleAppError.invalid("to", "at most \(Self.maxDays) days") }
        }
        let reason = try input.reason.map { text -> String in
            try FieldValidation.noNUL(text, field: "reason")
            guard text.count <= 2_000 else { throw SimpleAppError.invalid("reason", "must be at most 2000 characters") }
            return text
        }
        let now = time.now
        let request = TimeOff(
            id: UUID().uuidString.lowercased(), employeeId: personID, from: start, to: end, allDay: allDay, firstDay: firstDay, lastDay: lastDay,
            kind: input.kind ?? .vacation, reason: reason, status: .pending, decidedBy: nil, decidedAt: nil, decisionNote: nil,
            source: "local", externalId: nil, createdAt: now, updatedAt: now
        )
        try await database.withTransaction { db in try await TimeOffStore.insert(request, db) }
        return request
    }

    /// Approves or denies a pending request (a manager of the person's team, not for themselves; or an admin).
    public func decide(id: String, approve: Bool, note: String?, by user: UserIdentity) async throws -> TimeOff {
        let request = try await existing(id)
        guard let person = try await directory.employee(id: request.employeeId) else { throw ScheduleError.notFound("time_off") }
        guard ScheduleAccess.manages(person, user), person.id != user.employeeID || user.role == .admin else {
            throw AccessError.forbidden("Only a manager of the person's team (not the person) or an administrator may decide time off.")
        }
        let note = try note.map { try FieldValidation.text($0, field: "note", maxLength: 2_000) }
        if !approve && note == nil { throw SimpleAppError.invalid("note", "is required to deny a request") }
        let now = time.now
        let conflicts = try await database.withTransaction { db in
            guard try await TimeOffStore.decide(id: id, expected: [.pending], status: approve ? .approved : .denied, by: user.employeeID,
                                                note: note, at: Int64(now.timeIntervalSince1970), db) else {
                throw ScheduleError.conflict(code: "time_off_decided", message: "id: this request was already decided or cancelled.")
            }
            guard approve else { return [String]() }
            return try await ShiftStore.personShifts(request.employeeId, from: request.from.epochMillis, to: request.to.epochMillis, db).map(\.id)
        }
        var decided = try await existing(id)
        if approve { decided.conflictingShiftIds = conflicts }
        return decided
    }

    /// The person withdraws their own request (pending or approved).
    public func cancel(id: String, by user: UserIdentity) async throws -> TimeOff {
        let request = try await existing(id)
        guard request.employeeId == user.employeeID else { throw ScheduleError.notFound("time_off") }
        let now = Int64(time.now.timeIntervalSince1970)
        try await database.withTransaction { db in
            guard try await TimeOffStore.decide(id: id, expected: [.pending, .approved], status: .cancelled, by: user.employeeID,
                                                note: nil, at: now, db) else {
                throw ScheduleError.conflict(code: "time_off_decided", message: "id: this request can no longer be cancelled.")
            }
        }
        return try await existing(id)
    }

    public func get(id: String, by user: UserIdentity) async throws -> TimeOff {
        let request = try await existing(id)
        do { try await access.checkRead(of: request.employeeId, by: user) } catch is AccessError { throw ScheduleError.notFound("time_off") }
        return request
    }

    /// Requests overlapping the range: the asker's own, or (planners) those of a person or team they manage.
    public func list(employeeID: String?, teamID: String?, status: TimeOff.Status?, from: String?, to: String?,
                     by user: UserIdentity) async throws -> [TimeOff] {
        var people: [String]?
        if let employeeID {
            try await access.checkRead(of: employeeID, by: user)
            people = [employeeID]
        } else if let teamID {
            try access.authorizeTeam(teamID, by: user)
            people = try await directory.employees(teamIDs: [teamID], includeArchived: true, after: nil, limit: 100_000).map(\.id)
        } else if user.role == .employee {
            people = [user.employeeID]
        } else if user.role == .manager {
            people = try await directory.employees(teamIDs: user.managedTeams, includeArchived: true, after: nil, limit: 100_000).map(\.id)
                + [user.employeeID]
        }
        let lo = try from.map { try Self.bound($0, name: "from") } ?? 0
        let hi = try to.map { try Self.bound($0, name: "to") } ?? DateBounds.millis.upperBound
        guard hi > lo else { throw SimpleAppError.invalid("to", "must be after from") }
        let ids = people
        return try await database.withConnection { db in
            try await TimeOffStore.list(employeeIDs: ids, status: status, from: lo, to: hi, limit: 5_000, db)
        }
    }

    /// A date (its start in UTC) or an RFC 3339 time, as epoch ms.
    static func bound(_ text: String, name: String) throws -> Int64 {
        if text.utf8.count == 10 {
            return try LocalPeriod.make(kind: .day, anchor: text, timeZone: .gmt, anchorField: name).start.epochMillis
        }
        return try RFC3339.parameter(text, name: name).epochMillis
    }

    func existing(_ id: String) async throws -> TimeOff {
        guard let found = try await database.withConnection({ db in try await TimeOffStore.find(id: id, db) }) else {
            throw ScheduleError.notFound("time_off")
        }
        return found
    }
}

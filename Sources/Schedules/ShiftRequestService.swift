import Auth
import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// Swap and drop requests: the person on a published future shift asks; for a swap the colleague accepts; a manager
/// of the shift's team (or an admin) approves, which applies it under the scheduling rules in one transaction.
public struct ShiftRequestService: Sendable {
    let database: any Database
    let directory: any DirectoryRepository
    let shifts: ShiftService
    let settings: ScheduleSettingsStore
    let time: TimeSource

    public struct Input: Decodable, Sendable {
        var kind: ShiftRequest.Kind?
        var shiftId: String?
        var targetEmployeeId: String?
        var targetShiftId: String?
        var note: String?
    }

    public func create(_ input: Input, by user: UserIdentity) async throws -> ShiftRequest {
        guard let kind = input.kind else { throw SimpleAppError.invalid("kind", "is required (drop or swap)") }
        guard let rawShift = input.shiftId else { throw SimpleAppError.invalid("shiftId", "is required") }
        let shiftID = try FieldValidation.id(rawShift, field: "shiftId")
        let note = try input.note.map { try FieldValidation.text($0, field: "note", maxLength: 2_000) }
        let shift = try await shifts.existing(shiftID)
        let now = time.now
        guard shift.employeeId == user.employeeID, shift.status == .published else {
            throw SimpleAppError(.unprocessable, code: "not_your_shift", message: "shiftId: you may only give away your own published shifts.")
        }
        guard shift.start > now.epochMillis else { throw SimpleAppError.invalid("shiftId", "the shift has already started") }
        var target: String?, targetShift: String?
        if kind == .swap {
            guard let raw = input.targetEmployeeId else { throw SimpleAppError.invalid("targetEmployeeId", "is required for a swap") }
            let colleague = try FieldValidation.id(raw, field: "targetEmployeeId")
            guard colleague != user.employeeID, let person = try await directory.employee(id: colleague), person.status == .active,
                  person.teamId == shift.teamId else {
                throw SimpleAppError(.unprocessable, code: "unknown_colleague", message: "targetEmployeeId: no active colleague of the shift's team.")
            }
            target = colleague
            if let raw = input.targetShiftId {
                let other = try await shifts.existing(try FieldValidation.id(raw, field: "targetShiftId"))
                guard other.employeeId == colleague, other.status == .published, other.start > now.epochMillis, other.id != shift.id else {
                    throw SimpleAppError(.unprocessable, code: "unknown_target_shift",
                                         message: "targetShiftId: not a future published shift of the colleague.")
                }
                targetShift = other.id
            }
        } else if input.targetEmployeeId != nil || input.targetShiftId != nil {
            throw SimpleAppError.invalid("targetEmployeeId", "only a swap names a colleague")
        }
        let otherShift = targetShift
        let request = ShiftRequest(id: UUID().uuidString.lowercased(), kind: kind, shiftId: shiftID, requesterId: user.employeeID,
                                   targetEmployeeId: target, targetShiftId: otherShift, status: .pending, note: note, decidedBy: nil,
                                   decisionNote: nil, createdAt: now, updatedAt: now)
        try await database.withTransaction { db in
            for id in [shiftID, otherShift].compactMap({ $0 }) where try await ShiftRequestStore.open(shiftID: id, db) {
                throw ScheduleError.conflict(code: "request_open", message: "shiftId: shift \(id) already has a request in progress.")
            }
            try await ShiftRequestStore.insert(request, db)
        }
        return request
    }

    /// The colleague accepts or declines a swap offered to them.
    public func answer(id: String, accept: Bool, by user: UserIdentity) async throws -> ShiftRequest {
        let request = try await existing(id)
        guard request.kind == .swap, request.targetEmployeeId == user.employeeID else { throw ScheduleError.notFound("request") }
        try await move(id, from: [.pending], to: accept ? .accepted : .declined, by: nil, note: nil)
        return try await existing(id)
    }

    /// The requester withdraws a request still in progress.
    public func cancel(id: String, by user: UserIdentity) async throws -> ShiftRequest {
        let request = try await existing(id)
        guard request.requesterId == user.employeeID else { throw ScheduleError.notFound("request") }
        try await move(id, from: [.pending, .accepted], to: .cancelled, by: nil, note: nil)
        return try await existing(id)
    }

    public func deny(id: String, note: String?, by user: UserIdentity) async throws -> ShiftRequest {
        let request = try await existing(id)
        try await authorizeDecision(request, by: user)
        guard let note else { throw SimpleAppError.invalid("note", "is required to deny a request") }
        let text = try FieldValidation.text(note, field: "note", maxLength: 2_000)
        try await move(id, from: [.pending, .accepted], to: .denied, by: user.employeeID, note: text)
        return try await existing(id)
    }

    /// Applies the request: a drop opens the shift; a swap gives it to the colleague (and theirs to the requester).
    public func approve(id: String, note: String?, by user: UserIdentity) async throws -> ShiftRequest {
        let request = try await existing(id)
        try await authorizeDecision(request, by: user)
        let text = try note.map { try FieldValidation.text($0, field: "note", maxLength: 2_000) }
        let ready: ShiftRequest.Status = request.kind == .drop ? .pending : .accepted
        guard request.status == ready else {
            throw ScheduleError.conflict(code: "request_not_ready", message: request.kind == .swap && request.status == .pending
                ? "id: the colleague has not accepted this swap yet." : "id: this request was already decided or withdrawn.")
        }
        let settings = try await self.settings.organization()
        let requesterZone = try await shifts.personZone(request.requesterId)
        var targetZone = requesterZone
        if let colleague = request.targetEmployeeId { targetZone = try await shifts.personZone(colleague) }
        let colleagueZone = targetZone
        let now = time.now
        let warnings = try await database.withTransaction { [database] db in
            let people = [request.requesterId, request.targetEmployeeId].compactMap { $0 }
            try await db.lockRows(table: "employees", ids: people, engine: database.engine)
            guard let shift = try await ShiftStore.shift(id: request.shiftId, db), shift.employeeId == request.requesterId,
                  shift.status == .published else { throw Self.changed }
            var updates: [(ShiftRecord, ShiftRecord)] = []
            var first = shift
            first.employeeId = request.targetEmployeeId
            updates.append((shift, first))
            if let otherID = request.targetShiftId {
                guard let other = try await ShiftStore.shift(id: otherID, db), other.employeeId == request.targetEmployeeId,
                      other.status == .published else { throw Self.changed }
                var second = other
                second.employeeId = request.requesterId
                updates.append((other, second))
            }
            let swapped = Set(updates.map(\.0.id))
            var warnings: [RuleViolation] = []
            for (_, next) in updates where next.employeeId != nil {
                let zone = next.employeeId == request.requesterId ? requesterZone : colleagueZone
                let context = try await ShiftService.context(for: next, zone: zone, settings: settings, excluding: swapped, db)
                if let other = ShiftRules.overlap(next, context) {
                    throw ScheduleError.overlap(shiftID: other.id, start: Date(epochMillis: other.start), end: Date(epochMillis: other.end))
                }
                for violation in ShiftRules.violations(next, context) {
                    if settings.rules.mode(violation.rule) == .refuse { throw ScheduleError.rule(rule: violation.rule, message: violation.message) }
                    warnings.append(violation)
                }
            }
            for (old, var next) in updates {
                next.version = old.version + 1
                next.updatedAt = Int64(now.timeIntervalSince1970)
                guard try await ShiftStore.update(next, previous: old, db) else { throw Self.changed }
                try await ScheduleOutbox.write(.init(event: request.kind == .drop ? "shift.dropped" : "shift.swapped", teamId: next.teamId,
                                                     shiftIds: [next.id], by: user.employeeID, changes: ["employeeId"]),
                                               shiftID: next.id, at: now.epochMillis, db)
            }
            guard try await ShiftRequestStore.transition(id: id, expected: [ready], to: .approved, by: user.employeeID, note: text,
                                                         at: Int64(now.timeIntervalSince1970), db) else { throw Self.changed }
            return warnings
        }
        var approved = try await existing(id)
        approved.warnings = warnings
        return approved
    }

    static let changed = ScheduleError.conflict(code: "request_stale", message: "id: the shifts changed since this request was made; it cannot be applied.")

    public func list(status: ShiftRequest.Status?, by user: UserIdentity) async throws -> [ShiftRequest] {
        let teams = ScheduleAccess.plannedTeams(user)
        return try await database.withConnection { db in
            if user.role == .employee {
                return try await ShiftRequestStore.list(employeeID: user.employeeID, teamIDs: nil, status: status, limit: 1_000, db)
            }
            let mine = try await ShiftRequestStore.list(employeeID: user.employeeID, teamIDs: nil, status: status, limit: 1_000, db)
            let planned = try await ShiftRequestStore.list(employeeID: nil, teamIDs: teams, status: status, limit: 1_000, db)
            var seen = Set<String>()
            return (mine + planned).filter { seen.insert($0.id).inserted }.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
        }
    }

    private func authorizeDecision(_ request: ShiftRequest, by user: UserIdentity) async throws {
        let shift = try await shifts.existing(request.shiftId)
        try ScheduleAccess.requirePlanner(of: shift.teamId, user)
        guard request.requesterId != user.employeeID || user.role == .admin else {
            throw AccessError.forbidden("You may not decide your own request.")
        }
    }

    private func move(_ id: String, from: [ShiftRequest.Status], to: ShiftRequest.Status, by: String?, note: String?) async throws {
        let at = Int64(time.now.timeIntervalSince1970)
        try await database.withTransaction { db in
            guard try await ShiftRequestStore.transition(id: id, expected: from, to: to, by: by, note: note, at: at, db) else {
                throw ScheduleError.conflict(code: "request_decided", message: "id: this request was already decided or withdrawn.")
            }
        }
    }

    func existing(_ id: String) async throws -> ShiftRequest {
        guard let found = try await database.withConnection({ db in try await ShiftRequestStore.find(id: id, db) }) else {
            throw ScheduleError.notFound("request")
        }
        return found
    }
}

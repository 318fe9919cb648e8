import Auth
import Foundation
import SQLKit
import TrackerCore
import TrackerHTTP
import TrackerStore

/// The review side of flags: lists and filters, one flag with its history, the review steps, assignment and
/// comments. Managers handle their teams' flags, admins all; the person a flag is about sees it and may comment.
public struct FlagService: Sendable {
    let database: any Database
    let directory: any DirectoryRepository
    let access: AccessControl
    let time: TimeSource
    /// Wakes the webhook dispatcher after a change published an event.
    let notices: Doorbell

    public static let resource = "flags"
    /// Most rows one CSV download holds.
    static let csvLimit = 10_000
    static let maxNote = 4_000

    // MARK: reading

    public struct ListQuery: Sendable {
        public var teamID: String?
        public var employeeID: String?
        public var rules: [FlagRule]?
        public var states: [FlagState]?
        public var severities: [FlagSeverity]?
        public var from: Date?
        public var to: Date?

        public init(teamID: String? = nil, employeeID: String? = nil, rules: [FlagRule]? = nil, states: [FlagState]? = nil,
                    severities: [FlagSeverity]? = nil, from: Date? = nil, to: Date? = nil) {
            (self.teamID, self.employeeID, self.rules, self.states, self.severities, self.from, self.to) =
                (teamID, employeeID, rules, states, severities, from, to)
        }
    }

    public func list(_ query: ListQuery, page: PageRequest, by user: UserIdentity) async throws -> Page<Flag> {
        let filter = try await scope(query, by: user)
        let rows = try await database.withConnection { db in
            try await FlagStore.list(filter, after: page.after, limit: page.limit, db)
        }
        return page.page(rows) { [String($0.periodFrom.epochMillis), $0.id] }
    }

    /// Every flag matching (at most `csvLimit`; a `400` asks to narrow the filters beyond).
    func all(_ query: ListQuery, by user: UserIdentity) async throws -> [Flag] {
        let filter = try await scope(query, by: user)
        let rows = try await database.withConnection { db in try await FlagStore.list(filter, after: nil, limit: Self.csvLimit, db) }
        guard rows.count <= Self.csvLimit else {
            throw SimpleAppError.invalid("from", "more than \(Self.csvLimit) flags match; narrow the period or filters")
        }
        return rows
    }

    /// The filter a caller may see, with the view written to the access log.
    private func scope(_ query: ListQuery, by user: UserIdentity) async throws -> FlagStore.Filter {
        var filter = FlagStore.Filter(teamIDs: nil, employeeID: nil, rules: query.rules, states: query.states,
                                      severities: query.severities, from: query.from?.epochMillis, to: query.to?.epochMillis)
        var viewed: AccessScope
        if let employeeID = query.employeeID {
            let subject = try await access.checkRead(of: employeeID, by: user)
            filter.employeeID = subject.id
            viewed = .person(subject.id)
            if user.role == .manager, subject.id != user.employeeID { filter.teamIDs = Array(user.managedTeams) }
        } else if let teamID = query.teamID {
            try access.authorizeTeam(teamID, by: user)
            filter.teamIDs = [teamID]
            viewed = .team(teamID)
        } else if user.role == .admin {
            viewed = .organization
        } else if user.role == .manager {
            filter.teamIDs = user.managedTeams.sorted()
            for team in user.managedTeams.sorted() { try await access.recordView(of: .team(team), resource: Self.resource, by: user) }
            return filter
        } else {
            throw AccessError.forbidden("Your own flags are at /api/me/flags.")
        }
        try await access.recordView(of: viewed, resource: Self.resource, by: user)
        return filter
    }

    /// One flag with its history, for whoever may see it (a `404` for anyone else: existence is not revealed).
    public func get(id: String, by user: UserIdentity) async throws -> Flag {
        let (flag, history) = try await database.withConnection { db -> (Flag?, [FlagEvent]) in
            guard let flag = try await FlagStore.get(id, db) else { return (nil, []) }
            return (flag, try await FlagStore.history(id, db))
        }
        guard var flag, canSee(flag, user) else { throw FlagError.notFound }
        try await access.recordView(of: .person(flag.employeeId), resource: Self.resource, by: user)
        flag.history = history
        return flag
    }

    /// The person's own flags, every state.
    public func mine(states: [FlagState]?, rules: [FlagRule]?, page: PageRequest, by user: UserIdentity) async throws -> Page<Flag> {
        let filter = FlagStore.Filter(teamIDs: nil, employeeID: user.employeeID, rules: rules, states: states, severities: nil, from: nil, to: nil)
        let rows = try await database.withConnection { db in try await FlagStore.list(filter, after: page.after, limit: page.limit, db) }
        return page.page(rows) { [String($0.periodFrom.epochMillis), $0.id] }
    }

    func canSee(_ flag: Flag, _ user: UserIdentity) -> Bool {
        flag.employeeId == user.employeeID || canReview(flag, user)
    }

    /// Admins review every flag; managers those of their teams — never one about themselves.
    public func canReview(_ flag: Flag, _ user: UserIdentity) -> Bool {
        guard flag.employeeId != user.employeeID || user.role == .admin else { return false }
        switch user.role {
        case .admin: return true
        case .manager: return flag.teamId.map(user.managedTeams.contains) ?? false
        case .employee: return false
        }
    }

    // MARK: review

    public enum Step: String, Sendable, CaseIterable {
        case acknowledge, resolve, dismiss

        var target: FlagState {
            switch self {
            case .acknowledge: .acknowledged
            case .resolve: .resolved
            case .dismiss: .dismissed
            }
        }

        var kind: FlagEvent.Kind {
            switch self {
            case .acknowledge: .acknowledged
            case .resolve: .resolved
            case .dismiss: .dismissed
            }
        }
    }

    /// `open → acknowledged → resolved | dismissed` (an open flag may also be resolved or dismissed at once);
    /// anything else is a `409`. Dismissing needs a note.
    static func allowed(from state: FlagState, to target: FlagState) -> Bool {
        switch (state, target) {
        case (.open, .acknowledged), (.open, .resolved), (.open, .dismissed), (.acknowledged, .resolved), (.acknowledged, .dismissed): true
        default: false
        }
    }

    public func review(id: String, step: Step, note: String?, by user: UserIdentity) async throws -> Flag {
        let note = try Self.note(note, required: step == .dismiss)
        return try await change(id: id, by: user, mayAct: canReview) { flag in
            guard Self.allowed(from: flag.state, to: step.target) else { throw FlagError.illegalTransition(from: flag.state, step: step) }
            let from = flag.state
            flag.state = step.target
            return FlagEvent(version: 0, at: time.now, actorId: user.employeeID, kind: step.kind, fromState: from, toState: step.target, note: note)
        }
    }

    func assign(id: String, assigneeID: String?, by user: UserIdentity) async throws -> Flag {
        var found: Employee?
        if let assigneeID {
            found = try await directory.employee(id: assigneeID)
            guard found?.status == .active else { throw SimpleAppError.invalid("assigneeId", "is not an active person") }
        }
        let assignee = found
        return try await change(id: id, by: user, mayAct: canReview) { flag in
            if let assignee {
                let reviews = assignee.role == .admin || (assignee.role == .manager && flag.teamId.map(assignee.managedTeamIds.contains) == true)
                guard reviews, assignee.id != flag.employeeId else {
                    throw SimpleAppError.invalid("assigneeId", "must be an administrator or a manager of the flag's team, not the person it is about")
                }
            }
            flag.assigneeId = assignee?.id
            return FlagEvent(version: 0, at: time.now, actorId: user.employeeID, kind: .assigned, fromState: nil, toState: nil,
                             note: assignee.map { "Assigned to \($0.name)." } ?? "Unassigned.")
        }
    }

    public func comment(id: String, text: String?, by user: UserIdentity) async throws -> Flag {
        let note = try Self.note(text, required: true, field: "text")
        return try await change(id: id, by: user, mayAct: canSee) { _ in
            FlagEvent(version: 0, at: time.now, actorId: user.employeeID, kind: .comment, fromState: nil, toState: nil, note: note)
        }
    }

    /// Applies `edit` to the flag under its row lock and appends the event it returns (numbered here).
    private func change(id: String, by user: UserIdentity, mayAct: @escaping @Sendable (Flag, UserIdentity) -> Bool,
                        _ edit: @escaping @Sendable (inout Flag) throws -> FlagEvent) async throws -> Flag {
        let engine = database.engine, now = time.now
        let updated = try await database.withTransaction { db -> Flag? in
            guard var flag = try await FlagStore.get(id, db, forUpdate: true, engine: engine), self.canSee(flag, user) else { return nil }
            guard mayAct(flag, user) else { throw AccessError.forbidden("Only an administrator or a manager of the person's team may do this.") }
            var event = try edit(&flag)
            flag.version += 1
            flag.updatedAt = now
            event.version = flag.version
            try await FlagStore.update(flag, db)
            try await FlagStore.appendEvent(event, flagID: flag.id, db)
            let subject = try await directory.employee(id: flag.employeeId)?.name
            let actor = try await directory.employee(id: user.employeeID)?.name ?? user.employeeID
            let what = "\(event.kind.rawValue.replacingOccurrences(of: "_", with: " ").capitalized) by \(actor)" + (event.note.map { ": \($0)" } ?? ".")
            try await FlagNotice.changed(flag, name: subject, what: what, at: now, db)
            return flag
        }
        await notices.ring()
        guard var updated else { throw FlagError.notFound }
        updated.history = try await database.withConnection { db in try await FlagStore.history(id, db) }
        return updated
    }

    static func note(_ text: String?, required: Bool, field: String = "note") throws -> String? {
        let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if trimmed.isEmpty {
            if required { throw SimpleAppError.invalid(field, "is required") }
            return nil
        }
        guard trimmed.count <= maxNote else { throw SimpleAppError.invalid(field, "must be at most \(maxNote) characters") }
        guard !trimmed.unicodeScalars.contains("\u{0}") else { throw SimpleAppError.invalid(field, "must not contain NUL") }
        return trimmed
    }
}

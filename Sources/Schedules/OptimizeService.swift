import Activities
import Auth
import Foundation
import SQLKit
import TrackerCore
import TrackerHTTP
import TrackerStore

/// The planner's jobs: start one over a team's (or a location's) shifts in a range, watch it, cancel it, and apply
/// its plan as drafts. Managers plan their teams, admins all; a job is visible to its requester, to managers of its
/// team and to admins. The work itself runs in `OptimizeRunner`.
public struct OptimizeService: Sendable {
    let database: any Database
    let directory: any DirectoryRepository
    let store: OptimizeJobStore
    let doorbell: Doorbell
    let time: TimeSource
    static let maxDays = 62
    /// Queued or running jobs one person may have at once (each takes both cores while it runs).
    static let maxActivePerPerson = 3

    init(database: any Database, directory: any DirectoryRepository, doorbell: Doorbell, time: TimeSource) {
        self.database = database
        self.directory = directory
        store = OptimizeJobStore(database: database)
        self.doorbell = doorbell
        self.time = time
    }

    public func start(_ input: OptimizeInput, by user: UserIdentity) async throws -> OptimizeJob {
        guard user.role != .employee else { throw AccessError.forbidden("Only managers and administrators may plan shifts.") }
        let request = try input.validated()
        let teamID = try input.teamId.map { try FieldValidation.id($0, field: "teamId") }
        let locationID = try input.locationId.map { try FieldValidation.id($0, field: "locationId") }
        guard (teamID == nil) != (locationID == nil) else { throw SimpleAppError.invalid("teamId", "give exactly one of teamId and locationId") }
        let zone: TimeZone
        if let teamID {
            guard let team = try await directory.team(id: teamID) else { throw ScheduleError.unknown(field: "teamId", what: "team") }
            try ScheduleAccess.requirePlanner(of: teamID, user)
            zone = try await Self.zone(team.timeZone, directory)
        } else {
            zone = try await Self.zone(nil, directory)
        }
        let range = try ScheduleRange.parse(from: input.from, to: input.to, zone: zone, maxDays: Self.maxDays)
        var teams: [String]
        if let teamID {
            teams = [teamID]
        } else if let locationID {
            guard try await database.withConnection({ db in try await CatalogStore.location(id: locationID, db) }) != nil else {
                throw ScheduleError.unknown(field: "locationId", what: "location")
            }
            // The teams with shifts at the location in the range, of those the asker plans.
            teams = try await database.withConnection { db in
                try await db.raw("""
                    SELECT DISTINCT team_id FROM shifts WHERE location_id = \(bind: locationID)
                      AND start_ms > \(bind: range.from - ShiftStore.maxLengthMs) AND start_ms < \(bind: range.to) AND end_ms > \(bind: range.from)
                    ORDER BY team_id
                    """).all().map { try $0.decode(column: "team_id", as: String.self) }
            }
            if let planned = ScheduleAccess.plannedTeams(user) {
                teams = teams.filter(Set(planned).contains)
                guard !teams.isEmpty else { throw AccessError.forbidden("locationId: none of the shifts there belong to a team you manage.") }
            }
        } else { teams = [] }
        let active = try await store.activeCount(requestedBy: user.employeeID)
        guard active < Self.maxActivePerPerson else {
            throw SimpleAppError(.tooManyRequests, code: "too_many_jobs",
                                 message: "You have \(active) planner jobs queued or running; wait for one to finish or cancel one.",
                                 retryAfterSeconds: 10)
        }
        let now = time.now
        let job = OptimizeJob(id: UUID().uuidString.lowercased(), status: .queued, teamId: teamID, locationId: locationID,
                              from: Date(epochMillis: range.from), to: Date(epochMillis: range.to), request: request, progress: 0,
                              bestScore: nil, steps: 0, error: nil, requestedBy: user.employeeID, createdAt: now, startedAt: nil,
                              finishedAt: nil, result: nil)
        try await store.insert(job, teamIDs: teams)
        await doorbell.ring()
        return job
    }

    public func job(id: String, by user: UserIdentity) async throws -> OptimizeJob {
        try await visible(id: id, by: user).job
    }

    public func list(limit: Int, by user: UserIdentity) async throws -> [OptimizeJob] {
        guard user.role != .employee else { throw AccessError.forbidden("Only managers and administrators may plan shifts.") }
        guard (1...200).contains(limit) else { throw SimpleAppError.invalid("limit", "must be 1 to 200") }
        let mine = user.role == .admin ? nil : user.employeeID
        return try await store.recent(requestedBy: mine, teams: ScheduleAccess.plannedTeams(user), limit: limit).map(\.job)
    }

    public func cancel(id: String, by user: UserIdentity) async throws -> OptimizeJob {
        _ = try await visible(id: id, by: user)
        guard try await store.cancel(id: id, at: time.now.epochMillis) else {
            throw ScheduleError.conflict(code: "job_finished", message: "The job has already finished; there is nothing to cancel.")
        }
        return try await visible(id: id, by: user).job
    }

    /// Writes the plan: each changed shift gets its new person (or none), stays a draft and moves to a new version.
    /// Refused with `409` when any shift the plan was computed from changed since, or the job is not done.
    public func apply(id: String, by user: UserIdentity) async throws -> OptimizeJob {
        let row = try await visible(id: id, by: user)
        for team in row.teamIDs { try ScheduleAccess.requirePlanner(of: team, user) }
        guard row.job.status == .done, let result = row.job.result else {
            throw ScheduleError.conflict(code: "job_not_done", message: "Only a finished job's plan can be applied (this one is \(row.job.status.rawValue)).")
        }
        let scope = OptimizeProblem.Scope(teamIDs: row.teamIDs, locationID: row.job.locationId, from: row.job.from.epochMillis, to: row.job.to.epochMillis)
        let people = result.people.map(\.employeeId)
        let now = time.now.epochMillis
        try await database.withTransaction { db in
            let (inScope, context) = try await OptimizeProblem.fingerprint(scope, people: people, db)
            let current = Dictionary((inScope + context).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            guard current.mapValues(\.version) == result.basedOn else {
                throw ScheduleError.conflict(code: "plan_stale", message: "Shifts changed since the plan was made; start a new job.")
            }
            for assignment in result.assignments where assignment.employeeId != assignment.previousEmployeeId {
                guard let previous = current[assignment.shiftId] else { continue }
                var record = previous
                record.employeeId = assignment.employeeId
                record.version += 1
                record.updatedAt = now
                guard try await ShiftStore.update(record, previous: previous, db) else {
                    throw ScheduleError.conflict(code: "plan_stale", message: "Shifts changed since the plan was made; start a new job.")
                }
            }
            let marked = try await db.update("optimize_jobs").set("status", to: "applied").where("id", .equal, id).where("status", .equal, "done")
                .returning("id").all()
            guard !marked.isEmpty else { throw ScheduleError.conflict(code: "job_not_done", message: "The plan was applied meanwhile.") }
        }
        return try await visible(id: id, by: user).job
    }

    /// The job if `user` may see it: admins all, managers those they asked for or of teams they manage; else 404.
    private func visible(id: String, by user: UserIdentity) async throws -> OptimizeJobStore.Row {
        guard user.role != .employee else { throw AccessError.forbidden("Only managers and administrators may plan shifts.") }
        guard let row = try await store.row(id: id) else { throw ScheduleError.notFound("optimize_job") }
        let allowed = user.role == .admin || row.job.requestedBy == user.employeeID
            || (!row.teamIDs.isEmpty && row.teamIDs.allSatisfy(user.managedTeams.contains))
        guard allowed else { throw ScheduleError.notFound("optimize_job") }
        return row
    }

    static func zone(_ teamZone: String?, _ directory: any DirectoryRepository) async throws -> TimeZone {
        var name = teamZone
        if name == nil { name = try await directory.organization().timeZone }
        return TimeZone(identifier: name ?? "UTC") ?? .gmt
    }
}

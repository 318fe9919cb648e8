import Foundation
import TrackerCore

/// The one place that decides whether a person may read another person's data, and records it when they do.
/// Later features call `authorizeRead` before every read of employee data.
public struct AccessControl: Sendable {
    private let directory: any DirectoryRepository
    private let log: any AccessLogRepository
    private let time: TimeSource

    public init(directory: any DirectoryRepository, log: any AccessLogRepository, time: TimeSource) {
        self.directory = directory
        self.log = log
        self.time = time
    }

    /// Admin: anyone. Manager: members of the teams they manage, and themselves. Employee: themselves.
    /// Throws 404 for unknown people (to admins and managers) and 403 otherwise; a permitted read of someone
    /// else's data is written to the access log under `resource`.
    @discardableResult
    public func authorizeRead(of subjectID: String, resource: String, by user: UserIdentity) async throws -> Employee {
        let subject = try await checkRead(of: subjectID, by: user)
        try await recordView(of: .person(subject.id), resource: resource, by: user)
        return subject
    }

    /// The check of `authorizeRead` without the log entry: the caller must `recordView` before answering
    /// (views that read a lot write the entry concurrently with their queries).
    public func checkRead(of subjectID: String, by user: UserIdentity) async throws -> Employee {
        if subjectID == user.employeeID {
            guard let me = try await directory.employee(id: subjectID) else { throw DirectoryError.employeeNotFound }
            return me
        }
        guard user.role != .employee else {
            throw AccessError.forbidden("You may only read your own data.")
        }
        guard let subject = try await directory.employee(id: subjectID) else { throw DirectoryError.employeeNotFound }
        if user.role == .manager {
            guard let team = subject.teamId, user.managedTeams.contains(team) else {
                throw AccessError.forbidden("You may only read data of the teams you manage.")
            }
        }
        return subject
    }

    /// Whether `user` may see team `teamID` (admins: all; managers: their own).
    public func authorizeTeam(_ teamID: String, by user: UserIdentity) throws {
        switch user.role {
        case .admin: return
        case .manager:
            guard user.managedTeams.contains(teamID) else { throw AccessError.forbidden("You may only see the teams you manage.") }
        case .employee:
            throw AccessError.forbidden("Only managers and administrators may see teams.")
        }
    }

    /// Records one read of `scope` (one upsert, whatever its size); a person reading their own data is not logged.
    public func recordView(of scope: AccessScope, resource: String, by user: UserIdentity) async throws {
        if case .person(let id) = scope, id == user.employeeID { return }
        try await log.recordView(actorID: user.employeeID, resource: resource, scope: scope, at: time.now)
    }
}

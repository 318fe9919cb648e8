import Auth
import Foundation
import TrackerCore
import TrackerStore

/// `GET /api/schedule` and `GET /api/me/schedule`: the shifts of a range as the asker may see them. Planners see
/// their teams' drafts and published shifts; employees their own published shifts and the open published shifts of
/// their team they have the skill for.
public struct ScheduleViewService: Sendable {
    let database: any Database
    let directory: any DirectoryRepository
    let access: AccessControl
    let limits: ScheduleLimits

    public struct View: Codable, Sendable {
        public var from: Date
        public var to: Date
        public var timeZone: String
        public var items: [Shift]
    }

    public struct Query: Sendable {
        public var from: String?
        public var to: String?
        public var teamID: String?
        public var employeeID: String?
        public var locationID: String?

        public init(from: String? = nil, to: String? = nil, teamID: String? = nil, employeeID: String? = nil, locationID: String? = nil) {
            (self.from, self.to, self.teamID, self.employeeID, self.locationID) = (from, to, teamID, employeeID, locationID)
        }
    }

    public func view(_ query: Query, by user: UserIdentity) async throws -> View {
        let organization = try await directory.organization()
        var filter = ShiftFilter()
        var zoneName = organization.timeZone
        if let team = query.teamID {
            try access.authorizeTeam(team, by: user)
            guard let found = try await directory.team(id: team) else { throw ScheduleError.unknown(field: "teamId", what: "team") }
            filter.teamIDs = [team]
            zoneName = found.timeZone ?? zoneName
        }
        if let person = query.employeeID {
            let subject = try await access.checkRead(of: person, by: user)
            zoneName = try await directory.effectiveTimeZone(employeeID: person) ?? zoneName
            if subject.id == user.employeeID && user.role == .employee || !ScheduleAccess.manages(subject, user) {
                filter.publishedOnly = true
            }
            filter.employeeID = person
        }
        if let location = query.locationID {
            guard let found = try await database.withConnection({ db in try await CatalogStore.location(id: location, db) }) else {
                throw ScheduleError.unknown(field: "locationId", what: "location")
            }
            filter.locationID = location
            if query.teamID == nil && query.employeeID == nil { zoneName = found.timeZone }
        }
        if query.teamID == nil && query.employeeID == nil {
            if user.role == .employee {
                filter.visibleToEmployee = (user.employeeID, user.teamID)
            } else if let teams = ScheduleAccess.plannedTeams(user) {
                filter.teamIDs = teams
            }
        }
        return try await run(filter, query: query, zoneName: zoneName, organization: organization)
    }

    /// The asker's own schedule: their published shifts and the open shifts they may claim.
    public func mine(from: String?, to: String?, by user: UserIdentity) async throws -> View {
        let organization = try await directory.organization()
        let zone = try await directory.effectiveTimeZone(employeeID: user.employeeID) ?? organization.timeZone
        let filter = ShiftFilter(visibleToEmployee: (user.employeeID, user.teamID))
        return try await run(filter, query: Query(from: from, to: to), zoneName: zone, organization: organization)
    }

    private func run(_ filter: ShiftFilter, query: Query, zoneName: String, organization: Organization) async throws -> View {
        let zone = TimeZone(identifier: zoneName) ?? .gmt
        let range = try ScheduleRange.parse(from: query.from, to: query.to, zone: zone, maxDays: limits.viewDays)
        let limit = limits.maxShiftsPerView
        let records = try await database.withConnection { db in
            try await ShiftStore.list(filter, from: range.from, to: range.to, limit: limit + 1, db)
        }
        guard records.count <= limit else {
            throw SimpleAppError.invalid("to", "the range holds more than \(limit) shifts; narrow it or filter by team")
        }
        var zones: [String: TimeZone] = [:]
        return View(from: Date(epochMillis: range.from), to: Date(epochMillis: range.to), timeZone: zoneName,
                    items: records.map { $0.shift(organizationZone: organization.timeZone, zones: &zones) })
    }
}

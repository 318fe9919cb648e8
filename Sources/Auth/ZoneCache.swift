import Foundation

/// Each person's zone (theirs, their team's, else the organisation's), looked up once per pass.
public actor ZoneCache {
    let directory: any DirectoryRepository
    let fallback: String
    private var zones: [String: (zone: TimeZone, name: String)] = [:]

    /// Teams' zones, when the caller loaded them: a person read from the directory then needs no query of their own.
    let teamZones: [String: String]

    public init(directory: any DirectoryRepository, fallback: String, teamZones: [String: String] = [:]) {
        self.directory = directory
        self.fallback = fallback
        self.teamZones = teamZones
    }

    /// The zone of a person already read from the directory (theirs, their team's, else the organisation's).
    public func zone(of employee: Employee) -> TimeZone {
        if let known = zones[employee.id] { return known.zone }
        let name = employee.timeZone ?? employee.teamId.flatMap { teamZones[$0] } ?? fallback
        let zone = (TimeZone(identifier: name) ?? .gmt, TimeZone(identifier: name) == nil ? "GMT" : name)
        zones[employee.id] = zone
        return zone.0
    }

    public func zone(_ employeeID: String) async throws -> TimeZone {
        try await named(employeeID).zone
    }

    /// The zone with the IANA name it was configured by (Foundation may report `UTC` as `GMT`).
    public func named(_ employeeID: String) async throws -> (zone: TimeZone, name: String) {
        if let zone = zones[employeeID] { return zone }
        let name = try await directory.effectiveTimeZone(employeeID: employeeID) ?? fallback
        let zone = (TimeZone(identifier: name) ?? .gmt, TimeZone(identifier: name) == nil ? "GMT" : name)
        zones[employeeID] = zone
        return zone
    }
}

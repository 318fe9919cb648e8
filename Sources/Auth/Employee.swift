import Foundation
import TrackerCore

/// A person in the organisation. Everyone is an employee; `role` says what else they may do.
public struct Employee: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case active
        case archived
    }

    public var id: String
    public var name: String
    public var email: String
    public var teamId: String?
    public var role: Role
    /// IANA time zone; nil means the organisation's.
    public var timeZone: String?
    public var status: Status
    /// Ids of this person in other systems, e.g. `["connecteam": "12345"]`.
    public var externalIds: [String: String]
    /// Teams this person manages (managers only).
    public var managedTeamIds: [String]
    public var createdAt: Date
    public var updatedAt: Date
}

import Foundation

/// What was read in one view: one person, a team (its members at the time) or the whole organisation.
public enum AccessScope: Sendable, Equatable {
    case person(String)
    case team(String)
    case organization

    var type: String {
        switch self {
        case .person: "person"
        case .team: "team"
        case .organization: "organization"
        }
    }

    var id: String {
        switch self {
        case .person(let id), .team(let id): id
        case .organization: ""
        }
    }
}

/// Reads of someone's data by someone else: one entry per reader, resource, scope and hour, with how many reads
/// it stands for and the first and last of them.
public struct AccessLogEntry: Codable, Sendable, Equatable {
    public struct Scope: Codable, Sendable, Equatable {
        /// `person`, `team` or `organization`.
        public var type: String
        /// The person or team; absent for the organisation.
        public var id: String?
    }

    public var id: String
    public var actorId: String
    /// The person whose data was read: set in a person's own log (`/api/me/access-log`, or `?subject=`) and for
    /// person-scope entries; absent for team and organisation views listed without a subject.
    public var subjectId: String?
    /// What was read, e.g. `employee.profile`, `activities`, `dashboard`.
    public var resource: String
    public var scope: Scope
    /// The last read in this entry.
    public var at: Date
    public var firstAt: Date
    /// Reads this entry stands for (same reader, resource and scope within the hour).
    public var reads: Int
}

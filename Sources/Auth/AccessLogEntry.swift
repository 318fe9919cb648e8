import Foundation

/// One read of a person's data by someone else.
public struct AccessLogEntry: Codable, Sendable, Equatable {
    public var id: String
    public var actorId: String
    public var subjectId: String
    /// What was read, e.g. `employee.profile`, `activities`.
    public var resource: String
    public var at: Date
}

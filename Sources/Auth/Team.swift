import Foundation

public struct Team: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    /// IANA time zone for team views; nil means the organisation's.
    public var timeZone: String?
    public var archived: Bool
    public var managerIds: [String]
    public var createdAt: Date
    public var updatedAt: Date
}

import Foundation

/// A place where shifts happen; its time zone is the one a shift's wall-clock times are shown and generated in.
public struct Location: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    /// IANA time zone.
    public var timeZone: String
    public var address: String?
    /// `local` for our own, else the system it was imported from (`connecteam`).
    public var source: String
    public var externalId: String?
    public var archived: Bool
    public var createdAt: Date
    public var updatedAt: Date
}

/// A skill a shift may require and people may have.
public struct Skill: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
}

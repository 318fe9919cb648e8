import Foundation

/// The one organisation of a deployment.
public struct Organization: Codable, Sendable, Equatable {
    public static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    public var name: String
    /// IANA time zone used for organisation-wide views.
    public var timeZone: String
    /// Working days, e.g. `["mon","tue","wed","thu","fri"]`.
    public var workWeek: [String]
    /// Whether team views may rank people publicly (off by default).
    public var publicRanking: Bool
}

extension Organization {
    /// The work week as weekday numbers, 0 = Monday (what rules, streaks and calendars compare with).
    public var workWeekIndices: Set<Int> {
        Set(workWeek.compactMap { Organization.weekdays.firstIndex(of: $0) })
    }
}

import Foundation
import Hummingbird
import TrackerCore

/// `GET /api/dashboard`: everything a dashboard shows for one scope and period.
public struct Dashboard: ResponseEncodable, Sendable {
    public struct Scope: Codable, Sendable { public var type: String; public var id: String?; public var name: String }
    public struct Period: Codable, Sendable {
        public var kind: String
        public var timeZone: String
        public var from: String
        public var to: String
        public var start: Date
        public var end: Date
        public var hours: Int
    }
    public struct Totals: Codable, Sendable {
        public var activeSeconds: Double
        public var idleSeconds: Double
        /// The score with every component behind it.
        public var score: ProductivityScore
    }
    public struct AppTime: Codable, Sendable { public var app: String; public var category: ProductivityCategory; public var seconds: Double }
    /// A component of the score and the apps behind it (work away from the computer has none).
    public struct CategoryTime: Codable, Sendable { public var category: String; public var seconds: Double; public var topApps: [AppTime] }
    public struct DayTotals: Codable, Sendable { public var date: String; public var hours: Int; public var activeSeconds: Double; public var score: Double? }
    public struct Change: Codable, Sendable { public var activeSeconds: Double; public var idleSeconds: Double; public var scorePoints: Double? }
    public struct ActiveNow: Codable, Sendable { public var employeeId: String; public var lastSeen: Date }

    public var scope: Scope
    public var period: Period
    public var totals: Totals
    public var previous: Totals
    public var change: Change
    public var topApps: [AppTime]
    public var categories: [CategoryTime]
    public var days: [DayTotals]
    /// Active seconds by local weekday (Monday first) × local hour of day.
    public var heatmap: [[Double]]
    public var activeNow: [ActiveNow]
}

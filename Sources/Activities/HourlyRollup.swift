import Foundation
import Hummingbird
import TrackerCore

/// One employee-hour of the cache, in seconds, as served by `GET /api/activities/hourly`.
public struct HourlyRollup: ResponseCodable, Sendable, Equatable {
    public struct AppSeconds: Codable, Sendable, Equatable {
        public var app: String
        public var category: ProductivityCategory
        public var seconds: Double
    }

    public var hour: Date
    public var activeSeconds: Double
    public var idleSeconds: Double
    public var workAwaySeconds: Double
    public var productiveSeconds: Double
    public var neutralSeconds: Double
    public var unproductiveSeconds: Double
    public var uncategorizedSeconds: Double
    /// First and last active instant within the hour (absent when nothing was active).
    public var firstActive: Date?
    public var lastActive: Date?
    public var apps: [AppSeconds]

    public init(hour: Date, rollup: HourRollup) {
        self.hour = hour
        activeSeconds = Double(rollup.active) / 1000
        idleSeconds = Double(rollup.idle) / 1000
        workAwaySeconds = Double(rollup.workAway) / 1000
        productiveSeconds = Double(rollup.productive) / 1000
        neutralSeconds = Double(rollup.neutral) / 1000
        unproductiveSeconds = Double(rollup.unproductive) / 1000
        uncategorizedSeconds = Double(rollup.uncategorized) / 1000
        firstActive = rollup.firstActive.map { Date(timeIntervalSince1970: Double($0) / 1000) }
        lastActive = rollup.lastActive.map { Date(timeIntervalSince1970: Double($0) / 1000) }
        apps = rollup.apps.sorted { $0.key < $1.key }
            .map { AppSeconds(app: $0.key.app, category: $0.key.category, seconds: Double($0.value) / 1000) }
    }
}

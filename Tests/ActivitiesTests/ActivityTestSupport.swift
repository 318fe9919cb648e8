import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP

/// Shapes of the activity API, as tests read them.
struct Hourly: Decodable, Equatable {
    struct App: Decodable, Equatable { let app: String; let category: String; let seconds: Double }
    let hour: Date
    let activeSeconds: Double
    let idleSeconds: Double
    let workAwaySeconds: Double
    let productiveSeconds: Double
    let neutralSeconds: Double
    let unproductiveSeconds: Double
    let uncategorizedSeconds: Double
    let firstActive: Date?
    let lastActive: Date?
    let apps: [App]
}
struct HourlyPage: Decodable { let items: [Hourly] }
struct Batch: Decodable, Equatable { let accepted: Int; let duplicates: Int }
struct Beat: Decodable { let merged: Bool; let eventId: String; let duration: Double }
struct Event: Decodable, Equatable { let id: String; let deviceId: String; let timestamp: Date; let duration: Double; let app: String; let title: String; let url: String? }
struct EventPage: Decodable { let items: [Event]; let nextCursor: String? }
struct Job: Decodable { let id: String; let status: String; let progress: Double; let totalHours: Int; let doneHours: Int }
struct SavedRule: Decodable { struct Rule: Decodable { let id: String }; let rule: Rule; let rebuildJob: Job }

/// Builds request bodies in API units.
enum Body {
    static func event(_ id: String = UUID().uuidString, at date: Date, seconds: Double, app: String, title: String = "t", url: String? = nil) -> [String: Any] {
        var e: [String: Any] = ["id": id, "timestamp": RFC3339.format(date), "duration": seconds, "app": app, "title": title]
        if let url { e["url"] = url }
        return e
    }

    static func batch(_ events: [[String: Any]]) -> String { jsonBody(["events": events]) }

    static func heartbeat(at date: Date, seconds: Double = 0, app: String, title: String = "t", url: String? = nil) -> String {
        var e: [String: Any] = ["timestamp": RFC3339.format(date), "duration": seconds, "app": app, "title": title]
        if let url { e["url"] = url }
        return jsonBody(e)
    }

    static func idle(_ id: String = UUID().uuidString, from: Date, to: Date, reason: String = "afk") -> [String: Any] {
        ["id": id, "start": RFC3339.format(from), "end": RFC3339.format(to), "reason": reason]
    }
}

extension IdentityFixture {
    func hourly(_ person: Person, from: Date, to: Date) async throws -> [Hourly] {
        try await api.decode(HourlyPage.self, .get,
                             "/api/activities/hourly?employee=\(person.id)&from=\(RFC3339.format(from))&to=\(RFC3339.format(to))",
                             token: admin.accessToken).items
    }

    /// Polls a rebuild job until it is done (or fails the test).
    func waitForJob(_ id: String) async throws -> Job {
        for _ in 0..<200 {
            let job = try await api.decode(Job.self, .get, "/api/cache/jobs/\(id)", token: admin.accessToken)
            if job.status == "done" || job.status == "failed" { return job }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("rebuild job \(id) did not finish")
        throw CancellationError()
    }
}

extension String {
    /// Percent-encodes a query value (timestamps carry `+` and `:`).
    var queryEscaped: String { addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? self }
}

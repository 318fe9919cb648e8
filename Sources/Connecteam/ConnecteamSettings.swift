import Foundation
import TrackerCore

/// What the administrator configured for Connecteam. The API key is stored apart and never returned: reads show
/// `apiKeySet` and its last four characters.
public struct ConnecteamSettings: Codable, Sendable, Equatable {
    /// `https://api.connecteam.com` (global) or `https://api-au.connecteam.com` (Australia); `http://` only to a
    /// loopback host (a local fake or proxy), so the key never crosses a network in clear text.
    public var baseURL = "https://api.connecteam.com"
    /// Schedulers whose shifts become our shifts (source `connecteam`).
    public var schedulerIds: [Int] = []
    /// Time clocks whose shift activities become clocked time.
    public var timeClockIds: [Int] = []
    /// Minutes between background syncs (5–1440); on-demand syncs any time.
    public var intervalMinutes = 60
    /// Background syncs on.
    public var enabled = false
    /// Days back and ahead each sync looks at for shifts and clocked time (1–90 back, 1–180 ahead).
    public var pastDays = 14
    public var futureDays = 28
    /// The team open shifts (no one assigned) go to; without it they are skipped (counted).
    public var openShiftTeamId: String?
    /// Time-off requests become our time off (needs Connecteam's Operations hub).
    public var syncTimeOff = false

    public init() {}

    enum CodingKeys: String, CodingKey {
        case baseURL, schedulerIds, timeClockIds, intervalMinutes, enabled, pastDays, futureDays, openShiftTeamId, syncTimeOff
    }

    /// A field left out takes its default (a `PUT` states the whole configuration).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ConnecteamSettings()
        baseURL = try c.decodeIfPresent(String.self, forKey: .baseURL) ?? d.baseURL
        schedulerIds = try c.decodeIfPresent([Int].self, forKey: .schedulerIds) ?? d.schedulerIds
        timeClockIds = try c.decodeIfPresent([Int].self, forKey: .timeClockIds) ?? d.timeClockIds
        intervalMinutes = try c.decodeIfPresent(Int.self, forKey: .intervalMinutes) ?? d.intervalMinutes
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? d.enabled
        pastDays = try c.decodeIfPresent(Int.self, forKey: .pastDays) ?? d.pastDays
        futureDays = try c.decodeIfPresent(Int.self, forKey: .futureDays) ?? d.futureDays
        openShiftTeamId = try c.decodeIfPresent(String.self, forKey: .openShiftTeamId)
        syncTimeOff = try c.decodeIfPresent(Bool.self, forKey: .syncTimeOff) ?? d.syncTimeOff
    }

    /// Checks every field; a `400` names the first bad one.
    func validated() throws -> ConnecteamSettings {
        guard let url = URL(string: baseURL), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(),
              url.query == nil, baseURL.count <= 200 else {
            throw SimpleAppError.invalid("baseURL", "must be an absolute URL such as https://api.connecteam.com")
        }
        guard scheme == "https" || (scheme == "http" && ["127.0.0.1", "localhost", "::1"].contains(host)) else {
            throw SimpleAppError.invalid("baseURL", "must use https (http only to a loopback address)")
        }
        guard schedulerIds.count <= 50, timeClockIds.count <= 50,
              (schedulerIds + timeClockIds).allSatisfy({ $0 > 0 }) else {
            throw SimpleAppError.invalid("schedulerIds", "at most 50 scheduler and 50 time-clock ids, each a positive integer")
        }
        guard (5...1440).contains(intervalMinutes) else { throw SimpleAppError.invalid("intervalMinutes", "must be from 5 to 1440") }
        guard (1...90).contains(pastDays) else { throw SimpleAppError.invalid("pastDays", "must be from 1 to 90") }
        guard (1...180).contains(futureDays) else { throw SimpleAppError.invalid("futureDays", "must be from 1 to 180") }
        var copy = self
        copy.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        copy.schedulerIds = Array(Set(schedulerIds)).sorted()
        copy.timeClockIds = Array(Set(timeClockIds)).sorted()
        if let team = openShiftTeamId { copy.openShiftTeamId = try FieldValidation.id(team, field: "openShiftTeamId") }
        return copy
    }
}

/// The settings as an administrator reads them.
public struct ConnecteamSettingsView: Codable, Sendable, Equatable {
    public var settings: ConnecteamSettings
    public var apiKeySet: Bool
    /// The key's last four characters, e.g. `…f3a9`.
    public var apiKeyHint: String?
    /// Where Connecteam should send webhooks (path on this server; the token in it is a secret).
    public var webhookPath: String?
    /// Whether webhook bodies must carry a valid `X-Connecteam-Signature`.
    public var webhookSignatureRequired: Bool
    public var updatedAt: Date?
}

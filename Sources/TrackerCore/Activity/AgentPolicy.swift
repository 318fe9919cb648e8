import Foundation

/// One level of agent configuration — the organisation's, a team's or a person's. A field left out (nil) takes the
/// level above; exclusions add up (a team cannot lift what the organisation excludes).
public struct AgentSettings: Codable, Sendable, Equatable {
    /// Off: agents send nothing, and what they send anyway is dropped.
    public var trackingEnabled: Bool?
    public var heartbeatIntervalSeconds: Int?
    public var idleThresholdSeconds: Int?
    /// Agents send app names only; the server blanks any title or URL that arrives anyway.
    public var privateMode: Bool?
    /// Agents track only while the person has a shift (the agent asks the schedule).
    public var trackOnlyDuringShifts: Bool?
    /// Activity never to send or store: matched on the app, title, URL or domain.
    public var excluded: [AgentExclusion]?

    public init(trackingEnabled: Bool? = nil, heartbeatIntervalSeconds: Int? = nil, idleThresholdSeconds: Int? = nil,
                privateMode: Bool? = nil, trackOnlyDuringShifts: Bool? = nil, excluded: [AgentExclusion]? = nil) {
        self.trackingEnabled = trackingEnabled
        self.heartbeatIntervalSeconds = heartbeatIntervalSeconds
        self.idleThresholdSeconds = idleThresholdSeconds
        self.privateMode = privateMode
        self.trackOnlyDuringShifts = trackOnlyDuringShifts
        self.excluded = excluded
    }

    public static let heartbeatRange = 1...300
    public static let idleRange = 30...3600
    public static let maxExclusions = 100

    /// Checks ranges and compiles every pattern (a bad one is a 400 naming it, e.g. `excluded[2].pattern`).
    public func validated() throws -> AgentSettings {
        if let value = heartbeatIntervalSeconds, !Self.heartbeatRange.contains(value) {
            throw SimpleAppError.invalid("heartbeatIntervalSeconds", "must be \(Self.heartbeatRange.lowerBound)…\(Self.heartbeatRange.upperBound) seconds")
        }
        if let value = idleThresholdSeconds, !Self.idleRange.contains(value) {
            throw SimpleAppError.invalid("idleThresholdSeconds", "must be \(Self.idleRange.lowerBound)…\(Self.idleRange.upperBound) seconds")
        }
        if let excluded {
            guard excluded.count <= Self.maxExclusions else {
                throw SimpleAppError.invalid("excluded", "at most \(Self.maxExclusions) patterns per level")
            }
            for (index, exclusion) in excluded.enumerated() {
                do { _ = try exclusion.compiled() } catch let error as SimpleAppError {
                    // The pattern's own message names "pattern"; name where it is instead.
                    let reason = error.message.range(of: ": ").map { String(error.message[$0.upperBound...]) } ?? error.message
                    throw SimpleAppError.invalid("excluded[\(index)].pattern", reason)
                }
            }
        }
        return self
    }
}

/// One pattern of activity that is never sent or stored.
public struct AgentExclusion: Codable, Sendable, Equatable, Hashable {
    public var field: RuleField
    public var match: MatchKind
    public var pattern: String

    public init(field: RuleField, match: MatchKind, pattern: String) {
        self.field = field
        self.match = match
        self.pattern = pattern
    }

    func compiled() throws -> RulePattern { try RulePattern(kind: match, pattern: pattern) }
}

/// What a device's agent runs with: the organisation's, its team's and its person's settings resolved (most
/// specific first), with a version that changes whenever any of it does (the agent config's ETag). The server
/// applies what it can to what arrives (`admits`, `redacted`), in time linear in each value (`RulePattern`).
public struct AgentPolicy: Sendable, Equatable {
    public struct Resolved: Codable, Sendable, Equatable {
        public var trackingEnabled: Bool
        public var heartbeatIntervalSeconds: Int
        public var idleThresholdSeconds: Int
        public var privateMode: Bool
        public var trackOnlyDuringShifts: Bool
        public var excluded: [AgentExclusion]
    }

    public let settings: Resolved
    public let version: String
    private let patterns: [(RuleField, RulePattern)]

    /// Nothing configured anywhere.
    public static let standard = AgentPolicy(levels: [])

    /// `levels` from the least specific (the organisation) to the most (the person). Patterns were validated when
    /// they were saved; one that no longer compiles is skipped rather than stopping a device.
    public init(levels: [AgentSettings]) {
        var resolved = Resolved(trackingEnabled: true, heartbeatIntervalSeconds: 5, idleThresholdSeconds: 180, privateMode: false,
                                trackOnlyDuringShifts: false, excluded: [])
        var seen = Set<AgentExclusion>()
        for level in levels {
            resolved.trackingEnabled = level.trackingEnabled ?? resolved.trackingEnabled
            resolved.heartbeatIntervalSeconds = level.heartbeatIntervalSeconds ?? resolved.heartbeatIntervalSeconds
            resolved.idleThresholdSeconds = level.idleThresholdSeconds ?? resolved.idleThresholdSeconds
            resolved.privateMode = level.privateMode ?? resolved.privateMode
            resolved.trackOnlyDuringShifts = level.trackOnlyDuringShifts ?? resolved.trackOnlyDuringShifts
            for exclusion in level.excluded ?? [] where seen.insert(exclusion).inserted { resolved.excluded.append(exclusion) }
        }
        settings = resolved
        patterns = resolved.excluded.compactMap { exclusion in (try? exclusion.compiled()).map { (exclusion.field, $0) } }
        version = Self.version(of: resolved)
    }

    /// Whether activity with these facts may be stored: tracking is on and no exclusion matches.
    public func admits(_ facts: ActivityFacts) -> Bool {
        guard settings.trackingEnabled else { return false }
        return !patterns.contains { field, pattern in facts.value(of: field).map(pattern.matches) ?? false }
    }

    /// The facts as they may be stored: in private mode without title or URL.
    public func redacted(_ facts: ActivityFacts) -> ActivityFacts {
        settings.privateMode ? ActivityFacts(app: facts.app, title: "", url: nil) : facts
    }

    public static func == (lhs: AgentPolicy, rhs: AgentPolicy) -> Bool { lhs.version == rhs.version }

    /// FNV-1a (64 bits) of the resolved settings as sorted-key JSON: stable across processes and instances.
    private static func version(of resolved: Resolved) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = (try? encoder.encode(resolved)) ?? Data()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

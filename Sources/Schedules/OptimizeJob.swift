import Foundation
import ShiftPlanner
import TrackerCore

/// A run of the shift planner over one team's (or one location's) shifts in a date range, as the API shows it.
public struct OptimizeJob: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case queued, running, done, failed, cancelled, applied
        var finished: Bool { self != .queued && self != .running }
    }

    public struct Score: Codable, Sendable, Equatable {
        /// Broken hard rules (0 in every plan the planner offers, unless published shifts already break one).
        public var hard: Int64
        /// Minus the shifts left open.
        public var medium: Int64
        public var soft: Double
        init(_ score: PlanScore) { (hard, medium, soft) = (score.hard, score.medium, (score.soft * 1000).rounded() / 1000) }
        init(hard: Int64, medium: Int64, soft: Double) { (self.hard, self.medium, self.soft) = (hard, medium, soft) }
    }

    public var id: String
    public var status: OptimizeJob.Status
    public var teamId: String?
    public var locationId: String?
    public var from: Date
    public var to: Date
    public var request: OptimizeRequest
    /// Share of the time limit used (1 when finished).
    public var progress: Double
    public var bestScore: Score?
    public var steps: Int64
    public var error: String?
    public var requestedBy: String
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    /// The plan, once done.
    public var result: OptimizeResult?
}

/// What a job was asked to do, as stored with it (validated).
public struct OptimizeRequest: Codable, Sendable, Equatable {
    public enum Scope: String, Codable, Sendable {
        /// Only open drafts get people; assigned drafts stay.
        case open
        /// Every draft may change hands (open or not); published shifts never do.
        case drafts
    }

    public struct Weights: Codable, Sendable, Equatable {
        public var desired: Int64 = 1
        public var undesired: Int64 = 1
        public var balance: Int64 = 60
        public var productive: Int64 = 1
        public var locationChange: Int64 = 1
        public var stability: Int64 = 1
        public init() {}

        var planner: PlanningProblem.Weights {
            .init(desired: desired, undesired: undesired, balance: balance, productive: productive, locationChange: locationChange, stability: stability)
        }
    }

    public var scope: Scope
    public var seconds: Int
    public var unimprovedSeconds: Int?
    public var seed: UInt64
    public var onePerDay: Bool
    public var weights: Weights
}

/// The body of `POST /api/schedule/optimize`, every field checked by name.
public struct OptimizeInput: Decodable, Sendable {
    struct WeightsInput: Decodable, Sendable {
        var desired: Int64?, undesired: Int64?, balance: Int64?, productive: Int64?, locationChange: Int64?, stability: Int64?
    }
    var teamId: String?
    var locationId: String?
    var from: String?
    var to: String?
    var scope: OptimizeRequest.Scope?
    var seconds: Int?
    var unimprovedSeconds: Int?
    var seed: Int64?
    var onePerDay: Bool?
    var weights: WeightsInput?

    static let maxSeconds = 300
    static let maxWeight: Int64 = 1_000

    func validated() throws -> OptimizeRequest {
        let seconds = self.seconds ?? 30
        guard (1...Self.maxSeconds).contains(seconds) else { throw SimpleAppError.invalid("seconds", "must be 1 to \(Self.maxSeconds)") }
        if let unimproved = unimprovedSeconds, !(1...Self.maxSeconds).contains(unimproved) {
            throw SimpleAppError.invalid("unimprovedSeconds", "must be 1 to \(Self.maxSeconds)")
        }
        if let seed, seed < 0 { throw SimpleAppError.invalid("seed", "must not be negative") }
        var weights = OptimizeRequest.Weights()
        func weight(_ value: Int64?, _ name: String, _ into: inout Int64) throws {
            guard let value else { return }
            guard (0...Self.maxWeight).contains(value) else { throw SimpleAppError.invalid("weights.\(name)", "must be 0 to \(Self.maxWeight)") }
            into = value
        }
        if let w = self.weights {
            try weight(w.desired, "desired", &weights.desired)
            try weight(w.undesired, "undesired", &weights.undesired)
            try weight(w.balance, "balance", &weights.balance)
            try weight(w.productive, "productive", &weights.productive)
            try weight(w.locationChange, "locationChange", &weights.locationChange)
            try weight(w.stability, "stability", &weights.stability)
        }
        return OptimizeRequest(scope: scope ?? .open, seconds: seconds, unimprovedSeconds: unimprovedSeconds, seed: UInt64(seed ?? 0),
                               onePerDay: onePerDay ?? true, weights: weights)
    }
}

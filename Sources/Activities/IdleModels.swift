import Foundation
import Hummingbird
import TrackerCore

public struct IncomingIdlePeriod: Decodable, Sendable {
    public var id: String
    public var start: Date
    public var end: Date
    /// Why the agent considered the person away: `afk`, `locked`, `sleep`, `other`.
    public var reason: String

    public init(id: String, start: Date, end: Date, reason: String) {
        self.id = id
        self.start = start
        self.end = end
        self.reason = reason
    }
}

public struct IdleBatch: Decodable, Sendable {
    public var periods: [IncomingIdlePeriod]

    public init(periods: [IncomingIdlePeriod]) { self.periods = periods }
}

/// An idle period as listed. `note` is absent for others when its owner marked it private.
public struct IdlePeriod: ResponseCodable, Sendable, Equatable {
    public var id: String
    public var deviceId: String
    public var employeeId: String
    public var start: Date
    public var end: Date
    public var reason: String
    public var classification: IdleClassification?
    public var note: String?
    public var notePrivate: Bool

    public init(id: String, deviceId: String, employeeId: String, start: Date, end: Date, reason: String,
                classification: IdleClassification?, note: String?, notePrivate: Bool) {
        self.id = id
        self.deviceId = deviceId
        self.employeeId = employeeId
        self.start = start
        self.end = end
        self.reason = reason
        self.classification = classification
        self.note = note
        self.notePrivate = notePrivate
    }
}

public struct IdleClassificationChange: Decodable, Sendable {
    public var classification: IdleClassification?
    public var note: String?
    public var notePrivate: Bool?

    public init(classification: IdleClassification?, note: String? = nil, notePrivate: Bool? = nil) {
        self.classification = classification
        self.note = note
        self.notePrivate = notePrivate
    }
}

struct IdleRecord: Sendable, Equatable {
    var id: String
    var startMs: Int64
    var endMs: Int64
    var reason: String
}

import Foundation
import Hummingbird

/// A background recomputation of rollups over a range (after a rule change, or on request).
public struct RebuildJob: ResponseCodable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case pending, running, done, failed
    }

    public var id: String
    public var employeeId: String?
    public var from: Date
    public var to: Date
    public var status: Status
    public var totalHours: Int
    public var doneHours: Int
    public var reason: String
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    public var error: String?

    /// 0…1.
    public var progress: Double { totalHours == 0 ? (status == .done ? 1 : 0) : Double(doneHours) / Double(totalHours) }

    enum CodingKeys: String, CodingKey {
        case id, employeeId, from, to, status, totalHours, doneHours, reason, createdAt, startedAt, finishedAt, error, progress
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(employeeId, forKey: .employeeId)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try c.encode(status, forKey: .status)
        try c.encode(totalHours, forKey: .totalHours)
        try c.encode(doneHours, forKey: .doneHours)
        try c.encode(reason, forKey: .reason)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encodeIfPresent(startedAt, forKey: .startedAt)
        try c.encodeIfPresent(finishedAt, forKey: .finishedAt)
        try c.encodeIfPresent(error, forKey: .error)
        try c.encode(progress, forKey: .progress)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        employeeId = try c.decodeIfPresent(String.self, forKey: .employeeId)
        from = try c.decode(Date.self, forKey: .from)
        to = try c.decode(Date.self, forKey: .to)
        status = try c.decode(Status.self, forKey: .status)
        totalHours = try c.decode(Int.self, forKey: .totalHours)
        doneHours = try c.decode(Int.self, forKey: .doneHours)
        reason = try c.decode(String.self, forKey: .reason)
        createdAt = try c.decode(Date.self, forKey: .createdAt)
        startedAt = try c.decodeIfPresent(Date.self, forKey: .startedAt)
        finishedAt = try c.decodeIfPresent(Date.self, forKey: .finishedAt)
        error = try c.decodeIfPresent(String.self, forKey: .error)
    }

    init(id: String, employeeId: String?, from: Date, to: Date, status: Status, totalHours: Int, doneHours: Int, reason: String,
         createdAt: Date, startedAt: Date?, finishedAt: Date?, error: String?) {
        self.id = id
        self.employeeId = employeeId
        self.from = from
        self.to = to
        self.status = status
        self.totalHours = totalHours
        self.doneHours = doneHours
        self.reason = reason
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.error = error
    }
}

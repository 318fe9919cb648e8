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
    public var progress: Double

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
        self.progress = totalHours == 0 ? (status == .done ? 1 : 0) : Double(doneHours) / Double(totalHours)
    }
}

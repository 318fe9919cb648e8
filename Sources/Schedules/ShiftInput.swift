import Auth
import Foundation
import TrackerCore

/// The body of `POST /api/schedule/shifts` and `PATCH …/{id}`: on PATCH every field is optional, `null` clears
/// (`employeeId: null` makes the shift open) and `version` is required.
public struct ShiftInput: Decodable, Sendable {
    var teamId: String?
    var locationId: FieldUpdate<String> = .unchanged
    var employeeId: FieldUpdate<String> = .unchanged
    var start: Date?
    var end: Date?
    var skillId: FieldUpdate<String> = .unchanged
    var breakMinutes: Int?
    var notes: FieldUpdate<String> = .unchanged
    var status: ShiftStatus?
    var version: Int64?

    enum CodingKeys: String, CodingKey {
        case teamId, locationId, employeeId, start, end, skillId, breakMinutes, notes, status, version
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        teamId = try c.decodeIfPresent(String.self, forKey: .teamId)
        locationId = try c.decodeUpdate(String.self, forKey: .locationId)
        employeeId = try c.decodeUpdate(String.self, forKey: .employeeId)
        start = try c.decodeIfPresent(Date.self, forKey: .start)
        end = try c.decodeIfPresent(Date.self, forKey: .end)
        skillId = try c.decodeUpdate(String.self, forKey: .skillId)
        breakMinutes = try c.decodeIfPresent(Int.self, forKey: .breakMinutes)
        notes = try c.decodeUpdate(String.self, forKey: .notes)
        status = try c.decodeIfPresent(ShiftStatus.self, forKey: .status)
        version = try c.decodeIfPresent(Int64.self, forKey: .version)
    }

    static let maxNotesLength = 2_000

    /// Applies the input to `current` (a new shift's defaults on create), checking each field's shape; references
    /// (team, location, skill, person) are checked by the service.
    func applied(to current: ShiftRecord) throws -> ShiftRecord {
        var next = current
        if let teamId { next.teamId = try FieldValidation.id(teamId, field: "teamId") }
        next.locationId = try locationId.apply(to: current.locationId).map { try FieldValidation.id($0, field: "locationId") }
        next.employeeId = try employeeId.apply(to: current.employeeId).map { try FieldValidation.id($0, field: "employeeId") }
        next.skillId = try skillId.apply(to: current.skillId).map { try FieldValidation.id($0, field: "skillId") }
        if let start { next.start = start.epochMillis }
        if let end { next.end = end.epochMillis }
        if let breakMinutes { next.breakMinutes = breakMinutes }
        next.notes = try notes.apply(to: current.notes).flatMap { text -> String? in
            try FieldValidation.noNUL(text, field: "notes")
            guard text.count <= Self.maxNotesLength else { throw SimpleAppError.invalid("notes", "must be at most \(Self.maxNotesLength) characters") }
            return text.isEmpty ? nil : text
        }
        if let status { next.status = status }
        guard next.end > next.start else { throw SimpleAppError.invalid("end", "must be after start") }
        guard next.end - next.start <= ShiftStore.maxLengthMs else { throw SimpleAppError.invalid("end", "a shift may last at most 24 hours") }
        guard (0...(Int(next.end - next.start) / 60_000)).contains(next.breakMinutes) else {
            throw SimpleAppError.invalid("breakMinutes", "must be from 0 to the shift's length in minutes")
        }
        return next
    }
}

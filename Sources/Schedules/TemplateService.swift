import Auth
import Foundation
import TrackerCore
import TrackerStore

/// Shift templates, generation of draft open shifts from them, and copying a week.
public struct TemplateService: Sendable {
    let database: any Database
    let directory: any DirectoryRepository
    let shifts: ShiftService
    let limits: ScheduleLimits
    let time: TimeSource

    /// Most shifts one generate or copy request makes.
    static let maxGenerated = 5_000

    public struct Input: Decodable, Sendable {
        var teamId: String?
        var name: String?
        var locationId: FieldUpdate<String> = .unchanged
        var skillId: FieldUpdate<String> = .unchanged
        var weekdays: [String]?
        var startTime: String?
        var durationMinutes: Int?
        var breakMinutes: Int?
        var headcount: Int?

        enum CodingKeys: String, CodingKey {
            case teamId, name, locationId, skillId, weekdays, startTime, durationMinutes, breakMinutes, headcount
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            teamId = try c.decodeIfPresent(String.self, forKey: .teamId)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            locationId = try c.decodeUpdate(String.self, forKey: .locationId)
            skillId = try c.decodeUpdate(String.self, forKey: .skillId)
            weekdays = try c.decodeIfPresent([String].self, forKey: .weekdays)
            startTime = try c.decodeIfPresent(String.self, forKey: .startTime)
            durationMinutes = try c.decodeIfPresent(Int.self, forKey: .durationMinutes)
            breakMinutes = try c.decodeIfPresent(Int.self, forKey: .breakMinutes)
            headcount = try c.decodeIfPresent(Int.self, forKey: .headcount)
        }
    }

    public func list(teamID: String?, by user: UserIdentity) async throws -> [ShiftTemplate] {
        var teams = ScheduleAccess.plannedTeams(user)
        if let teamID {
            try ScheduleAccess.requirePlanner(of: teamID, user)
            teams = [teamID]
        }
        let selected = teams
        return try await database.withConnection { db in try await TemplateStore.list(teamIDs: selected, includeArchived: false, db) }
    }

    public func create(_ input: Input, by user: UserIdentity) async throws -> ShiftTemplate {
        guard let team = input.teamId else { throw SimpleAppError.invalid("teamId", "is required") }
        let now = time.now
        let blank = ShiftTemplate(id: UUID().uuidString.lowercased(), teamId: try FieldValidation.id(team, field: "teamId"), name: "", locationId: nil,
                                  skillId: nil, weekdays: [], startTime: "", durationMinutes: 0, breakMinutes: 0, headcount: 1, archived: false,
                                  createdAt: now, updatedAt: now)
        guard input.name != nil else { throw SimpleAppError.invalid("name", "is required") }
        guard input.weekdays != nil else { throw SimpleAppError.invalid("weekdays", "is required") }
        guard input.startTime != nil else { throw SimpleAppError.invalid("startTime", "is required") }
        guard input.durationMinutes != nil else { throw SimpleAppError.invalid("durationMinutes", "is required") }
        return try await save(try input.applied(to: blank), isNew: true, by: user)
    }

    public func update(id: String, _ input: Input, archive: Bool = false, by user: UserIdentity) async throws -> ShiftTemplate {
        let current = try await existing(id)
        try ScheduleAccess.requirePlanner(of: current.teamId, user)
        var next = try input.applied(to: current)
        if archive { next.archived = true }
        next.updatedAt = time.now
        return try await save(next, isNew: false, by: user)
    }

    private func save(_ template: ShiftTemplate, isNew: Bool, by user: UserIdentity) async throws -> ShiftTemplate {
        try ScheduleAccess.requirePlanner(of: template.teamId, user)
        guard let team = try await directory.team(id: template.teamId), !team.archived else { throw ScheduleError.unknown(field: "teamId", what: "team") }
        let location = template.locationId, skill = template.skillId
        try await database.withTransaction { db in
            if let location, try await CatalogStore.location(id: location, db) == nil { throw ScheduleError.unknown(field: "locationId", what: "location") }
            if let skill, try await CatalogStore.skills(ids: [skill], db).isEmpty { throw ScheduleError.unknown(field: "skillId", what: "skill") }
            try await TemplateStore.save(template, isNew: isNew, db)
        }
        return template
    }

    public struct Generated: Codable, Sendable {
        public var created: Int
        public var shiftIds: [String]
        /// Slots that already had their headcount (generation is idempotent).
        public var existing: Int
    }

    /// Draft open shifts for every slot of the templates between two local dates (inclusive), in each template's zone.
    public func generate(templateIDs: [String], from: String?, to: String?, by user: UserIdentity) async throws -> Generated {
        guard !templateIDs.isEmpty, templateIDs.count <= 100 else { throw SimpleAppError.invalid("templateIds", "1 to 100 template ids") }
        let ids = try templateIDs.enumerated().map { try FieldValidation.id($0.element, field: "templateIds[\($0.offset)]") }
        var templates: [ShiftTemplate] = []
        for (index, id) in ids.enumerated() {
            guard let template = try await database.withConnection({ db in try await TemplateStore.find(id: id, db) }), !template.archived else {
                throw ScheduleError.unknown(field: "templateIds[\(index)]", what: "template")
            }
            try ScheduleAccess.requirePlanner(of: template.teamId, user)
            templates.append(template)
        }
        guard let from else { throw SimpleAppError.invalid("from", "is required (YYYY-MM-DD)") }
        guard let to else { throw SimpleAppError.invalid("to", "is required (YYYY-MM-DD)") }
        let organizationZone = try await directory.organization().timeZone
        var slots: [(template: ShiftTemplate, start: Int64, end: Int64)] = []
        for template in templates {
            let zone = try await self.zone(of: template, organizationZone: organizationZone)
            let period = try LocalPeriod.make(kind: .custom, anchor: from, through: to, timeZone: zone, maxDays: limits.viewDays, anchorField: "from")
            slots += Self.slots(template, days: period.days.map(\.date), zone: zone)
            guard slots.count <= Self.maxGenerated else { throw SimpleAppError.invalid("to", "would make more than \(Self.maxGenerated) shifts") }
        }
        let now = Int64(time.now.timeIntervalSince1970)
        let planned = slots, templateIDs = templates.map(\.id)
        return try await database.withTransaction { db in
            let lo = planned.map(\.start).min() ?? 0, hi = (planned.map(\.start).max() ?? 0) + 1
            var counts = try await TemplateStore.generatedCounts(templateIDs: templateIDs, from: lo, to: hi, db)
            var created: [String] = [], existing = 0
            for slot in planned {
                let key = "\(slot.template.id)@\(slot.start)"
                let have = counts[key] ?? 0
                existing += min(have, slot.template.headcount)
                for _ in have..<max(have, slot.template.headcount) {
                    let record = ShiftRecord(
                        id: UUID().uuidString.lowercased(), teamId: slot.template.teamId, locationId: slot.template.locationId, employeeId: nil,
                        start: slot.start, end: slot.end, skillId: slot.template.skillId,
                        breakMinutes: min(slot.template.breakMinutes, Int((slot.end - slot.start) / 60_000)), notes: nil, status: .draft,
                        version: 1, templateId: slot.template.id, source: "local", externalId: nil, createdAt: now, updatedAt: now)
                    try await ShiftStore.insert(record, db)
                    created.append(record.id)
                }
                counts[key] = max(have, slot.template.headcount)
            }
            return Generated(created: created.count, shiftIds: created, existing: existing)
        }
    }

    /// The template's slots on `days` (local dates): start and end from the wall clock (see `WallClock`).
    static func slots(_ template: ShiftTemplate, days: [String], zone: TimeZone) -> [(template: ShiftTemplate, start: Int64, end: Int64)] {
        guard let startMinute = Weekday.minutes(template.startTime) else { return [] }
        let clock = WallClock(zone: zone)
        return days.compactMap { day in
            guard let local = WallClock.local(date: day, minutes: startMinute) else { return nil }
            let weekday = Weekday.names[Int(((local / 86_400_000 + 3) % 7 + 7) % 7)]
            guard template.weekdays.contains(weekday) else { return nil }
            let start = clock.instant(local)
            var end = clock.instant(local + Int64(template.durationMinutes) * 60_000)
            // A start in the spring gap moved forward; if its wall-clock end is then not after it, it keeps its length.
            if end <= start { end = start + Int64(template.durationMinutes) * 60_000 }
            return (template, start, end)
        }
    }

    public struct Copied: Codable, Sendable {
        public var created: Int
        public var shiftIds: [String]
        /// Copies left open because their person could not take them, with the rule that refused.
        public var leftOpen: [LeftOpen]
    }

    public struct LeftOpen: Codable, Sendable {
        public var sourceShiftId: String
        public var shiftId: String
        public var reason: String
    }

    /// Copies the team's shifts starting in the 7 local days from `from` to the 7 days from `to`, at the same wall-clock
    /// times, as drafts; with `includeAssignments` each keeps its person when the rules allow (else it stays open).
    public func copyWeek(teamID: String, from: String?, to: String?, includeAssignments: Bool, by user: UserIdentity) async throws -> Copied {
        let team = try FieldValidation.id(teamID, field: "teamId")
        try ScheduleAccess.requirePlanner(of: team, user)
        let zone = try await shifts.teamZone(team)
        guard let from, let to else { throw SimpleAppError.invalid(from == nil ? "from" : "to", "is required (YYYY-MM-DD)") }
        let source = try LocalPeriod.make(kind: .custom, anchor: from, through: from, timeZone: zone, anchorField: "from")
        let target = try LocalPeriod.make(kind: .custom, anchor: to, through: to, timeZone: zone, anchorField: "to")
        let clock = WallClock(zone: zone)
        let shift = clock.local(target.start.epochMillis) - clock.local(source.start.epochMillis)
        guard shift != 0 else { throw SimpleAppError.invalid("to", "must differ from from") }
        let lo = source.start.epochMillis, hi = lo + 7 * 86_400_000 + 3_600_000
        let originals = try await database.withConnection { db in
            try await ShiftStore.list(ShiftFilter(teamIDs: [team]), from: lo, to: hi, limit: Self.maxGenerated + 1, db)
        }.filter { $0.start >= lo && clock.local($0.start) < clock.local(lo) + 7 * 86_400_000 }
        guard originals.count <= Self.maxGenerated else { throw SimpleAppError.invalid("from", "the week holds more than \(Self.maxGenerated) shifts") }
        let now = Int64(time.now.timeIntervalSince1970)
        var created: [String] = [], leftOpen: [LeftOpen] = []
        for original in originals {
            var copy = original
            copy.id = UUID().uuidString.lowercased()
            copy.start = clock.instant(clock.local(original.start) + shift)
            copy.end = clock.instant(clock.local(original.end) + shift)
            copy.status = .draft
            copy.version = 1
            copy.source = "local"
            copy.externalId = nil
            copy.createdAt = now
            copy.updatedAt = now
            if !includeAssignments { copy.employeeId = nil }
            guard copy.end > copy.start, copy.end - copy.start <= ShiftStore.maxLengthMs else { continue }
            do {
                created.append(try await shifts.save(copy, previous: nil, by: user).id)
            } catch let error as ScheduleError where copy.employeeId != nil {
                copy.employeeId = nil
                created.append(try await shifts.save(copy, previous: nil, by: user).id)
                leftOpen.append(LeftOpen(sourceShiftId: original.id, shiftId: copy.id, reason: error.message))
            }
        }
        return Copied(created: created.count, shiftIds: created, leftOpen: leftOpen)
    }

    func zone(of template: ShiftTemplate, organizationZone: String) async throws -> TimeZone {
        if let location = template.locationId,
           let found = try await database.withConnection({ db in try await CatalogStore.location(id: location, db) }) {
            return TimeZone(identifier: found.timeZone) ?? .gmt
        }
        let team = try await directory.team(id: template.teamId)
        return TimeZone(identifier: team?.timeZone ?? organizationZone) ?? .gmt
    }

    func existing(_ id: String) async throws -> ShiftTemplate {
        guard let found = try await database.withConnection({ db in try await TemplateStore.find(id: id, db) }) else {
            throw ScheduleError.notFound("template")
        }
        return found
    }
}

extension TemplateService.Input {
    func applied(to current: ShiftTemplate) throws -> ShiftTemplate {
        var next = current
        if let teamId { next.teamId = try FieldValidation.id(teamId, field: "teamId") }
        if let name { next.name = try FieldValidation.text(name, field: "name") }
        next.locationId = try locationId.apply(to: current.locationId).map { try FieldValidation.id($0, field: "locationId") }
        next.skillId = try skillId.apply(to: current.skillId).map { try FieldValidation.id($0, field: "skillId") }
        if let weekdays {
            guard !weekdays.isEmpty, weekdays.count <= 7, weekdays.allSatisfy(Weekday.names.contains) else {
                throw SimpleAppError.invalid("weekdays", "1 to 7 of mon, tue, wed, thu, fri, sat, sun")
            }
            next.weekdays = Weekday.names.filter(weekdays.contains)
        }
        if let startTime {
            guard let minutes = Weekday.minutes(startTime), minutes < 1440 else { throw SimpleAppError.invalid("startTime", "must be HH:MM from 00:00 to 23:59") }
            next.startTime = startTime
        }
        if let durationMinutes {
            // 23 wall-clock hours last 24 real ones across the autumn change; shifts are at most 24 hours.
            guard (1...1380).contains(durationMinutes) else {
                throw SimpleAppError.invalid("durationMinutes", "must be from 1 to 1380 (23 hours; 24 real hours across the autumn change)")
            }
            next.durationMinutes = durationMinutes
        }
        if let breakMinutes { next.breakMinutes = breakMinutes }
        guard (0..<max(1, next.durationMinutes)).contains(next.breakMinutes) else {
            throw SimpleAppError.invalid("breakMinutes", "must be from 0 to less than the duration")
        }
        if let headcount {
            guard (1...50).contains(headcount) else { throw SimpleAppError.invalid("headcount", "must be from 1 to 50") }
            next.headcount = headcount
        }
        return next
    }
}

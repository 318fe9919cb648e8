import Auth
import Foundation
import TrackerCore
import TrackerStore

/// Locations, the skill catalogue, people's skills and scheduling profiles.
public struct CatalogService: Sendable {
    let database: any Database
    let directory: any DirectoryRepository
    let access: AccessControl
    let time: TimeSource

    public struct LocationInput: Decodable, Sendable {
        var name: String?
        var timeZone: String?
        var address: FieldUpdate<String> = .unchanged
        var externalId: String?
        var source: String?

        enum CodingKeys: String, CodingKey { case name, timeZone, address, externalId, source }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone)
            address = try c.decodeUpdate(String.self, forKey: .address)
            externalId = try c.decodeIfPresent(String.self, forKey: .externalId)
            source = try c.decodeIfPresent(String.self, forKey: .source)
        }
    }

    public func locations(includeArchived: Bool) async throws -> [Location] {
        try await database.withConnection { db in try await CatalogStore.locations(includeArchived: includeArchived, db) }
    }

    public func createLocation(_ input: LocationInput) async throws -> Location {
        guard let name = input.name else { throw SimpleAppError.invalid("name", "is required") }
        guard let zone = input.timeZone else { throw SimpleAppError.invalid("timeZone", "is required") }
        let now = time.now
        let location = Location(
            id: UUID().uuidString.lowercased(), name: try FieldValidation.text(name, field: "name"),
            timeZone: try FieldValidation.timeZone(zone), address: try Self.address(input.address.apply(to: nil)),
            source: try Self.source(input.source), externalId: try input.externalId.map { try FieldValidation.text($0, field: "externalId") },
            archived: false, createdAt: now, updatedAt: now
        )
        try await database.withTransaction { db in
            guard try await !CatalogStore.nameTaken(location.name, table: "schedule_locations", except: nil, db) else {
                throw ScheduleError.nameTaken(field: "name")
            }
            try await CatalogStore.saveLocation(location, isNew: true, db)
        }
        return location
    }

    public func updateLocation(id: String, _ input: LocationInput, archive: Bool = false) async throws -> Location {
        let now = time.now
        return try await database.withTransaction { db in
            guard var location = try await CatalogStore.location(id: id, db) else { throw ScheduleError.notFound("location") }
            if let name = input.name {
                location.name = try FieldValidation.text(name, field: "name")
                guard try await !CatalogStore.nameTaken(location.name, table: "schedule_locations", except: id, db) else {
                    throw ScheduleError.nameTaken(field: "name")
                }
            }
            if let zone = input.timeZone { location.timeZone = try FieldValidation.timeZone(zone) }
            location.address = try Self.address(input.address.apply(to: location.address))
            if archive { location.archived = true }
            location.updatedAt = now
            try await CatalogStore.saveLocation(location, isNew: false, db)
            return location
        }
    }

    public func skills() async throws -> [Skill] {
        try await database.withConnection { db in try await CatalogStore.skills(db) }
    }

    public func createSkill(name: String) async throws -> Skill {
        let skill = Skill(id: UUID().uuidString.lowercased(), name: try FieldValidation.text(name, field: "name"))
        let now = Int64(time.now.timeIntervalSince1970)
        try await database.withTransaction { db in
            guard try await !CatalogStore.nameTaken(skill.name, table: "schedule_skills", except: nil, db) else {
                throw ScheduleError.nameTaken(field: "name")
            }
            try await CatalogStore.insertSkill(skill, at: now, db)
        }
        return skill
    }

    /// Replaces a person's skills (a manager of their team, or an admin).
    public func setSkills(employeeID: String, skillIDs: [String], by user: UserIdentity) async throws -> ScheduleProfile {
        let employee = try await managedPerson(employeeID, by: user)
        guard skillIDs.count <= 200 else { throw SimpleAppError.invalid("skillIds", "at most 200 skills") }
        let ids = try Array(Set(skillIDs.enumerated().map { try FieldValidation.id($0.element, field: "skillIds[\($0.offset)]") })).sorted()
        try await database.withTransaction { db in
            let known = try await CatalogStore.skills(ids: ids, db)
            if let missing = skillIDs.firstIndex(where: { id in !known.contains { $0.id == id.lowercased() } }) {
                throw ScheduleError.unknown(field: "skillIds[\(missing)]", what: "skill")
            }
            try await ProfileStore.setSkills(employee.id, ids, db)
        }
        return try await profile(employeeID: employee.id, by: user)
    }

    /// A person's profile: to themselves, the managers of their team and admins.
    public func profile(employeeID: String, by user: UserIdentity) async throws -> ScheduleProfile {
        let subject = try await access.checkRead(of: employeeID, by: user)
        async let zone = directory.effectiveTimeZone(employeeID: subject.id)
        let (record, skills) = try await database.withConnection { db in
            let record = try await ProfileStore.load(subject.id, db)
            let skills = try await CatalogStore.skills(ids: Array(try await ProfileStore.skillIDs(subject.id, db)), db)
            return (record, skills)
        }
        return ScheduleProfile(
            employeeId: subject.id, skills: skills, maxHoursPerWeek: record.maxWeekMinutes.map { Double($0) / 60 },
            maxShiftsPerWeek: record.maxWeekShifts, minRestHours: record.minRestMinutes.map { Double($0) / 60 },
            availability: record.availability, desiredDates: record.desiredDates, undesiredDates: record.undesiredDates,
            unavailableDates: record.unavailableDates, timeZone: try await zone ?? "UTC"
        )
    }

    public struct ProfileInput: Decodable, Sendable {
        var maxHoursPerWeek: FieldUpdate<Double> = .unchanged
        var maxShiftsPerWeek: FieldUpdate<Int> = .unchanged
        var minRestHours: FieldUpdate<Double> = .unchanged
        var availability: FieldUpdate<[String: [ScheduleProfile.Window]]> = .unchanged
        var desiredDates: [String]?
        var undesiredDates: [String]?
        var unavailableDates: [String]?

        enum CodingKeys: String, CodingKey {
            case maxHoursPerWeek, maxShiftsPerWeek, minRestHours, availability, desiredDates, undesiredDates, unavailableDates
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            maxHoursPerWeek = try c.decodeUpdate(Double.self, forKey: .maxHoursPerWeek)
            maxShiftsPerWeek = try c.decodeUpdate(Int.self, forKey: .maxShiftsPerWeek)
            minRestHours = try c.decodeUpdate(Double.self, forKey: .minRestHours)
            availability = try c.decodeUpdate([String: [ScheduleProfile.Window]].self, forKey: .availability)
            desiredDates = try c.decodeIfPresent([String].self, forKey: .desiredDates)
            undesiredDates = try c.decodeIfPresent([String].self, forKey: .undesiredDates)
            unavailableDates = try c.decodeIfPresent([String].self, forKey: .unavailableDates)
        }

        var setsLimits: Bool {
            if case .unchanged = maxHoursPerWeek, case .unchanged = maxShiftsPerWeek, case .unchanged = minRestHours { return false }
            return true
        }
    }

    /// Changes a profile. Contract limits: managers of the person's team and admins. Availability and day
    /// preferences: also the person themselves.
    public func updateProfile(employeeID: String, _ input: ProfileInput, by user: UserIdentity) async throws -> ScheduleProfile {
        let subject = try await access.checkRead(of: employeeID, by: user)
        let manages = ScheduleAccess.manages(subject, user)
        guard manages || subject.id == user.employeeID else { throw AccessError.forbidden("You may only change the profiles of people you manage.") }
        if input.setsLimits && !manages {
            throw AccessError.forbidden("maxHoursPerWeek, maxShiftsPerWeek, minRestHours: only a manager of your team or an administrator may set contract limits.")
        }
        let now = Int64(time.now.timeIntervalSince1970)
        try await database.withTransaction { db in
            var record = try await ProfileStore.load(subject.id, db)
            record.maxWeekMinutes = try input.maxHoursPerWeek.apply(to: record.maxWeekMinutes.map { Double($0) / 60 }).map {
                guard $0.isFinite, (0...168).contains($0) else { throw SimpleAppError.invalid("maxHoursPerWeek", "must be from 0 to 168") }
                return Int(($0 * 60).rounded())
            }
            record.maxWeekShifts = try input.maxShiftsPerWeek.apply(to: record.maxWeekShifts).map {
                guard (0...50).contains($0) else { throw SimpleAppError.invalid("maxShiftsPerWeek", "must be from 0 to 50") }
                return $0
            }
            record.minRestMinutes = try input.minRestHours.apply(to: record.minRestMinutes.map { Double($0) / 60 }).map {
                guard $0.isFinite, (0...48).contains($0) else { throw SimpleAppError.invalid("minRestHours", "must be from 0 to 48") }
                return Int(($0 * 60).rounded())
            }
            record.availability = try input.availability.apply(to: record.availability).map(Self.validAvailability)
            if let days = input.desiredDates { record.desiredDates = try Self.dates(days, field: "desiredDates") }
            if let days = input.undesiredDates { record.undesiredDates = try Self.dates(days, field: "undesiredDates") }
            if let days = input.unavailableDates { record.unavailableDates = try Self.dates(days, field: "unavailableDates") }
            let all = record.desiredDates + record.undesiredDates + record.unavailableDates
            guard Set(all).count == all.count else {
                throw SimpleAppError.invalid("desiredDates", "a date may be in only one of desiredDates, undesiredDates and unavailableDates")
            }
            try await ProfileStore.save(subject.id, record, at: now, db)
        }
        return try await profile(employeeID: subject.id, by: user)
    }

    static func validAvailability(_ windows: [String: [ScheduleProfile.Window]]) throws -> [String: [ScheduleProfile.Window]] {
        for (day, list) in windows {
            guard Weekday.names.contains(day) else { throw SimpleAppError.invalid("availability", "keys must be mon, tue, wed, thu, fri, sat or sun") }
            guard list.count <= 12 else { throw SimpleAppError.invalid("availability.\(day)", "at most 12 windows a day") }
            for window in list {
                guard let from = Weekday.minutes(window.from), let to = Weekday.minutes(window.to), from != to else {
                    throw SimpleAppError.invalid("availability.\(day)", "windows are {\"from\":\"HH:MM\",\"to\":\"HH:MM\"} with different times")
                }
            }
        }
        return windows
    }

    static func dates(_ days: [String], field: String) throws -> [String] {
        guard days.count <= 400 else { throw SimpleAppError.invalid(field, "at most 400 dates") }
        for day in days { _ = try LocalPeriod.make(kind: .day, anchor: day, timeZone: .gmt, anchorField: field) }
        return Array(Set(days)).sorted()
    }

    static func address(_ value: String?) throws -> String? {
        try value.map { try FieldValidation.text($0, field: "address", maxLength: 500) }
    }

    static func source(_ value: String?) throws -> String {
        guard let value else { return "local" }
        guard ["local", "connecteam"].contains(value) else { throw SimpleAppError.invalid("source", "must be local or connecteam") }
        return value
    }

    func managedPerson(_ employeeID: String, by user: UserIdentity) async throws -> Employee {
        guard let employee = try await directory.employee(id: employeeID) else { throw ScheduleError.notFound("employee") }
        guard ScheduleAccess.manages(employee, user) else { throw AccessError.forbidden("You may only change people of the teams you manage.") }
        return employee
    }
}

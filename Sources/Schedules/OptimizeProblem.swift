import Activities
import Auth
import Foundation
import ShiftPlanner
import SQLKit
import TrackerCore
import TrackerStore

/// A job's planning problem, loaded from the schedule: the shifts in scope (drafts the planner may give away; the
/// rest pinned), the candidates (active members of the job's teams) with their other shifts ±8 days (so rest, overlap
/// and weekly caps see the whole week), skills, approved time off, availability windows and day preferences as spans,
/// caps and rest, and their productive hours over the 8 weeks before the range. Also the fingerprint — every shift
/// it read, at its version — that `apply` compares with.
struct OptimizeProblem: Sendable {
    var problem: PlanningProblem
    /// Stored shifts by problem index.
    var records: [ShiftRecord]
    /// Indices of the shifts the planner may change.
    var movable: [Int]
    var fingerprint: [String: Int64]

    static let maxPeople = 500
    static let maxShifts = 5_000
    /// People × shifts: the planner's tables hold this many cells (three 8-byte numbers each).
    static let maxCells = 2_000_000
    static let contextMs: Int64 = 8 * 86_400_000
    static let historyDays = 56

    struct Scope: Sendable {
        var teamIDs: [String]?
        var locationID: String?
        var from: Int64
        var to: Int64
    }

    /// The shifts in scope and the candidates' other shifts, at their versions.
    static func fingerprint(_ scope: Scope, people: [String], _ db: any SQLDatabase) async throws -> (inScope: [ShiftRecord], context: [ShiftRecord]) {
        let filter = ShiftFilter(teamIDs: scope.teamIDs, locationID: scope.locationID)
        let inScope = try await ShiftStore.list(filter, from: scope.from, to: scope.to, limit: maxShifts + 1, db)
        guard inScope.count <= maxShifts else { throw tooLarge("more than \(maxShifts) shifts") }
        guard !people.isEmpty else { return (inScope, []) }
        let known = Set(inScope.map(\.id))
        let context = try await db.raw(ShiftRecord.selectFrom + """
             WHERE s.employee_id IN (\(binds: people)) AND s.start_ms > \(bind: scope.from - contextMs - ShiftStore.maxLengthMs)
               AND s.start_ms < \(bind: scope.to + contextMs) ORDER BY s.start_ms, s.id
            """).all().map(ShiftRecord.init(row:)).filter { !known.contains($0.id) }
        guard inScope.count + context.count <= maxShifts else { throw tooLarge("more than \(maxShifts) shifts with the people's other shifts") }
        return (inScope, context)
    }

    static func tooLarge(_ what: String) -> SimpleAppError {
        SimpleAppError(.unprocessable, code: "plan_too_large", message: "The plan is too large (\(what)); narrow the range or plan one team at a time.")
    }

    static func load(_ scope: Scope, request: OptimizeRequest, database: any Database, directory: any DirectoryRepository,
                     rollups: RollupReader, settings: ScheduleSettings, zone: TimeZone, now: Date) async throws -> OptimizeProblem {
        let people = try await directory.employees(teamIDs: scope.teamIDs.map(Set.init), includeArchived: false, after: nil, limit: maxPeople + 1)
        guard people.count <= maxPeople else { throw tooLarge("more than \(maxPeople) people") }
        let ids = people.map(\.id)
        var zones: [String: TimeZone] = [:]
        for person in people { zones[person.id] = TimeZone(identifier: try await directory.effectiveTimeZone(employeeID: person.id) ?? "") ?? zone }
        typealias Loaded = ([ShiftRecord], [ShiftRecord], [ProfileRecord], [Set<String>], [[(id: String, from: Int64, to: Int64)]])
        let loaded = try await database.withConnection { db -> Loaded in
            let (inScope, context) = try await Self.fingerprint(scope, people: ids, db)
            var profiles: [ProfileRecord] = [], skills: [Set<String>] = [], timeOff: [[(id: String, from: Int64, to: Int64)]] = []
            for id in ids {
                profiles.append(try await ProfileStore.load(id, db))
                skills.append(try await ProfileStore.skillIDs(id, db))
                timeOff.append(try await ProfileStore.approvedTimeOff(id, from: scope.from - contextMs, to: scope.to + contextMs, db))
            }
            return (inScope, context, profiles, skills, timeOff)
        }
        let (inScope, context, profiles, skills, timeOff) = loaded
        let historyEnd = min(now, Date(epochMillis: scope.from)), historyStart = historyEnd.addingTimeInterval(-Double(historyDays) * 86_400)
        let history = try await rollups.weekdayHours(ids, from: historyStart, to: historyEnd, zone: zone)

        let index = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var records: [ShiftRecord] = [], movable: [Int] = []
        for record in inScope {
            let mayChange = record.status == .draft && (request.scope == .drafts || record.employeeId == nil)
            if mayChange { movable.append(records.count); records.append(record) }
            else if let person = record.employeeId, index[person] != nil { records.append(record) }
        }
        for record in context where record.employeeId.flatMap({ index[$0] }) != nil { records.append(record) }
        guard records.count * max(1, ids.count) <= maxCells else { throw tooLarge("\(records.count) shifts × \(ids.count) people") }

        let movableSet = Set(movable)
        let firstDay = records.map { localDay($0.start, $0.zone.flatMap(TimeZone.init(identifier:)) ?? zone) }.min() ?? 0
        let firstMonday = firstDay - (((firstDay + 3) % 7) + 7) % 7
        let shifts = records.enumerated().map { (i, record) -> PlanningProblem.Shift in
            let shiftZone = record.zone.flatMap(TimeZone.init(identifier:)) ?? zone
            var shift = PlanningProblem.Shift(id: record.id, start: record.start * 1000, end: record.end * 1000, requiredSkill: record.skillId ?? "")
            let assignee = record.employeeId.flatMap { index[$0] }
            if movableSet.contains(i) { shift.current = assignee } else { shift.pinned = assignee }
            shift.day = localDay(record.start, shiftZone)
            shift.week = Int((shift.day - firstMonday) / 7)
            shift.paidMinutes = Int64(record.paidMinutes)
            shift.utcOffset = Int64(shiftZone.secondsFromGMT(for: Date(epochMillis: record.start))) * 1_000_000
            shift.inRange = record.start < scope.to && record.end > scope.from
            return shift
        }
        let locationIDs = Array(Set(records.compactMap(\.locationId))).sorted()
        let locationIndex = Dictionary(locationIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var planned = shifts
        for (i, record) in records.enumerated() { planned[i].location = record.locationId.flatMap { locationIndex[$0] } ?? -1 }

        let window = (from: scope.from - contextMs, to: scope.to + contextMs)
        let employees = try people.enumerated().map { (i, person) -> PlanningProblem.Employee in
            let profile = profiles[i], personZone = zones[person.id] ?? zone
            var employee = PlanningProblem.Employee(id: person.id, skills: skills[i].union([""]))
            employee.unavailable = timeOff[i].map { .init(start: $0.from * 1000, end: $0.to * 1000) }
            employee.unavailable += try PersonSpans.dates(profile.unavailableDates, zone: personZone, within: window)
            if let availability = profile.availability {
                employee.unavailable += try PersonSpans.outsideAvailability(availability, zone: personZone, within: window)
            }
            employee.desired = try PersonSpans.dates(profile.desiredDates, zone: personZone, within: window)
            employee.undesired = try PersonSpans.dates(profile.undesiredDates, zone: personZone, within: window)
            employee.maxWeeklyMinutes = profile.maxWeekMinutes.map(Int64.init)
            employee.maxWeeklyShifts = profile.maxWeekShifts
            employee.minimumRestMinutes = profile.minRestMinutes.map(Int64.init)
            // An hour of history at least, or the fit would follow noise.
            if let hours = history[person.id], hours.totalActive >= 3_600 { employee.productiveProfile = hours.productiveShare }
            return employee
        }
        let rules = PlanningProblem.Rules(minimumRestMinutes: Int64(settings.minRestMinutes), onePerDay: request.onePerDay,
                                          allowUnassigned: true, weights: request.weights.planner)
        let versions = Dictionary((inScope + context).map { ($0.id, $0.version) }, uniquingKeysWith: { a, _ in a })
        return OptimizeProblem(problem: PlanningProblem(employees: employees, shifts: planned, rules: rules), records: records,
                               movable: movable, fingerprint: versions)
    }

    static func localDay(_ ms: Int64, _ zone: TimeZone) -> Int64 {
        let local = ms + Int64(zone.secondsFromGMT(for: Date(epochMillis: ms))) * 1000
        return local >= 0 ? local / 86_400_000 : (local - 86_399_999) / 86_400_000
    }
}

/// A person's dates and weekly availability as spans of instants (microseconds), clipped to a window.
enum PersonSpans {
    /// Each local date (`YYYY-MM-DD`) inside the window as its whole day.
    static func dates(_ dates: [String], zone: TimeZone, within window: (from: Int64, to: Int64)) throws -> [PlanningProblem.Interval] {
        let first = ScheduleFormat.date(Date(epochMillis: window.from), zone), last = ScheduleFormat.date(Date(epochMillis: window.to), zone)
        return try dates.filter { $0 >= first && $0 <= last }.compactMap { date in
            guard let day = try LocalPeriod.make(kind: .day, anchor: date, timeZone: zone).days.first else { return nil }
            return .init(start: day.start.epochMillis * 1000, end: day.end.epochMillis * 1000)
        }
    }

    /// The complement of the weekly windows over the window's local days (a window may run past midnight).
    static func outsideAvailability(_ availability: [String: [ScheduleProfile.Window]], zone: TimeZone,
                                    within window: (from: Int64, to: Int64)) throws -> [PlanningProblem.Interval] {
        let first = ScheduleFormat.date(Date(epochMillis: window.from), zone), last = ScheduleFormat.date(Date(epochMillis: window.to), zone)
        let period = try LocalPeriod.make(kind: .custom, anchor: first, through: last, timeZone: zone, maxDays: 400)
        var available: [(Int64, Int64)] = []
        for day in period.days {
            let weekday = Weekday.names[Weekday.index(of: day.start, zone)]
            for w in availability[weekday] ?? [] {
                guard let from = Weekday.minutes(w.from), var to = Weekday.minutes(w.to) else { continue }
                if to <= from { to += 1_440 }
                let start = day.start.epochMillis + Int64(from) * 60_000
                available.append((start, start + Int64(to - from) * 60_000))
            }
        }
        available.sort { $0 < $1 }
        var gaps: [PlanningProblem.Interval] = []
        var cursor = period.start.epochMillis
        for (start, end) in available {
            if start > cursor { gaps.append(.init(start: cursor * 1000, end: start * 1000)) }
            cursor = max(cursor, end)
        }
        if cursor < period.end.epochMillis { gaps.append(.init(start: cursor * 1000, end: period.end.epochMillis * 1000)) }
        return gaps
    }
}

import Activities
import Auth
import Foundation
import TrackerCore
import TrackerStore

/// Builds a team's scheduling insights from its rollups (in the team's zone), its published shifts, demand (its shift
/// templates, or rules given with the request), people's weekly caps and attendance. Managers of the team and
/// admins only; at most 92 days.
public struct InsightsService: Sendable {
    let database: any Database
    let directory: any DirectoryRepository
    let attendance: AttendanceService
    let time: TimeSource
    static let maxDays = 92
    static let maxPeople = 2_000
    static let maxDemandRules = 200

    /// A demand rule given with the request.
    public struct DemandInput: Decodable, Sendable {
        var locationId: String?
        var skillId: String?
        var weekdays: [String]?
        var from: String?
        var to: String?
        var headcount: Int?
    }

    public func report(teamID: String?, from: String?, to: String?, demand: [DemandInput]?, by user: UserIdentity) async throws -> InsightsReport {
        guard let teamID else { throw SimpleAppError.invalid("teamId", "is required") }
        let id = try FieldValidation.id(teamID, field: "teamId")
        guard let team = try await directory.team(id: id) else { throw ScheduleError.unknown(field: "teamId", what: "team") }
        try ScheduleAccess.requirePlanner(of: id, user)
        let rules = try demand.map(Self.rules)
        let zone = try await OptimizeService.zone(team.timeZone, directory)
        let range = try ScheduleRange.parse(from: from, to: to, zone: zone, maxDays: Self.maxDays)
        let period = try range.days(zone, maxDays: Self.maxDays)
        let people = try await directory.employees(teamIDs: [id], includeArchived: false, after: nil, limit: Self.maxPeople + 1)
        guard people.count <= Self.maxPeople else { throw SimpleAppError.invalid("teamId", "more than \(Self.maxPeople) people") }
        let ids = people.map(\.id)
        let rollups = RollupReader(database: database)

        let hours = try await rollups.weekdayHours(ids, from: period.start, to: period.end, zone: zone)
        var teamActive = [Double](repeating: 0, count: 168), teamProductive = teamActive
        for h in hours.values { for i in 0..<168 { teamActive[i] += h.active[i]; teamProductive[i] += h.productive[i] } }
        var teamHours = RollupReader.WeekdayHours()
        (teamHours.active, teamHours.productive) = (teamActive, teamProductive)
        func profile(_ employee: String?, _ h: RollupReader.WeekdayHours) -> InsightsReport.Profile {
            .init(employeeId: employee, activeHours: InsightsMath.grid(h.active.map { $0 / 3600 }), productiveShare: InsightsMath.grid(h.productiveShare))
        }

        let (shifts, templates, profiles) = try await database.withConnection { db in
            let shifts = try await ShiftStore.list(ShiftFilter(teamIDs: [id], publishedOnly: true), from: range.from, to: range.to,
                                                  limit: ScheduleLimits().maxShiftsPerReport, db)
            let templates = rules == nil ? try await TemplateStore.list(teamIDs: [id], includeArchived: false, db) : []
            var profiles: [String: ProfileRecord] = [:]
            for person in ids { profiles[person] = try await ProfileStore.load(person, db) }
            return (shifts, templates, profiles)
        }
        let assigned = shifts.filter { $0.employeeId != nil }
        let demandRules = rules ?? templates.map { t in
            InsightsMath.DemandRule(locationId: t.locationId, skillId: t.skillId,
                                    weekdays: Set(t.weekdays.compactMap { Weekday.names.firstIndex(of: $0) }),
                                    startMinute: Weekday.minutes(t.startTime) ?? 0, durationMinutes: t.durationMinutes, headcount: t.headcount)
        }
        let staffing = InsightsMath.staffing(days: period.days, rules: demandRules,
                                             shifts: assigned.map { .init(locationId: $0.locationId, skillId: $0.skillId, start: $0.start, end: $0.end) },
                                             zone: zone, source: rules == nil ? "templates" : "request")

        let risk = try await overtimeRisk(people: ids, profiles: profiles, shifts: assigned, period: period, zone: zone, rollups: rollups)
        let report = try await attendance.report(from: from, to: to, teamID: id, employeeID: nil, by: user)
        var byPerson: [String: [(weekday: Int, late: Bool, lateMinutes: Int, absent: Bool)]] = [:]
        for s in report.shifts where !s.inProgress {
            byPerson[s.employeeId, default: []].append((Weekday.index(of: s.start, zone), s.statuses.contains(.late), s.lateMinutes,
                                                        s.statuses.contains(.absent)))
        }
        let patterns = byPerson.keys.sorted().map { InsightsMath.pattern(employeeId: $0, shifts: byPerson[$0] ?? []) }

        let lengths = assigned.map { Double($0.end - $0.start) / 3_600_000 }.sorted()
        let length = lengths.isEmpty ? 8 : Int(lengths[lengths.count / 2].rounded())
        return InsightsReport(
            teamId: id, from: period.days.first?.date ?? "", to: period.days.last?.date ?? "", timeZone: zone.identifier,
            team: profile(nil, teamHours), people: ids.sorted().map { profile($0, hours[$0] ?? .init()) }, staffing: staffing,
            overtimeRisk: risk, attendance: patterns, suggestedStarts: InsightsMath.suggestedStarts(productive: teamProductive, length: length)
        )
    }

    /// People with a weekly hour cap whose week — tracked time so far plus shifts not yet started — reaches 90 % of it.
    private func overtimeRisk(people: [String], profiles: [String: ProfileRecord], shifts: [ShiftRecord], period: LocalPeriod, zone: TimeZone,
                              rollups: RollupReader) async throws -> [InsightsReport.OvertimeRisk] {
        let capped = people.filter { profiles[$0]?.maxWeekMinutes != nil }
        guard !capped.isEmpty else { return [] }
        let now = time.now.epochMillis
        // Each day's week: the date of its Monday.
        let mondays = period.days.map { day in
            ScheduleFormat.date(day.start.addingTimeInterval(43_200 - Double(Weekday.index(of: day.start, zone)) * 86_400), zone)
        }
        func week(of instant: Int64) -> String? {
            period.days.firstIndex { $0.start.epochMillis <= instant && instant < $0.end.epochMillis }.map { mondays[$0] }
        }
        struct Load { var tracked = 0.0, scheduled = 0.0, future = 0.0 }
        var loads: [String: [String: Load]] = [:]
        for row in try await rollups.dayRows(.employees(capped), days: period.days, zone: zone) {
            loads[row.employee, default: [:]][mondays[row.day], default: Load()].tracked += (row.totals.active + row.totals.workAway) / 60
        }
        let cappedSet = Set(capped)
        for shift in shifts {
            guard let person = shift.employeeId, cappedSet.contains(person), let w = week(of: shift.start) else { continue }
            loads[person, default: [:]][w, default: Load()].scheduled += Double(shift.paidMinutes)
            if shift.start > now { loads[person, default: [:]][w, default: Load()].future += Double(shift.paidMinutes) }
        }
        var result: [InsightsReport.OvertimeRisk] = []
        for person in capped.sorted() {
            guard let cap = profiles[person]?.maxWeekMinutes, cap > 0 else { continue }
            for (w, load) in (loads[person] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let projected = load.tracked + load.future, share = projected / Double(cap)
                guard share >= 0.9 else { continue }
                func h(_ minutes: Double) -> Double { (minutes / 60 * 100).rounded() / 100 }
                result.append(.init(employeeId: person, week: w, capHours: h(Double(cap)), scheduledHours: h(load.scheduled),
                                    trackedHours: h(load.tracked), projectedHours: h(projected), share: (share * 1000).rounded() / 1000,
                                    over: share > 1))
            }
        }
        return result.sorted { ($0.share, $1.employeeId) > ($1.share, $0.employeeId) }
    }

    static func rules(_ inputs: [DemandInput]) throws -> [InsightsMath.DemandRule] {
        guard inputs.count <= maxDemandRules else { throw SimpleAppError.invalid("demand", "at most \(maxDemandRules) rules") }
        return try inputs.enumerated().map { i, d in
            let field = "demand[\(i)]"
            let weekdays = try (d.weekdays ?? Weekday.names).map { name -> Int in
                guard let index = Weekday.names.firstIndex(of: name) else { throw SimpleAppError.invalid("\(field).weekdays", "mon … sun") }
                return index
            }
            guard let from = d.from.flatMap(Weekday.minutes), from < 1_440 else { throw SimpleAppError.invalid("\(field).from", "must be HH:MM") }
            guard var to = d.to.flatMap(Weekday.minutes) else { throw SimpleAppError.invalid("\(field).to", "must be HH:MM (24:00 allowed)") }
            if to <= from { to += 1_440 }
            guard let headcount = d.headcount, (1...1_000).contains(headcount) else { throw SimpleAppError.invalid("\(field).headcount", "must be 1 to 1000") }
            return .init(locationId: try d.locationId.map { try FieldValidation.id($0, field: "\(field).locationId") },
                         skillId: try d.skillId.map { try FieldValidation.id($0, field: "\(field).skillId") },
                         weekdays: Set(weekdays), startMinute: from, durationMinutes: to - from, headcount: headcount)
        }
    }
}

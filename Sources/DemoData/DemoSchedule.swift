import Auth
import Foundation
import Schedules
import TrackerCore

/// The demo organisation's schedule: an office per team (in the team's zone), a skill per team kind, and published
/// weekday shifts from `days` back to a week ahead that people mostly follow — a shift starts a quarter of an hour
/// after the person usually arrives (rounded up to the quarter) and ends about when they usually leave, so they are
/// nearly always on time and their day-to-day variation makes some leave early and some stay on; late starters are put
/// on the team's 09:00 shift (and are late); sick days are absences; weekend workers' Saturdays are unscheduled work. Each team also has open weekend shifts in the week ahead to claim.
struct DemoSchedule {
    let plan: DemoPlan
    let schedules: ScheduleModule
    let admin: UserIdentity

    /// Days ahead the schedule is published.
    static let daysAhead = 7

    func write(people: [DemoGenerator.Enrolled], teamIDs: [String], until: Date) async throws -> Int {
        var locations: [String] = [], skills: [String: String] = [:]
        for (index, team) in plan.teams.enumerated() {
            let input = try JSONDecoder().decode(CatalogService.LocationInput.self, from: JSONSerialization.data(withJSONObject: [
                "name": "\(team.name) office", "timeZone": team.kind.zone, "address": "\(index + 1) Demo Street",
            ]))
            locations.append(try await schedules.catalog.createLocation(input).id)
            if skills[team.kind.name] == nil {
                skills[team.kind.name] = try await schedules.catalog.createSkill(name: "\(team.kind.name) desk").id
            }
        }
        var items: [ShiftImport.Item] = []
        for person in people {
            let team = plan.teams[person.plan.team]
            guard let skill = skills[team.kind.name] else { continue }
            _ = try await schedules.catalog.setSkills(employeeID: person.employeeID, skillIDs: [skill], by: admin)
            items += shifts(person.plan, employeeID: person.employeeID, teamID: teamIDs[person.plan.team],
                            location: locations[person.plan.team], skill: skill, until: until)
        }
        for (index, team) in plan.teams.enumerated() {
            // Open shifts on the weekend days ahead, for people to claim: on weekdays everyone already works (a claim
            // that overlaps one's own shift is refused).
            let zone = TimeZone(identifier: team.kind.zone) ?? .gmt
            for date in Self.dates(from: 1, through: Self.daysAhead, until: until, zone: zone) where !Self.isWeekday(date, zone) {
                guard let start = Self.instant(date, minutes: 10 * 60, zone), let skill = skills[team.kind.name] else { continue }
                items.append(.init(teamId: teamIDs[index], locationId: locations[index], employeeId: nil, start: start,
                                   end: start.addingTimeInterval(5 * 3600), skillId: skill, breakMinutes: 0, published: true, source: "local", externalId: nil))
            }
        }
        return try await schedules.imports.write(items)
    }

    /// A person's weekday shifts from `days` back to a week ahead, in their own time zone.
    func shifts(_ person: DemoPlan.Person, employeeID: String, teamID: String, location: String, skill: String, until: Date) -> [ShiftImport.Item] {
        let persona = person.persona
        guard let zone = TimeZone(identifier: persona.timeZone) else { return [] }
        let startMinute = persona.lateStarter ? 9 * 60 : Int((persona.startMinute / 15).rounded(.up)) * 15 + 15
        let length = min(Int((persona.dayMinutes / 15).rounded()) * 15 - 30, 10 * 60)
        return Self.dates(from: -(plan.options.days - 1), through: Self.daysAhead, until: until, zone: zone)
            .filter { Self.isWeekday($0, zone) }
            .compactMap { date in
                guard let start = Self.instant(date, minutes: startMinute, zone) else { return nil }
                return .init(teamId: teamID, locationId: location, employeeId: employeeID, start: start, end: start.addingTimeInterval(Double(length) * 60),
                             skillId: skill, breakMinutes: 30, published: true, source: "local", externalId: nil)
            }
    }

    static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = zone
        return calendar
    }

    /// Local midnights from `from` to `through` days after `until`'s local day.
    static func dates(from: Int, through: Int, until: Date, zone: TimeZone) -> [Date] {
        let calendar = calendar(zone)
        let today = calendar.startOfDay(for: until)
        return (from...through).compactMap { calendar.date(byAdding: .day, value: $0, to: today) }
    }

    static func isWeekday(_ midnight: Date, _ zone: TimeZone) -> Bool {
        let weekday = calendar(zone).component(.weekday, from: midnight)
        return weekday != 1 && weekday != 7
    }

    static func instant(_ midnight: Date, minutes: Int, _ zone: TimeZone) -> Date? {
        calendar(zone).date(byAdding: .minute, value: minutes, to: midnight)
    }
}

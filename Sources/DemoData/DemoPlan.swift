import Foundation
import TrackerCore

/// Everything about a demo organisation that follows from the options alone — teams, people, personas, and each
/// person's days — so tests can recompute what the generator must have stored.
public struct DemoPlan: Sendable {
    struct Team: Sendable {
        var name: String
        var kind: DemoCatalog.TeamKind
    }

    struct Person: Sendable {
        var index: Int
        var team: Int
        var name: String
        var email: String
        var role: Role
        var persona: DemoPersona
    }

    struct PlannedDay: Sendable {
        var date: String
        /// Days since 1970 of the local date (keeps event ids ascending per device).
        var number: UInt64
        var day: DemoDay
    }

    let options: DemoGenerator.Options
    let teams: [Team]
    let people: [Person]

    /// Every demo person's name and email, in order (the fake Connecteam gives them Connecteam accounts).
    public var roster: [(name: String, email: String)] { people.map { ($0.name, $0.email) } }

    /// The sign-in of a team's manager (the team's first member).
    static func managerEmail(team name: String) -> String {
        "manager.\(name.lowercased().replacingOccurrences(of: " ", with: ""))@demo.example"
    }

    /// Teams of about 20 (at least three), the first member of each its manager.
    public init(_ options: DemoGenerator.Options) {
        self.options = options
        let teamCount = max(min(3, options.employees), Int((Double(options.employees) / 20).rounded(.up)))
        var random = SeededRandom(seed: options.seed, stream: 0)
        var teams: [Team] = [], people: [Person] = []
        for teamIndex in 0..<teamCount {
            let kind = DemoCatalog.kinds[teamIndex % DemoCatalog.kinds.count]
            let round = teamIndex / DemoCatalog.kinds.count
            let name = round == 0 ? kind.name : "\(kind.name) \(round + 1)"
            teams.append(Team(name: name, kind: kind))
            let size = options.employees / teamCount + (teamIndex < options.employees % teamCount ? 1 : 0)
            for member in 0..<size {
                let first = random.pick(DemoCatalog.firstNames), last = random.pick(DemoCatalog.lastNames)
                let index = people.count
                let manager = member == 0
                let email = manager ? Self.managerEmail(team: name)
                                    : "\(first.lowercased()).\(index + 1)@demo.example"
                people.append(Person(
                    index: index, team: teamIndex, name: "\(first) \(last)", email: email, role: manager ? .manager : .employee,
                    persona: DemoPersona.draw(kind: kind, remote: random.chance(0.05), random: &random)
                ))
            }
        }
        self.teams = teams
        self.people = people
    }

    /// The person's last `options.days` local days, oldest first, each cut at `until`.
    func days(of person: Person, until: Date) -> [PlannedDay] {
        guard let zone = TimeZone(identifier: person.persona.timeZone) else { return [] }
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = zone
        let today = calendar.startOfDay(for: until)
        return stride(from: options.days - 1, through: 0, by: -1).compactMap { back in
            guard let midnight = calendar.date(byAdding: .day, value: -back, to: today) else { return nil }
            let c = calendar.dateComponents([.year, .month, .day], from: midnight)
            let date = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
            let number = UInt64(max(0, Int((midnight.timeIntervalSince1970 / 86_400).rounded(.down)) + 1))
            var random = SeededRandom(seed: options.seed, stream: UInt64(person.index + 1), number)
            return PlannedDay(date: date, number: number, day: DemoDayPlanner.plan(person.persona, date: date, until: until, random: &random))
        }
    }

    /// Events and idle periods the whole organisation reports up to `until` (what the generator must store).
    public func expectedCounts(until: Date) -> (events: Int, idlePeriods: Int) {
        people.reduce(into: (0, 0)) { total, person in
            for planned in days(of: person, until: until) {
                total.0 += planned.day.events.count
                total.1 += planned.day.idle.count
            }
        }
    }

    /// Deterministic ids, ascending per device (day, then sequence): appends to the device's part of the index.
    static func id(day: UInt64, sequence: Int, kind: Int, person: Int) -> String {
        String(format: "%08llx-%04x-4000-%04x-%012llx", day, sequence, 0x8000 + kind, UInt64(person))
    }
}

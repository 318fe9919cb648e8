import Foundation
import Testing
@testable import DemoData

@Suite("Demo day planner")
struct DemoDayPlannerTests {
    static let until = Date(timeIntervalSince1970: 1_795_000_000)   // 2026-11-18, a Wednesday

    @Test("same seed, same organisation and days; another seed differs")
    func deterministic() {
        let a = DemoPlan(.init(employees: 30, days: 5, seed: 7)), b = DemoPlan(.init(employees: 30, days: 5, seed: 7))
        let c = DemoPlan(.init(employees: 30, days: 5, seed: 8))
        #expect(a.people.map(\.email) == b.people.map(\.email))
        for person in a.people.prefix(5) {
            let mine = a.days(of: person, until: Self.until).map(\.day.events)
            let theirs = b.days(of: b.people[person.index], until: Self.until).map(\.day.events)
            #expect(mine == theirs)
        }
        #expect(a.expectedCounts(until: Self.until) == b.expectedCounts(until: Self.until))
        #expect(a.expectedCounts(until: Self.until) != c.expectedCounts(until: Self.until))
    }

    @Test("organisation shape: teams of about 20 with a manager first, unique emails")
    func shape() {
        for (employees, teams) in [(1, 1), (2, 2), (25, 3), (100, 5), (1_000, 50)] {
            let plan = DemoPlan(.init(employees: employees, days: 1))
            #expect(plan.people.count == employees && plan.teams.count == teams)
            #expect(Set(plan.people.map(\.email)).count == employees)
            for team in 0..<plan.teams.count {
                let members = plan.people.filter { $0.team == team }
                #expect(members.first?.role == .manager && members.dropFirst().allSatisfy { $0.role == .employee })
            }
        }
    }

    @Test("days look like work: ordered events, lunch and breaks as idle gaps, weekends off, nothing after now")
    func realism() throws {
        let plan = DemoPlan(.init(employees: 120, days: 21, seed: 3))
        var workdayEvents: [Int] = [], lateStarts: [Double] = [], usualStarts: [Double] = []
        var weekendDays = 0, weekendWorked = 0
        for person in plan.people {
            let zone = try #require(TimeZone(identifier: person.persona.timeZone))
            var calendar = Calendar(identifier: .iso8601)
            calendar.timeZone = zone
            for planned in plan.days(of: person, until: Self.until) {
                let day = planned.day
                let midnight = try #require(DemoDayPlanner.localMidnight(planned.date, zone))
                let weekday = calendar.component(.weekday, from: midnight)
                // Intervals never overlap: events follow each other, idle periods fall between them.
                let intervals = (day.events.map { ($0.start, $0.start.addingTimeInterval($0.seconds)) } + day.idle.map { ($0.start, $0.end) })
                    .sorted { $0.0 < $1.0 }
                for (a, b) in zip(intervals, intervals.dropFirst()) { #expect(a.1 <= b.0.addingTimeInterval(0.001)) }
                #expect(day.events.allSatisfy { $0.seconds > 0 && $0.start >= midnight && $0.start < midnight.addingTimeInterval(86_400) })
                #expect(intervals.allSatisfy { $0.1 <= Self.until })
                if weekday == 1 { #expect(day.events.isEmpty) }
                if weekday == 7 {
                    weekendDays += 1
                    if !day.events.isEmpty { weekendWorked += 1; #expect(person.persona.worksWeekends) }
                }
                guard (2...6).contains(weekday), let first = day.events.first, midnight.addingTimeInterval(86_400) <= Self.until else { continue }
                workdayEvents.append(day.events.count)
                let start = first.start.timeIntervalSince(midnight) / 60
                if person.persona.lateStarter { lateStarts.append(start) } else { usualStarts.append(start) }
                // A lunch break: an idle period of 25+ minutes in the middle of the day.
                let lastEnd = day.events.last!.start.addingTimeInterval(day.events.last!.seconds)
                if lastEnd.timeIntervalSince(first.start) > 5 * 3600 {
                    #expect(day.idle.contains { idle in
                        let at = idle.start.timeIntervalSince(midnight) / 3600
                        return at > 11 && at < 15.5 && idle.end.timeIntervalSince(idle.start) >= 25 * 60
                    })
                }
            }
        }
        let mean = Double(workdayEvents.reduce(0, +)) / Double(workdayEvents.count)
        #expect((380...560).contains(mean), "events per workday \(mean)")
        let lateMean: Double = lateStarts.reduce(0, +) / Double(lateStarts.count)
        let usualMean: Double = usualStarts.reduce(0, +) / Double(usualStarts.count)
        #expect(lateMean > usualMean + 90, "late starters begin at \(lateMean) min, others at \(usualMean)")
        #expect(weekendWorked > 0 && weekendWorked < weekendDays / 5)
    }

    @Test("today is cut at the present")
    func cutAtNow() throws {
        let plan = DemoPlan(.init(employees: 40, days: 1, seed: 5))
        // 12:00 in Berlin on a Wednesday: Engineering is mid-morning, nobody has anything after noon.
        let noon = try #require(ISO8601DateFormatter().date(from: "2026-11-18T11:00:00Z"))
        let berlin = plan.people.filter { $0.persona.timeZone == "Europe/Berlin" }
        #expect(!berlin.isEmpty)
        for person in berlin {
            let day = try #require(plan.days(of: person, until: noon).first).day
            #expect(day.events.allSatisfy { $0.start.addingTimeInterval($0.seconds) <= noon })
            #expect(day.idle.allSatisfy { $0.end <= noon })
        }
        #expect(berlin.contains { person in plan.days(of: person, until: noon).first?.day.events.isEmpty == false })
    }
}

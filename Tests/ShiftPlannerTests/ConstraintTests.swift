import Testing
@testable import ShiftPlanner

/// Each of the quickstart's constraints on hand-built instances, scored by the definitions (`PlanExplanation`) and by
/// the search's tables (`ScoreState`), which must agree.
@Suite("Shift planner constraints")
struct ConstraintTests {
    static let day0: Int64 = 20_514   // 2026-03-02
    static func at(_ day: Int64, _ hour: Int64, _ minute: Int64 = 0) -> Int64 { (day0 + day) * Time.day + hour * 60 * Time.minute + minute * Time.minute }
    static func shift(_ id: String, _ startDay: Int64, _ startHour: Int64, hours: Int64, skill: String = "Nurse") -> PlanningProblem.Shift {
        let start = at(startDay, startHour)
        return .init(id: id, start: start, end: start + hours * 60 * Time.minute, requiredSkill: skill)
    }

    /// Scores `assignment` both ways; they must agree.
    static func scored(_ problem: PlanningProblem, _ assignment: [Int]) -> PlanExplanation {
        let explained = PlanExplanation(problem, assignment: assignment)
        let state = ScoreState(tables: ConstraintTables(problem), assignment: assignment.map(Int32.init))
        #expect(state.score == explained.score, "tables \(state.score) vs definitions \(explained.score)")
        return explained
    }

    static let ann = PlanningProblem.Employee(id: "Ann", skills: ["Nurse"])
    static let bob = PlanningProblem.Employee(id: "Bob", skills: ["Doctor"])

    @Test("a missing skill costs 1 hard point per shift")
    func skill() {
        let p = PlanningProblem(employees: [Self.ann, Self.bob], shifts: [Self.shift("a", 0, 6, hours: 8), Self.shift("b", 1, 6, hours: 8)])
        #expect(Self.scored(p, [1, 1]).requiredSkill == 2)
        #expect(Self.scored(p, [0, 0]).hard == 0)
    }

    @Test("overlap costs its minutes; two starts on one day cost 1")
    func overlap() {
        let p = PlanningProblem(employees: [Self.ann], shifts: [Self.shift("a", 0, 6, hours: 8), Self.shift("b", 0, 12, hours: 8)])
        let e = Self.scored(p, [0, 0])
        #expect(e.overlapMinutes == 120 && e.oneShiftPerDay == 1 && e.restMinutes == 0 && e.hard == -121)
    }

    @Test("rest under 10 hours costs the missing minutes for every ordered pair, not only neighbours", arguments: [
        (gapHours: Int64(10), expected: Int64(0)), (gapHours: 9, expected: 60), (gapHours: 0, expected: 600),
    ])
    func rest(gapHours: Int64, expected: Int64) {
        // 06–14 on day 0, then the next shift gapHours after 14:00.
        let first = Self.shift("a", 0, 6, hours: 8)
        let next = PlanningProblem.Shift(id: "b", start: first.end + gapHours * 60 * Time.minute, end: first.end + (gapHours + 4) * 60 * Time.minute,
                                         requiredSkill: "Nurse")
        let p = PlanningProblem(employees: [Self.ann], shifts: [first, next])
        let e = Self.scored(p, [0, 0])
        #expect(e.restMinutes == expected, "\(e)")
        // Three shifts: 06–08, 10–12, 14–16 on one day pair up three times (rest 480 + 480 + 240, one day 3 pairs).
        let three = PlanningProblem(employees: [Self.ann], shifts: [Self.shift("x", 0, 6, hours: 2), Self.shift("y", 0, 10, hours: 2), Self.shift("z", 0, 14, hours: 2)])
        let t = Self.scored(three, [0, 0, 0])
        #expect(t.restMinutes == 480 + 480 + 240 && t.oneShiftPerDay == 3)
    }

    @Test("day minutes: a 22:00–06:00 night counts 119 on its first day and 360 on the next")
    func dayMinutes() {
        var ann = Self.ann
        ann.unavailableDays = [Self.day0]
        ann.desiredDays = [Self.day0 + 1]
        var bob = PlanningProblem.Employee(id: "Bob", skills: ["Nurse"])
        bob.undesiredDays = [Self.day0, Self.day0 + 1]
        let p = PlanningProblem(employees: [ann, bob], shifts: [Self.shift("n", 0, 22, hours: 8)])
        let a = Self.scored(p, [0])
        #expect(a.unavailableMinutes == 119 && a.desiredMinutes == 360 && a.hard == -119)
        #expect(Self.scored(p, [1]).undesiredMinutes == 479)
    }

    @Test("load balance: loads 5, 1, 1 are 3.26599 as Timefold writes it; equal loads are 0")
    func balance() {
        #expect(LoadBalance.scoreText(hard: 0, softMinutes: 0, unfairness: LoadBalance.unfairness(sum: 7, squares: 27, employees: 3)) == "0hard/-3.26599soft")
        #expect(LoadBalance.unfairness(sum: 6, squares: 12, employees: 3) == 0)
        #expect(LoadBalance.scoreText(hard: -1, softMinutes: 5640, unfairness: 1.5491933384829668) == "-1hard/5638.45081soft")
        #expect(LoadBalance.scoreText(hard: 0, softMinutes: 17016, unfairness: 10.40769) == "0hard/17005.5923soft")
    }
}

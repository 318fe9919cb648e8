import Testing
import TrackerCore
@testable import ShiftPlanner

/// The product's planner: time off and availability as spans, weekly caps, each person's rest, local days, locations,
/// productive hours, the current draft, and shifts left open with a reason instead of a broken hard rule.
@Suite("Shift planner, product rules")
struct ProductModeTests {
    static let hour = Time.hour
    static func at(_ day: Int64, _ hour: Int64) -> Int64 { ConstraintTests.at(day, hour) }

    static func shift(_ id: String, day: Int64, hour: Int64, hours: Int64, skill: String = "Nurse", week: Int = 0, location: Int = -1) -> PlanningProblem.Shift {
        var s = PlanningProblem.Shift(id: id, start: at(day, hour), end: at(day, hour) + hours * Self.hour, requiredSkill: skill)
        s.week = week
        s.location = location
        return s
    }

    /// Every product rule at once, at random (several zones' local days, caps tight enough to bind).
    static func instance(seed: UInt64, employees: Int = 8, days: Int = 14) -> PlanningProblem {
        var random = SeededRandom(seed: seed)
        let skills = ["Nurse", "Doctor", "Porter"]
        var shifts: [PlanningProblem.Shift] = []
        for d in 0..<days {
            for _ in 0..<(2 + random.below(3)) {
                var s = shift(String(shifts.count), day: Int64(d), hour: Int64(random.below(24)), hours: Int64(4 + random.below(7)),
                              skill: skills[random.below(3)], week: d / 7, location: random.below(4) - 1)
                s.utcOffset = Int64(random.below(5) - 2) * Self.hour
                s.day = Time.day(s.start + s.utcOffset)
                s.paidMinutes = Time.minutes(s.end - s.start) - Int64(random.below(2)) * 30
                if random.below(3) == 0 { s.current = random.below(employees) }
                shifts.append(s)
            }
        }
        let people = (0..<employees).map { i -> PlanningProblem.Employee in
            var e = PlanningProblem.Employee(id: "E\(i)", skills: [skills[random.below(3)], skills[random.below(3)]])
            let spanStart = at(Int64(random.below(days)), Int64(random.below(24)))
            e.unavailable = [.init(start: spanStart, end: spanStart + Int64(1 + random.below(30)) * Self.hour)]
            let wish = at(Int64(random.below(days)), 0)
            if random.below(2) == 0 { e.desired = [.init(start: wish, end: wish + Time.day)] } else { e.undesired = [.init(start: wish, end: wish + Time.day)] }
            if random.below(2) == 0 { e.maxWeeklyMinutes = Int64(8 + random.below(24)) * 60 }
            if random.below(2) == 0 { e.maxWeeklyShifts = 1 + random.below(4) }
            if random.below(2) == 0 { e.minimumRestMinutes = Int64(random.below(16)) * 60 }
            if random.below(3) > 0 { e.productiveProfile = (0..<168).map { _ in Double(random.below(101)) / 100 } }
            return e
        }
        let weights = PlanningProblem.Weights(desired: 2, undesired: 3, balance: 5, productive: 1, locationChange: 4, stability: 2)
        return PlanningProblem(employees: people, shifts: shifts,
                               rules: .init(minimumRestMinutes: 480, onePerDay: random.below(2) == 0, allowUnassigned: true, weights: weights))
    }

    @Test("after 20,000 random moves (open included) the kept score equals a full re-scoring", arguments: [UInt64(1), 2, 3, 4])
    func incremental(seed: UInt64) async {
        #expect(await offPool { SearchTests.checkIncremental(Self.instance(seed: seed), seed: seed, open: true) } == [])
    }

    @Test("the solved plan breaks no hard rule, and every open shift is blocked for every employee")
    func solvedIsFeasible() async {
        for seed in UInt64(1)...4 {
            let problem = Self.instance(seed: seed)
            let result = await solved(problem, options: .init(seed: seed, steps: 40_000, threads: 2))
            let explained = PlanExplanation(problem, assignment: result.assignment)
            #expect(explained.hard == 0 && result.score == explained.score, "seed \(seed): \(result.score)")
            for open in explained.open {
                #expect(open.blockedBy.values.map(\.count).reduce(0, +) == problem.employees.count, "shift \(open.shift): \(open.blockedBy)")
            }
        }
    }

    @Test("an infeasible team leaves the right shifts open with the right reasons")
    func infeasible() async {
        var ann = PlanningProblem.Employee(id: "Ann", skills: ["Nurse"])
        ann.maxWeeklyMinutes = 16 * 60
        var bob = PlanningProblem.Employee(id: "Bob", skills: ["Nurse"])
        bob.unavailable = [.init(start: Self.at(0, 0), end: Self.at(7, 0))]
        let shifts = [
            Self.shift("mon", day: 0, hour: 8, hours: 8), Self.shift("tue", day: 1, hour: 8, hours: 8),
            Self.shift("wed", day: 2, hour: 8, hours: 8), Self.shift("doc", day: 3, hour: 8, hours: 8, skill: "Doctor"),
        ]
        let problem = PlanningProblem(employees: [ann, bob], shifts: shifts, rules: .init(allowUnassigned: true))
        let result = await solved(problem, options: .init(seed: 1, steps: 5_000, threads: 1))
        let explained = PlanExplanation(problem, assignment: result.assignment)
        #expect(result.score.hard == 0 && result.score.medium == -2)
        #expect(result.assignment[3] == -1)
        #expect(result.assignment.filter { $0 == 0 }.count == 2)
        let reasons = Dictionary(explained.open.map { (problem.shifts[$0.shift].id, $0.blockedBy) }, uniquingKeysWith: { a, _ in a })
        #expect(reasons["doc"] == [.skill: [0, 1]])
        let nurseOpen = explained.open.first { $0.shift != 3 }
        #expect(nurseOpen?.blockedBy == [.weeklyHours: [0], .unavailable: [1]])
    }

    @Test("pinned shifts never move; re-planning keeps the current draft when nothing is gained")
    func pinnedAndStable() async {
        let problem0 = Self.instance(seed: 9)
        var problem = problem0
        for s in problem.shifts.indices where s % 5 == 0 { problem.shifts[s].pinned = s % problem.employees.count }
        let result = await solved(problem, options: .init(seed: 2, steps: 30_000, threads: 2))
        for s in problem.shifts.indices where s % 5 == 0 { #expect(result.assignment[s] == s % problem.employees.count) }

        // Two interchangeable people, the draft gives a to Bob and b to Ann: with stability the plan stays.
        let ann = PlanningProblem.Employee(id: "Ann", skills: ["Nurse"]), bob = PlanningProblem.Employee(id: "Bob", skills: ["Nurse"])
        var a = Self.shift("a", day: 0, hour: 8, hours: 8), b = Self.shift("b", day: 1, hour: 8, hours: 8)
        a.current = 1
        b.current = 0
        let replan = PlanningProblem(employees: [ann, bob], shifts: [a, b],
                                     rules: .init(allowUnassigned: true, weights: .init(stability: 1)))
        for seed in UInt64(0)..<5 {
            #expect(await solved(replan, options: .init(seed: seed, steps: 2_000, threads: 1)).assignment == [1, 0])
        }
    }

    @Test("productive hours: the morning shift goes to the morning person; a location change costs 60 × weight")
    func productiveAndLocations() async {
        var lark = PlanningProblem.Employee(id: "Lark", skills: ["Nurse"]), owl = PlanningProblem.Employee(id: "Owl", skills: ["Nurse"])
        lark.productiveProfile = (0..<168).map { $0 % 24 < 12 ? 1 : 0 }
        owl.productiveProfile = (0..<168).map { $0 % 24 >= 12 ? 0.5 : 0 }
        let morning = Self.shift("m", day: 0, hour: 6, hours: 4), evening = Self.shift("e", day: 0, hour: 16, hours: 4)
        let problem = PlanningProblem(employees: [lark, owl], shifts: [morning, evening],
                                      rules: .init(allowUnassigned: true, weights: .init(balance: 0, productive: 1)))
        let result = await solved(problem, options: .init(seed: 0, steps: 2_000, threads: 1))
        #expect(result.assignment == [0, 1])
        #expect(PlanExplanation(problem, assignment: result.assignment).productiveMinutes == 240 + 120)

        let moving = PlanningProblem(employees: [lark], shifts: [Self.shift("x", day: 0, hour: 8, hours: 4, location: 0),
                                                               Self.shift("y", day: 2, hour: 8, hours: 4, location: 1),
                                                               Self.shift("z", day: 3, hour: 8, hours: 4, location: 1)],
                                     rules: .init(allowUnassigned: true, weights: .init(desired: 0, undesired: 0, balance: 0, locationChange: 3)))
        let both = PlanExplanation(moving, assignment: [0, 0, 0])
        #expect(both.locationChanges == 1 && both.soft == -180)
        #expect(ScoreState(tables: ConstraintTables(moving), assignment: [0, 0, 0]).score == both.score)
    }
}

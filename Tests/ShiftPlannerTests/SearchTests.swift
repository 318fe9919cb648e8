import Testing
import TrackerCore
@testable import ShiftPlanner

/// The search: incremental scores equal full re-scoring after random moves (the classic incremental-score bug),
/// the same seed gives the same plan, pinned shifts stay, and the planner beats its own construction.
@Suite("Shift planner search")
struct SearchTests {
    /// A random instance in the quickstart's shape: 8-hour shifts at 06/14/22 (some 09) over `days`, skills and day
    /// preferences.
    static func instance(employees: Int, days: Int, seed: UInt64) -> PlanningProblem {
        var random = SeededRandom(seed: seed)
        let skills = ["Doctor", "Nurse", "Anaesthetics", "Cardiology"]
        let people = (0..<employees).map { i -> PlanningProblem.Employee in
            var e = PlanningProblem.Employee(id: "E\(i)", skills: [skills[random.below(2)], skills[2 + random.below(2)]])
            for _ in 0..<2 {
                let d = ConstraintTests.day0 + Int64(random.below(days))
                switch random.below(3) {
                case 0: e.unavailableDays.insert(d)
                case 1: e.undesiredDays.insert(d)
                default: e.desiredDays.insert(d)
                }
            }
            return e
        }
        var shifts: [PlanningProblem.Shift] = []
        for d in 0..<days {
            for hour in [6, 9, 14, 22] where hour != 9 || random.below(3) == 0 {
                shifts.append(ConstraintTests.shift(String(shifts.count), Int64(d), Int64(hour), hours: 8, skill: skills[random.below(4)]))
            }
        }
        return PlanningProblem(employees: people, shifts: shifts)
    }

    @Test("after 20,000 random moves and swaps the kept score equals a full re-scoring", arguments: [UInt64(1), 2, 3])
    func incremental(seed: UInt64) async {
        #expect(await offPool { Self.checkIncremental(Self.instance(employees: 9, days: 10, seed: seed), seed: seed, open: false) } == [])
    }

    /// 20,000 random changes and swaps (to "open" too when `open`), the kept score compared with a full re-scoring
    /// every few hundred moves and at the end; the disagreements.
    static func checkIncremental(_ problem: PlanningProblem, seed: UInt64, open: Bool) -> [String] {
        var mismatches: [String] = []
        var state = ScoreState(tables: ConstraintTables(problem))
        var random = SeededRandom(seed: seed &+ 100)
        let offset = open ? 1 : 0, choices = problem.employees.count + offset
        for s in problem.shifts.indices { state.move(s, to: random.below(choices) - offset) }
        for step in 0..<20_000 {
            let s = random.below(problem.shifts.count)
            if step % 2 == 0 {
                state.move(s, to: random.below(choices) - offset)
            } else {
                let other = random.below(problem.shifts.count), a = Int(state.assignment[s]), b = Int(state.assignment[other])
                state.move(s, to: b)
                state.move(other, to: a)
            }
            if step % 499 == 0 || step == 19_999 {
                let full = PlanExplanation(problem, assignment: state.assignment.map(Int.init))
                if state.score != full.score { mismatches.append("step \(step): \(state.score) vs \(full.score)") }
            }
        }
        return mismatches
    }

    @Test("the same seed and step budget give the same plan; another seed searches differently")
    func deterministic() async {
        let problem = Self.instance(employees: 12, days: 14, seed: 7)
        let options = Solver.Options(seed: 42, steps: 50_000, threads: 2)
        let first = await solved(problem, options: options), second = await solved(problem, options: options)
        #expect(first.assignment == second.assignment && first.score == second.score)
        #expect(first.score == PlanExplanation(problem, assignment: first.assignment).score)
        #expect(first.steps == 100_000)
    }

    @Test("pinned shifts keep their employee even when that breaks a constraint")
    func pinned() async {
        var problem = Self.instance(employees: 6, days: 7, seed: 11)
        // Pin the first shift to someone without its skill.
        let skill = problem.shifts[0].requiredSkill
        let unqualified = problem.employees.firstIndex { !$0.skills.contains(skill) } ?? 0
        problem.employees[unqualified].skills.remove(skill)
        problem.shifts[0].pinned = unqualified
        let result = await solved(problem, options: .init(seed: 1, steps: 30_000, threads: 1))
        #expect(result.assignment[0] == unqualified)
        #expect(PlanExplanation(problem, assignment: result.assignment).requiredSkill >= 1)
    }

    @Test("the search keeps every hard constraint it can and improves on its construction")
    func improves() async {
        let problem = Self.instance(employees: 15, days: 14, seed: 5)
        let tables = ConstraintTables(problem)
        let constructed = Solver.construct(problem, tables).score
        let result = await solved(problem, options: .init(seed: 3, steps: 200_000, threads: 2))
        #expect(result.score >= constructed)
        #expect(result.score.hard == 0, "\(result.score)")
        #expect(result.improvements.first.map { $0.score <= result.score } == true && result.improvements.last?.score == result.score)
    }
}

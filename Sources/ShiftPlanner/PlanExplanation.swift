/// A plan scored from the constraint definitions directly (every pair of one employee's shifts, every week and
/// location), not from the search's tables: the totals a result explains itself with — per constraint, per person,
/// and for each open shift why nobody could take it — and the reference the incremental score is tested against.
public struct PlanExplanation: Sendable, Equatable {
    /// Why one employee cannot take an open shift (the first rule it would break, in this order).
    public enum Blocker: String, Sendable, CaseIterable {
        case skill, unavailable, overlap, onePerDay = "one_per_day", rest, weeklyHours = "weekly_hours", weeklyShifts = "weekly_shifts"
    }

    public struct Person: Sendable, Equatable {
        public var shifts = 0
        public var paidMinutes: Int64 = 0
        public var desiredMinutes: Int64 = 0
        public var undesiredMinutes: Int64 = 0
        public var productiveMinutes: Int64 = 0
        /// Paid minutes per planning week.
        public var weekMinutes: [Int64] = []
    }

    public struct OpenShift: Sendable, Equatable {
        public var shift: Int
        /// Employee indices by the rule that blocks them (employees blocked by nothing are under no key: the search
        /// stopped before it could place them).
        public var blockedBy: [Blocker: [Int]]
    }

    public var requiredSkill: Int64 = 0
    public var overlapMinutes: Int64 = 0
    public var restMinutes: Int64 = 0
    public var oneShiftPerDay: Int64 = 0
    public var unavailableMinutes: Int64 = 0
    public var weeklyMinutesOver: Int64 = 0
    public var weeklyShiftsOver: Int64 = 0
    public var undesiredMinutes: Int64 = 0
    public var desiredMinutes: Int64 = 0
    public var productiveMinutes: Int64 = 0
    public var changedMinutes: Int64 = 0
    public var changedShifts = 0
    public var locationChanges: Int64 = 0
    public var unfairness: Double = 0
    public var weights: PlanningProblem.Weights
    /// Shifts per employee, by index.
    public var shiftsPerEmployee: [Int] = []
    public var people: [Person] = []
    /// Shifts without an employee (index -1).
    public var unassigned = 0
    public var open: [OpenShift] = []

    public var hard: Int64 {
        -(requiredSkill + overlapMinutes + restMinutes + oneShiftPerDay + unavailableMinutes + weeklyMinutesOver + 60 * weeklyShiftsOver)
    }
    public var soft: Double {
        let w = weights
        let points = w.desired * desiredMinutes - w.undesired * undesiredMinutes + w.productive * productiveMinutes
            - w.stability * changedMinutes - 60 * w.locationChange * locationChanges
        return Double(points) - Double(w.balance) * unfairness
    }
    public var score: PlanScore { PlanScore(hard: hard, medium: -Int64(unassigned), soft: soft) }
    /// As Timefold writes it: "-1hard/5638.45081soft" (the quickstart's weights).
    public var scoreText: String { LoadBalance.scoreText(hard: hard, softMinutes: desiredMinutes - undesiredMinutes, unfairness: unfairness) }

    public init(_ problem: PlanningProblem, assignment: [Int]) {
        weights = problem.rules.weights
        let employees = problem.employees.count, weeks = problem.weeks
        var held = [[Int]](repeating: [], count: employees)
        people = [Person](repeating: Person(weekMinutes: [Int64](repeating: 0, count: weeks)), count: employees)
        var openShifts: [Int] = []
        for (s, e) in assignment.enumerated() {
            guard e >= 0, e < employees else { unassigned += 1; openShifts.append(s); continue }
            held[e].append(s)
            let shift = problem.shifts[s], cost = UnaryCost(problem, shift: s, employee: e)
            requiredSkill += cost.missingSkill
            unavailableMinutes += cost.unavailableMinutes
            undesiredMinutes += cost.undesiredMinutes
            desiredMinutes += cost.desiredMinutes
            productiveMinutes += cost.productiveMinutes
            changedMinutes += cost.changedMinutes
            if let current = shift.current, current != e { changedShifts += 1 }
            people[e].weekMinutes[shift.week] += shift.paidMinutes
            guard shift.inRange else { continue }
            people[e].shifts += 1
            people[e].paidMinutes += shift.paidMinutes
            people[e].desiredMinutes += cost.desiredMinutes
            people[e].undesiredMinutes += cost.undesiredMinutes
            people[e].productiveMinutes += cost.productiveMinutes
        }
        for (e, shifts) in held.enumerated() {
            let rest = problem.restMinutes(e)
            for (i, x) in shifts.enumerated() {
                for y in shifts[(i + 1)...] {
                    let a = problem.shifts[x], b = problem.shifts[y]
                    if a.start < b.end && b.start < a.end { overlapMinutes += Time.minutes(min(a.end, b.end) - max(a.start, b.start)) }
                    for (first, second) in [(a, b), (b, a)] where first.end <= second.start && second.start - first.end < rest * Time.minute {
                        restMinutes += rest - Time.minutes(second.start - first.end)
                    }
                    if problem.rules.onePerDay && a.day == b.day { oneShiftPerDay += 1 }
                }
            }
            let employee = problem.employees[e]
            for w in 0..<weeks {
                let inWeek = shifts.filter { problem.shifts[$0].week == w }
                if let cap = employee.maxWeeklyMinutes { weeklyMinutesOver += max(0, people[e].weekMinutes[w] - cap) }
                if let cap = employee.maxWeeklyShifts { weeklyShiftsOver += Int64(max(0, inWeek.count - cap)) }
                if problem.scoresLocationChanges {
                    let places = Set(inWeek.map { problem.shifts[$0].location }.filter { $0 >= 0 })
                    locationChanges += Int64(max(0, places.count - 1))
                }
            }
        }
        shiftsPerEmployee = held.map(\.count)
        unfairness = LoadBalance.unfairness(sum: shiftsPerEmployee.reduce(0, +), squares: shiftsPerEmployee.map { $0 * $0 }.reduce(0, +),
                                            employees: employees)
        open = openShifts.map { s in
            var blocked: [Blocker: [Int]] = [:]
            for e in 0..<employees {
                if let blocker = Self.blocker(problem, shift: s, employee: e, held: held[e], weekMinutes: people[e].weekMinutes) {
                    blocked[blocker, default: []].append(e)
                }
            }
            return OpenShift(shift: s, blockedBy: blocked)
        }
    }

    /// The first rule employee e would break by taking shift s on top of the shifts they hold.
    static func blocker(_ problem: PlanningProblem, shift s: Int, employee e: Int, held: [Int], weekMinutes: [Int64]) -> Blocker? {
        let shift = problem.shifts[s], employee = problem.employees[e], cost = UnaryCost(problem, shift: s, employee: e)
        if cost.missingSkill > 0 { return .skill }
        if cost.unavailableMinutes > 0 { return .unavailable }
        let others = held.map { problem.shifts[$0] }
        if others.contains(where: { $0.start < shift.end && shift.start < $0.end }) { return .overlap }
        if problem.rules.onePerDay && others.contains(where: { $0.day == shift.day }) { return .onePerDay }
        let rest = problem.restMinutes(e) * Time.minute
        if others.contains(where: { ($0.end <= shift.start && shift.start - $0.end < rest) || (shift.end <= $0.start && $0.start - shift.end < rest) }) {
            return .rest
        }
        if let cap = employee.maxWeeklyMinutes, weekMinutes[shift.week] + shift.paidMinutes > cap { return .weeklyHours }
        if let cap = employee.maxWeeklyShifts, others.filter({ $0.week == shift.week }).count + 1 > cap { return .weeklyShifts }
        return nil
    }
}

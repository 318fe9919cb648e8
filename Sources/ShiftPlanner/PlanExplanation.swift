/// A plan scored from the constraint definitions directly (every pair of one employee's shifts, every day), not from
/// the search's tables: the totals a result explains itself with, and the reference the incremental score is tested
/// against.
public struct PlanExplanation: Sendable, Equatable {
    public var requiredSkill: Int64 = 0
    public var overlapMinutes: Int64 = 0
    public var restMinutes: Int64 = 0
    public var oneShiftPerDay: Int64 = 0
    public var unavailableMinutes: Int64 = 0
    public var undesiredMinutes: Int64 = 0
    public var desiredMinutes: Int64 = 0
    public var unfairness: Double = 0
    /// Shifts per employee, by index.
    public var shiftsPerEmployee: [Int] = []
    /// Shifts without an employee (index -1).
    public var unassigned = 0

    public var hard: Int64 { -(requiredSkill + overlapMinutes + restMinutes + oneShiftPerDay + unavailableMinutes) }
    public var score: PlanScore { PlanScore(hard: hard, soft: Double(desiredMinutes - undesiredMinutes) - unfairness) }
    /// As Timefold writes it: "-1hard/5638.45081soft".
    public var scoreText: String { LoadBalance.scoreText(hard: hard, softMinutes: desiredMinutes - undesiredMinutes, unfairness: unfairness) }

    public init(_ problem: PlanningProblem, assignment: [Int]) {
        var held = [[Int]](repeating: [], count: problem.employees.count)
        for (s, e) in assignment.enumerated() {
            guard e >= 0, e < problem.employees.count else { unassigned += 1; continue }
            held[e].append(s)
            let shift = problem.shifts[s], employee = problem.employees[e]
            if !employee.skills.contains(shift.requiredSkill) { requiredSkill += 1 }
            for d in Set([shift.startDay, shift.endDay]) {
                let minutes = Time.dayMinutes(start: shift.start, end: shift.end, day: d)
                if employee.unavailableDays.contains(d) { unavailableMinutes += minutes }
                if employee.undesiredDays.contains(d) { undesiredMinutes += minutes }
                if employee.desiredDays.contains(d) { desiredMinutes += minutes }
            }
        }
        for shifts in held {
            for (i, x) in shifts.enumerated() {
                for y in shifts[(i + 1)...] {
                    let a = problem.shifts[x], b = problem.shifts[y]
                    if a.start < b.end && b.start < a.end { overlapMinutes += Time.minutes(min(a.end, b.end) - max(a.start, b.start)) }
                    for (first, second) in [(a, b), (b, a)] where first.end <= second.start && second.start - first.end < ConstraintTables.minimumRest {
                        restMinutes += 600 - Time.minutes(second.start - first.end)
                    }
                    if a.startDay == b.startDay { oneShiftPerDay += 1 }
                }
            }
        }
        shiftsPerEmployee = held.map(\.count)
        unfairness = LoadBalance.unfairness(sum: shiftsPerEmployee.reduce(0, +), squares: shiftsPerEmployee.map { $0 * $0 }.reduce(0, +),
                                            employees: problem.employees.count)
    }
}

/// The quickstart's constraints as tables, built once per problem so that a move's score change is a handful of
/// array reads: what one shift costs in one employee's hands on its own (missing skill, unavailable / undesired /
/// desired day minutes), and for each shift the other shifts that cost something when one person has both
/// (overlap minutes, rest under 10 hours, two starts on one day).
struct ConstraintTables: Sendable {
    let shiftCount: Int
    let employeeCount: Int
    /// `[s * employeeCount + e]`: hard points of shift s given to employee e, on its own.
    let unaryHard: [Int64]
    /// `[s * employeeCount + e]`: desired minus undesired day minutes of shift s for employee e.
    let unarySoft: [Int64]
    /// `neighbourStart[s] ..< neighbourStart[s + 1]` index `neighbours` / `pairHard`: the shifts that cost `pairHard`
    /// hard points together with s in one person's hands.
    let neighbourStart: [Int]
    let neighbours: [Int32]
    let pairHard: [Int64]
    let movable: [Int32]

    static let minimumRest: Int64 = 10 * 60 * Time.minute

    init(_ problem: PlanningProblem) {
        let shifts = problem.shifts, employees = problem.employees
        shiftCount = shifts.count
        employeeCount = employees.count
        var hard = [Int64](repeating: 0, count: shifts.count * employees.count), soft = hard
        for (s, shift) in shifts.enumerated() {
            let days = Set([shift.startDay, shift.endDay])
            for (e, employee) in employees.enumerated() {
                var h: Int64 = employee.skills.contains(shift.requiredSkill) ? 0 : 1
                var w: Int64 = 0
                for d in days {
                    let minutes = Time.dayMinutes(start: shift.start, end: shift.end, day: d)
                    if employee.unavailableDays.contains(d) { h += minutes }
                    if employee.undesiredDays.contains(d) { w -= minutes }
                    if employee.desiredDays.contains(d) { w += minutes }
                }
                hard[s * employees.count + e] = h
                soft[s * employees.count + e] = w
            }
        }
        unaryHard = hard
        unarySoft = soft

        // Pairs: by start time, each shift against the later ones that can still touch it (overlap, rest, same day).
        var pairs = [[(Int32, Int64)]](repeating: [], count: shifts.count)
        let order = shifts.indices.sorted { (shifts[$0].start, $0) < (shifts[$1].start, $1) }
        for (i, a) in order.enumerated() {
            let first = shifts[a]
            let reach = max(first.end + Self.minimumRest, (first.startDay + 1) * Time.day)
            var j = i + 1
            while j < order.count, shifts[order[j]].start < reach {
                let b = order[j]
                let cost = Self.pairCost(first, shifts[b])
                if cost > 0 {
                    pairs[a].append((Int32(b), cost))
                    pairs[b].append((Int32(a), cost))
                }
                j += 1
            }
        }
        var start = [0], flat: [Int32] = [], costs: [Int64] = []
        for list in pairs {
            for (other, cost) in list { flat.append(other); costs.append(cost) }
            start.append(flat.count)
        }
        neighbourStart = start
        neighbours = flat
        pairHard = costs
        movable = shifts.indices.filter { shifts[$0].pinned == nil }.map(Int32.init)
    }

    /// Hard points of one person having both shifts, `a` starting no later than `b`.
    static func pairCost(_ a: PlanningProblem.Shift, _ b: PlanningProblem.Shift) -> Int64 {
        var cost: Int64 = 0
        if a.start < b.end && b.start < a.end { cost += Time.minutes(min(a.end, b.end) - max(a.start, b.start)) }
        if a.end <= b.start && b.start - a.end < minimumRest { cost += 600 - Time.minutes(b.start - a.end) }
        if b.end <= a.start && a.start - b.end < minimumRest { cost += 600 - Time.minutes(a.start - b.end) }
        if a.startDay == b.startDay { cost += 1 }
        return cost
    }
}

/// The constraints as tables, built once per problem so that a move's score change is a handful of array reads: what
/// one shift costs in one employee's hands on its own (missing skill, unavailable minutes; desired, undesired,
/// productive and changed minutes as weighted soft points), and for each shift the other shifts that cost something
/// when one person has both (overlap minutes, two on one day, and the gap the person's minimum rest is checked on).
struct ConstraintTables: Sendable {
    let shiftCount: Int
    let employeeCount: Int
    let weeks: Int
    let locations: Int
    /// `[s * employeeCount + e]`: hard points of shift s given to employee e, on its own.
    let unaryHard: [Int64]
    /// `[s * employeeCount + e]`: weighted soft points of shift s for employee e, on its own.
    let unarySoft: [Int64]
    /// `neighbourStart[s] ..< neighbourStart[s + 1]` index `neighbours`, `pairHard` (overlap minutes and a second
    /// shift on one day) and `pairGap` (whole minutes from the earlier's end to the later's start; -1 when they
    /// overlap).
    let neighbourStart: [Int]
    let neighbours: [Int32]
    let pairHard: [Int64]
    let pairGap: [Int64]
    let movable: [Int32]
    let restMinutes: [Int64]
    let shiftWeek: [Int32]
    let shiftLocation: [Int32]
    let shiftMinutes: [Int64]
    let maxWeeklyMinutes: [Int64]
    let maxWeeklyShifts: [Int]
    let tracksWeeks: Bool
    let tracksLocations: Bool
    let allowUnassigned: Bool
    let weights: PlanningProblem.Weights

    init(_ problem: PlanningProblem) {
        let shifts = problem.shifts, employees = problem.employees, rules = problem.rules
        shiftCount = shifts.count
        employeeCount = employees.count
        weeks = problem.weeks
        locations = problem.locations
        weights = rules.weights
        allowUnassigned = rules.allowUnassigned
        var hard = [Int64](repeating: 0, count: shifts.count * employees.count), soft = hard
        for s in shifts.indices {
            for e in employees.indices {
                let cost = UnaryCost(problem, shift: s, employee: e)
                hard[s * employees.count + e] = cost.hard
                soft[s * employees.count + e] = cost.soft(rules.weights)
            }
        }
        unaryHard = hard
        unarySoft = soft
        restMinutes = employees.indices.map(problem.restMinutes)
        let longestRest = (restMinutes.max() ?? 0) * Time.minute

        // Pairs: by start time, each shift against the later ones that can still touch it (overlap, rest, same day).
        var pairs = [[(Int32, Int64, Int64)]](repeating: [], count: shifts.count)
        let order = shifts.indices.sorted { (shifts[$0].start, $0) < (shifts[$1].start, $1) }
        for (i, a) in order.enumerated() {
            let first = shifts[a]
            var j = i + 1
            while j < order.count {
                let b = order[j], second = shifts[b]
                // Later shifts start later still: none of them overlaps `first`, is within rest of it or on its day
                // (two days on: local days of zones up to 26 hours apart cannot meet).
                if second.start >= first.end + longestRest && second.start >= first.start + 2 * Time.day { break }
                let (cost, gap) = Self.pair(first, second, onePerDay: rules.onePerDay)
                if cost > 0 || (gap >= 0 && gap * Time.minute < longestRest) {
                    pairs[a].append((Int32(b), cost, gap))
                    pairs[b].append((Int32(a), cost, gap))
                }
                j += 1
            }
        }
        var start = [0], flat: [Int32] = [], costs: [Int64] = [], gaps: [Int64] = []
        for list in pairs {
            for (other, cost, gap) in list { flat.append(other); costs.append(cost); gaps.append(gap) }
            start.append(flat.count)
        }
        neighbourStart = start
        neighbours = flat
        pairHard = costs
        pairGap = gaps
        movable = shifts.indices.filter { shifts[$0].pinned == nil }.map(Int32.init)
        shiftWeek = shifts.map { Int32($0.week) }
        shiftLocation = shifts.map { Int32($0.location) }
        shiftMinutes = shifts.map(\.paidMinutes)
        maxWeeklyMinutes = employees.map { $0.maxWeeklyMinutes ?? .max }
        maxWeeklyShifts = employees.map { $0.maxWeeklyShifts ?? .max }
        tracksWeeks = employees.contains { $0.maxWeeklyMinutes != nil || $0.maxWeeklyShifts != nil }
        tracksLocations = problem.scoresLocationChanges
    }

    /// Hard points of one person having both shifts whatever their rest (overlap minutes, a second shift on one day),
    /// and the whole minutes between them (-1 when they overlap).
    static func pair(_ a: PlanningProblem.Shift, _ b: PlanningProblem.Shift, onePerDay: Bool) -> (cost: Int64, gap: Int64) {
        var cost: Int64 = 0
        var gap: Int64 = -1
        if a.start < b.end && b.start < a.end {
            cost += Time.minutes(min(a.end, b.end) - max(a.start, b.start))
        } else {
            gap = Time.minutes(a.end <= b.start ? b.start - a.end : a.start - b.end)
        }
        if onePerDay && a.day == b.day { cost += 1 }
        return (cost, gap)
    }

    /// Minutes short of the rest employee e needs, for a gap (-1: overlapping, no rest rule).
    @inline(__always) func restShortfall(gap: Int64, employee e: Int) -> Int64 {
        gap >= 0 && gap < restMinutes[e] ? restMinutes[e] - gap : 0
    }
}

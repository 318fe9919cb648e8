/// An assignment and its score, kept current move by move: giving shift s to another employee changes the score by
/// s's cost with the old employee and with the new one (its own row of the tables plus the neighbours each holds) and
/// the change in load balance — never a full re-scoring. `-1` is "not assigned" (only during construction).
struct ScoreState: Sendable {
    let tables: ConstraintTables
    private(set) var assignment: [Int32]
    private(set) var counts: [Int]
    private(set) var hard: Int64 = 0
    private(set) var softMinutes: Int64 = 0
    private(set) var assigned = 0
    private(set) var squares = 0

    init(tables: ConstraintTables, assignment: [Int32]? = nil) {
        self.tables = tables
        self.assignment = [Int32](repeating: -1, count: tables.shiftCount)
        counts = [Int](repeating: 0, count: tables.employeeCount)
        if let assignment {
            for (s, e) in assignment.enumerated() where e >= 0 { move(s, to: Int(e)) }
        }
    }

    var unfairness: Double { LoadBalance.unfairness(sum: assigned, squares: squares, employees: tables.employeeCount) }
    var score: PlanScore { PlanScore(hard: hard, soft: Double(softMinutes) - unfairness) }

    /// Hard points and soft minutes of shift s in employee e's hands, with e's other shifts as they are.
    func cost(of s: Int, with e: Int) -> (hard: Int64, soft: Int64) {
        let slot = s * tables.employeeCount + e
        var hard = tables.unaryHard[slot]
        let held = Int32(e)
        for k in tables.neighbourStart[s]..<tables.neighbourStart[s + 1] where assignment[Int(tables.neighbours[k])] == held {
            hard += tables.pairHard[k]
        }
        return (hard, tables.unarySoft[slot])
    }

    /// Hard points shift s costs where it is now (0 when it breaks nothing).
    func hardCost(of s: Int) -> Int64 {
        let e = assignment[s]
        return e < 0 ? 0 : cost(of: s, with: Int(e)).hard
    }

    /// Gives shift s to employee e (or no one, -1).
    mutating func move(_ s: Int, to e: Int) {
        let old = Int(assignment[s])
        guard old != e else { return }
        if old >= 0 {
            let (h, w) = cost(of: s, with: old)
            hard += h
            softMinutes -= w
            squares -= 2 * counts[old] - 1
            counts[old] -= 1
            assigned -= 1
        }
        assignment[s] = Int32(e)
        if e >= 0 {
            let (h, w) = cost(of: s, with: e)
            hard -= h
            softMinutes += w
            squares += 2 * counts[e] + 1
            counts[e] += 1
            assigned += 1
        }
    }
}

/// An assignment and its score, kept current move by move: giving shift s to another employee changes the score by
/// s's cost with the old employee and with the new one — its own row of the tables, the neighbours each holds, the
/// week's hours and shifts against the person's caps, whether the shift adds a location to the person's week — and
/// the change in load balance; never a full re-scoring. `-1` is "not assigned" (open: a medium point each).
struct ScoreState: Sendable {
    let tables: ConstraintTables
    private(set) var assignment: [Int32]
    private(set) var counts: [Int]
    private(set) var hard: Int64 = 0
    private(set) var softPoints: Int64 = 0
    private(set) var unassigned: Int
    private(set) var assigned = 0
    private(set) var squares = 0
    private(set) var locationChanges = 0
    /// `[e * weeks + w]`: paid minutes and shifts of employee e in week w.
    private var weekMinutes: [Int64]
    private var weekShifts: [Int]
    /// `[(e * weeks + w) * locations + l]`: shifts of employee e in week w at location l; `distinct[e * weeks + w]`.
    private var locationCount: [Int32]
    private var distinct: [Int32]

    init(tables: ConstraintTables, assignment: [Int32]? = nil) {
        self.tables = tables
        self.assignment = [Int32](repeating: -1, count: tables.shiftCount)
        unassigned = tables.shiftCount
        counts = [Int](repeating: 0, count: tables.employeeCount)
        let slots = tables.tracksWeeks || tables.tracksLocations ? tables.employeeCount * tables.weeks : 0
        weekMinutes = [Int64](repeating: 0, count: tables.tracksWeeks ? slots : 0)
        weekShifts = [Int](repeating: 0, count: tables.tracksWeeks ? slots : 0)
        locationCount = [Int32](repeating: 0, count: tables.tracksLocations ? slots * tables.locations : 0)
        distinct = [Int32](repeating: 0, count: tables.tracksLocations ? slots : 0)
        if let assignment {
            for (s, e) in assignment.enumerated() where e >= 0 { move(s, to: Int(e)) }
        }
    }

    var unfairness: Double { LoadBalance.unfairness(sum: assigned, squares: squares, employees: tables.employeeCount) }
    var score: PlanScore {
        let w = tables.weights
        return PlanScore(hard: hard, medium: -Int64(unassigned),
                         soft: Double(softPoints - 60 * w.locationChange * Int64(locationChanges)) - Double(w.balance) * unfairness)
    }

    /// Hard points, soft points and added locations of shift s in employee e's hands, with e's other shifts as they
    /// are (s itself left out wherever it is).
    func cost(of s: Int, with e: Int) -> (hard: Int64, soft: Int64, locations: Int) {
        let slot = s * tables.employeeCount + e
        var hard = tables.unaryHard[slot]
        let held = Int32(e)
        for k in tables.neighbourStart[s]..<tables.neighbourStart[s + 1] where assignment[Int(tables.neighbours[k])] == held {
            hard += tables.pairHard[k] + tables.restShortfall(gap: tables.pairGap[k], employee: e)
        }
        let mine = assignment[s] == held
        var added = 0
        if tables.tracksWeeks || tables.tracksLocations {
            let week = e * tables.weeks + Int(tables.shiftWeek[s])
            if tables.tracksWeeks {
                let m = tables.shiftMinutes[s]
                let minutes = weekMinutes[week] - (mine ? m : 0), shifts = weekShifts[week] - (mine ? 1 : 0)
                let minuteCap = tables.maxWeeklyMinutes[e], shiftCap = tables.maxWeeklyShifts[e]
                hard += max(0, minutes + m - minuteCap) - max(0, minutes - minuteCap)
                hard += Int64(max(0, shifts + 1 - shiftCap) - max(0, shifts - shiftCap)) * 60
            }
            let location = Int(tables.shiftLocation[s])
            if tables.tracksLocations, location >= 0 {
                let here = locationCount[week * tables.locations + location] - (mine ? 1 : 0)
                let others = distinct[week] - (mine && here == 0 ? 1 : 0)
                if here == 0 && others >= 1 { added = 1 }
            }
        }
        return (hard, tables.unarySoft[slot], added)
    }

    /// Hard points shift s costs where it is now (0 when it breaks nothing or is open).
    func hardCost(of s: Int) -> Int64 {
        let e = assignment[s]
        return e < 0 ? 0 : cost(of: s, with: Int(e)).hard
    }

    /// Gives shift s to employee e (or no one, -1).
    mutating func move(_ s: Int, to e: Int) {
        let old = Int(assignment[s])
        guard old != e else { return }
        if old >= 0 {
            let (h, w, added) = cost(of: s, with: old)
            hard += h
            softPoints -= w
            locationChanges -= added
            squares -= 2 * counts[old] - 1
            counts[old] -= 1
            assigned -= 1
            account(s, old, -1)
        } else {
            unassigned -= 1
        }
        assignment[s] = -1
        if e >= 0 {
            let (h, w, added) = cost(of: s, with: e)
            hard -= h
            softPoints += w
            locationChanges += added
            squares += 2 * counts[e] + 1
            counts[e] += 1
            assigned += 1
            account(s, e, 1)
        } else {
            unassigned += 1
        }
        assignment[s] = Int32(e)
    }

    private mutating func account(_ s: Int, _ e: Int, _ sign: Int) {
        guard tables.tracksWeeks || tables.tracksLocations else { return }
        let week = e * tables.weeks + Int(tables.shiftWeek[s])
        if tables.tracksWeeks {
            weekMinutes[week] += Int64(sign) * tables.shiftMinutes[s]
            weekShifts[week] += sign
        }
        let location = Int(tables.shiftLocation[s])
        if tables.tracksLocations, location >= 0 {
            let slot = week * tables.locations + location
            if sign > 0 && locationCount[slot] == 0 { distinct[week] += 1 }
            locationCount[slot] += Int32(sign)
            if sign < 0 && locationCount[slot] == 0 { distinct[week] -= 1 }
        }
    }
}

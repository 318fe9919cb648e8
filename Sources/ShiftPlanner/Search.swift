import TrackerCore
/// One late-acceptance local search: each step tries a random move — give a shift to another employee, or swap the
/// employees of two shifts — and keeps it when the score is no worse than now or than `lateAcceptance` steps ago.
/// While hard constraints are broken, half the moves start from a shift that breaks one.
struct Search {
    struct Outcome: Sendable {
        var assignment: [Int32]
        var score: PlanScore
        var improvements: [Solver.Improvement]
        var steps: Int
    }

    var state: ScoreState
    var random: SeededRandom
    let options: Solver.Options

    init(tables: ConstraintTables, start: ScoreState, seed: UInt64, options: Solver.Options) {
        state = start
        random = SeededRandom(seed: seed)
        self.options = options
    }

    func run() -> Outcome {
        var search = self
        return search.loop()
    }

    private mutating func loop() -> Outcome {
        let movable = state.tables.movable, employees = state.tables.employeeCount
        var current = state.score, best = current, bestAssignment = state.assignment
        let clock = ContinuousClock(), started = clock.now
        var improvements = [Solver.Improvement(seconds: 0, score: best)]
        // Choices for a change move: every employee, and "open" when shifts may stay open.
        let open = state.tables.allowUnassigned ? 1 : 0, choices = employees + open
        guard movable.count > 0, choices > 1 else { return Outcome(assignment: bestAssignment, score: best, improvements: improvements, steps: 0) }
        var history = [PlanScore](repeating: current, count: max(1, options.lateAcceptance))
        var lastImprovement = started
        var step = 0
        while true {
            if let limit = options.steps, step >= limit { break }
            if step & 1023 == 0 {
                if options.timeLimit != nil || options.unimprovedLimit != nil {
                    let now = clock.now
                    if let limit = options.timeLimit, now - started >= limit { break }
                    if let limit = options.unimprovedLimit, now - lastImprovement >= limit { break }
                }
                if let stop = options.shouldStop, stop() { break }
            }
            let s = pickShift(movable, hardBroken: current.hard < 0, open: current.medium < 0)
            let from = Int(state.assignment[s])
            var undo: [(Int, Int)] = [(s, from)]
            if random.below(2) == 0 {
                var to = random.below(choices - 1)
                if to >= from + open { to += 1 }
                state.move(s, to: to - open)
            } else {
                let other = Int(movable[random.below(movable.count)])
                let partner = Int(state.assignment[other])
                guard partner != from else { step += 1; continue }
                undo.append((other, partner))
                state.move(s, to: partner)
                state.move(other, to: from)
            }
            let candidate = state.score
            let late = history[step % history.count]
            if candidate >= current || candidate >= late {
                current = candidate
                if candidate > best {
                    best = candidate
                    bestAssignment = state.assignment
                    lastImprovement = clock.now
                    improvements.append(.init(seconds: Self.seconds(lastImprovement - started), score: best))
                    options.progress?(best)
                }
            } else {
                for (shift, employee) in undo.reversed() { state.move(shift, to: employee) }
            }
            history[step % history.count] = current
            step += 1
        }
        return Outcome(assignment: bestAssignment, score: best, improvements: improvements, steps: step)
    }

    /// A movable shift; while the plan breaks hard constraints, half the time one that breaks one (of a few tried);
    /// else, while shifts are open, half the time an open one.
    private mutating func pickShift(_ movable: [Int32], hardBroken: Bool, open: Bool) -> Int {
        var s = Int(movable[random.below(movable.count)])
        if hardBroken, random.below(2) == 0 {
            for _ in 0..<16 where state.hardCost(of: s) == 0 { s = Int(movable[random.below(movable.count)]) }
        } else if open, random.below(2) == 0 {
            for _ in 0..<16 where state.assignment[s] >= 0 { s = Int(movable[random.below(movable.count)]) }
        }
        return s
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

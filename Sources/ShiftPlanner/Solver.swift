import Dispatch
import Foundation
import Synchronization

/// Assigns every shift to an employee: a construction heuristic (hardest shifts first, each to the employee it costs
/// least), then late-acceptance local search over change and swap moves with incremental scores. One search per
/// thread, each with its own seed; the best plan wins. Deterministic for a seed when stopped by `steps`.
public enum Solver {
    public struct Options: Sendable {
        public var seed: UInt64 = 0
        /// Stop after this long (nil: no time limit).
        public var timeLimit: Duration?
        /// Stop when the best score has not improved for this long.
        public var unimprovedLimit: Duration?
        /// Stop after this many moves per search (deterministic results).
        public var steps: Int?
        public var threads = 2
        /// How many steps back a move is compared with (late acceptance).
        public var lateAcceptance = 400
        /// Asked every 1,024 moves; true stops the search (a cancelled job).
        public var shouldStop: (@Sendable () -> Bool)?
        /// Told each time a search finds a better plan (from the search's thread).
        public var progress: (@Sendable (PlanScore) -> Void)?
        /// Run first on each search's thread (the server lowers their priority below its request handling).
        public var onSearchThread: (@Sendable () -> Void)?

        public init(seed: UInt64 = 0, timeLimit: Duration? = nil, unimprovedLimit: Duration? = nil, steps: Int? = nil, threads: Int = 2,
                    shouldStop: (@Sendable () -> Bool)? = nil, progress: (@Sendable (PlanScore) -> Void)? = nil) {
            self.shouldStop = shouldStop
            self.progress = progress
            self.seed = seed
            self.timeLimit = timeLimit
            self.unimprovedLimit = unimprovedLimit
            self.steps = steps
            self.threads = threads
        }
    }

    public struct Improvement: Sendable {
        public var seconds: Double
        public var score: PlanScore
    }

    public struct Result: Sendable {
        /// Employee index per shift.
        public var assignment: [Int]
        public var score: PlanScore
        /// Each time the best plan (of all searches) got better.
        public var improvements: [Improvement]
        public var steps: Int
    }

    public static func solve(_ problem: PlanningProblem, options: Options) -> Result {
        let tables = ConstraintTables(problem)
        let start = construct(problem, tables)
        let threads = max(1, options.threads)
        let results = Mutex([Search.Outcome?](repeating: nil, count: threads))
        // Threads of our own, not Dispatch's workers: on Linux those also carry Swift concurrency's cooperative pool,
        // and a server whose pool is busy searching for 30 s answers no request meanwhile.
        let search: @Sendable (Int) -> Void = { index in
            options.onSearchThread?()
            let outcome = Search(tables: tables, start: start, seed: options.seed &+ UInt64(index), options: options).run()
            results.withLock { $0[index] = outcome }
        }
        let finished = DispatchGroup()
        for index in 1..<threads {
            finished.enter()
            Thread.detachNewThread { search(index); finished.leave() }
        }
        search(0)
        finished.wait()
        let all = results.withLock { $0.compactMap { $0 } }
        var bestIndex = 0
        for (index, result) in all.enumerated() where result.score > all[bestIndex].score { bestIndex = index }
        // The best of all searches over time.
        var trace: [Improvement] = []
        for improvement in all.flatMap(\.improvements).sorted(by: { $0.seconds < $1.seconds }) {
            if trace.last.map({ improvement.score > $0.score }) ?? true { trace.append(improvement) }
        }
        var best = ScoreState(tables: tables, assignment: all[bestIndex].assignment)
        if tables.allowUnassigned { polish(&best) }
        if best.score > all[bestIndex].score { trace.append(Improvement(seconds: trace.last?.seconds ?? 0, score: best.score)) }
        return Result(assignment: best.assignment.map(Int.init), score: best.score, improvements: trace,
                      steps: all.map(\.steps).reduce(0, +))
    }

    /// When shifts may stay open, a plan never keeps a broken hard rule it can avoid: open every movable shift that
    /// breaks one (worst first), then give each open shift to the best employee who breaks nothing, if any.
    static func polish(_ state: inout ScoreState) {
        let movable = state.tables.movable.map(Int.init)
        while state.hard < 0 {
            guard let worst = movable.max(by: { state.hardCost(of: $0) < state.hardCost(of: $1) }), state.hardCost(of: worst) > 0 else { break }
            state.move(worst, to: -1)
        }
        for s in movable where state.assignment[s] < 0 {
            var best = -1, bestScore = state.score
            for e in 0..<state.tables.employeeCount {
                state.move(s, to: e)
                if state.score > bestScore { bestScore = state.score; best = e }
            }
            state.move(s, to: best)
        }
    }

    /// Hardest shifts first (fewest employees with the skill, then by start), each to the employee with the best score
    /// change given what is assigned so far; pinned shifts first of all.
    static func construct(_ problem: PlanningProblem, _ tables: ConstraintTables) -> ScoreState {
        var state = ScoreState(tables: tables)
        for (s, shift) in problem.shifts.enumerated() { if let pinned = shift.pinned { state.move(s, to: pinned) } }
        let qualified = problem.shifts.map { shift in problem.employees.filter { $0.skills.contains(shift.requiredSkill) }.count }
        let order = problem.shifts.indices.filter { problem.shifts[$0].pinned == nil }
            .sorted { (qualified[$0], problem.shifts[$0].start, $0) < (qualified[$1], problem.shifts[$1].start, $1) }
        for s in order {
            // Open is a choice only where shifts may stay open.
            var best = -1
            var bestScore = tables.allowUnassigned ? state.score : PlanScore(hard: .min, medium: .min, soft: -.infinity)
            for e in 0..<tables.employeeCount {
                state.move(s, to: e)
                if state.score > bestScore { bestScore = state.score; best = e }
            }
            state.move(s, to: best)
        }
        return state
    }
}

import Logging
import Synchronization
import Testing
import TrackerStore

@Suite("Worker board")
struct WorkerBoardTests {
    struct Broken: Error {}

    @Test("a named worker's passes are recorded: a failure with its error code, then a success that keeps the last error")
    func passes() async throws {
        let board = WorkerBoard()
        board.register("idle worker")
        try await WorkerBoard.$current.withValue((board, "evaluator")) {
            #expect(await PeriodicWork.attempt("evaluation", logger: .test) { throw Broken() } == false)
            let failed = try #require(board.snapshot.first { $0.name == "evaluator" })
            #expect(failed.passes == 1 && failed.failures == 1 && failed.lastError == "Broken" && failed.lastSucceededAt == nil && !failed.running)
            let seen = Mutex<Bool?>(nil)
            let succeeded = await PeriodicWork.attempt("evaluation", logger: .test) {
                seen.withLock { $0 = board.snapshot.first { $0.name == "evaluator" }?.running }
            }
            #expect(succeeded && seen.withLock { $0 } == true, "a pass in progress shows as running")
        }
        let entries = board.snapshot
        #expect(entries.map(\.name) == ["evaluator", "idle worker"])
        let done = try #require(entries.first)
        #expect(done.passes == 2 && done.failures == 1 && done.lastError == "Broken" && done.lastSucceededAt != nil)
        #expect(entries.last?.passes == 0, "a worker that never ran is listed")
        // Outside a named worker nothing is recorded.
        #expect(await PeriodicWork.attempt("unnamed", logger: .test) {})
        #expect(board.snapshot.count == 2)
    }
}

@Suite("Pacer")
struct PacerTests {
    @Test("says yes at once, then not again until its interval has passed")
    func interval() {
        var pacer = Pacer(every: .seconds(1))
        let start = ContinuousClock.now
        let answers = [0, 999, 1000, 1500, 2001].map { pacer.ready(now: start + .milliseconds($0)) }
        #expect(answers == [true, false, true, false, true])
    }
}

import Foundation
import Synchronization
import SQLKit
import TestSupport
import Testing
@testable import TrackerEngines
import TrackerStore

/// A connection handed over at the very moment the acquire deadline passes: the request must get its connection or
/// a `503` (`DatabaseError.unavailable`) — never the race's internal cancellation, which surfaced as a `500`
/// "unhandled error" under `scripts/bench scale` (2,000 connections on a pool of 10).
@Suite("Lease deadline race")
struct LeaseDeadlineTests {
    /// The ordering that escaped as a `500`: the connection arrives just after the deadline, and the lease's child
    /// finishes before the timer's (held here until it has). The deadline must win cleanly: nil, no error.
    @Test("a connection arriving after the deadline, whose child finishes first, is a timeout, not an error")
    func lateConnection() async throws {
        let claimed = Mutex<Bool?>(nil), timeouts = Mutex(0), failures = Mutex(0)
        let handedBack = DispatchSemaphore(value: 0)
        let value: Int? = try await LeaseRace.run(
            timeout: .milliseconds(5),
            acquire: { race in
                try await Task.sleep(for: .milliseconds(50))     // the pool hands the connection over too late
                let won = race.claimLease()
                claimed.withLock { $0 = won }
                handedBack.signal()
                guard won else { throw LeaseRace.Lost() }
                return 1
            },
            timedOut: {
                timeouts.withLock { $0 += 1 }
                handedBack.wait()
                usleep(100_000)                                   // the lease's child has finished by now
            },
            failed: { failures.withLock { $0 += 1 } }
        )
        #expect(value == nil)
        #expect(claimed.withLock { $0 } == false)
        #expect(timeouts.withLock { $0 } == 1 && failures.withLock { $0 } == 0)
    }

    @Test("a connection in time wins; an error of the pool is rethrown once")
    func inTimeAndFailure() async throws {
        let timeouts = Mutex(0), failures = Mutex(0)
        let value = try await LeaseRace.run(
            timeout: .seconds(5), acquire: { race in race.claimLease() ? 42 : 0 },
            timedOut: { timeouts.withLock { $0 += 1 } }, failed: { failures.withLock { $0 += 1 } }
        )
        #expect(value == 42 && timeouts.withLock { $0 } == 0 && failures.withLock { $0 } == 0)
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            _ = try await LeaseRace.run(
                timeout: .seconds(5), acquire: { _ -> Int in throw Refused() },
                timedOut: { timeouts.withLock { $0 += 1 } }, failed: { failures.withLock { $0 += 1 } }
            )
        }
        #expect(timeouts.withLock { $0 } == 0 && failures.withLock { $0 } == 1)
    }

    /// Both engines under contention (pool of one, 3 ms deadline, 2,000 leases): requests are served or shed, and
    /// every shed one is `unavailable`. It rarely hits the late hand-over itself — `lateConnection` forces that.
    @Test("deadline and hand-over at once: every failure is unavailable", arguments: TestEngine.available)
    func race(engine: TestEngine) async throws {
        let settings = try await engine.freshSettings {
            $0.poolMaximum = 1
            $0.acquireTimeout = .milliseconds(3)
            $0.maxWaiters = 10_000
        }
        try await withEngine(settings) { engine in
            let database = engine.database
            // Warm the pool so every lease below competes for the one open connection (opening it may take longer
            // than the deadline: retry until it is open).
            var open = false
            for _ in 0..<200 where !open {
                open = (try? await database.withConnection { db in try await db.raw("SELECT 1 AS one").first() }) != nil
                if !open { try await Task.sleep(for: .milliseconds(20)) }
            }
            try #require(open)
            var unexpected: [String] = []
            var served = 0, shed = 0
            for _ in 0..<20 {
                let outcomes = await withTaskGroup(of: String.self) { group in
                    for _ in 0..<100 {
                        group.addTask {
                            do {
                                _ = try await database.withConnection { db in try await db.raw("SELECT 1 AS one").first() }
                                return "served"
                            } catch let error as DatabaseError {
                                if case .unavailable = error { return "shed" }
                                return "other: \(error)"
                            } catch {
                                return "other: \(type(of: error)) \(error)"
                            }
                        }
                    }
                    var all: [String] = []
                    for await outcome in group { all.append(outcome) }
                    return all
                }
                served += outcomes.filter { $0 == "served" }.count
                shed += outcomes.filter { $0 == "shed" }.count
                unexpected += outcomes.filter { $0.hasPrefix("other") }
            }
            #expect(unexpected.isEmpty, "\(unexpected.count) unexpected: \(Set(unexpected))")
            #expect(served > 0 && shed > 0)   // both sides of the race ran
        }
    }
}

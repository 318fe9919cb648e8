import Foundation
import Testing
@testable import TrackerCore

@Suite("Dates bounded at the edge, the doorbell")
struct HardeningUnitTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    @Test("local periods refuse dates outside 1970–2100, naming the parameter", arguments: [
        ("0001-01-01", "date"), ("1969-12-31", "date"), ("2101-01-01", "date"), ("9999-12-31", "date"),
        ("2026-02-30", "date"), ("2026-1-01", "date"), ("+026-01-01", "date"), ("２０２６-01-01", "date"),
    ])
    func periodBounds(text: String, field: String) {
        #expect {
            _ = try LocalPeriod.make(kind: .day, anchor: text, timeZone: Self.berlin)
        } throws: { error in
            (error as? SimpleAppError)?.message.hasPrefix(field) == true
        }
    }

    @Test("the first and last accepted days work in every kind, with their previous periods")
    func extremes() throws {
        for zone in ["Europe/Berlin", "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"].compactMap(TimeZone.init(identifier:)) {
            for kind in LocalPeriod.Kind.allCases {
                for anchor in ["1970-01-01", "2100-12-31"] {
                    let period = try LocalPeriod.make(kind: kind, anchor: anchor, through: kind == .custom ? anchor : nil, timeZone: zone)
                    let previous = try period.previous()
                    #expect(previous.end == period.start)
                    #expect(Set(period.days.map(\.date)).count == period.days.count)
                }
            }
        }
    }
}

@Suite("Doorbell")
struct DoorbellTests {
    @Test("any number of concurrent waiters are all woken by one ring", .timeLimit(.minutes(1)))
    func concurrentWaiters() async {
        let bell = Doorbell()
        let started = AsyncStream<Void>.makeStream()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    started.continuation.yield()
                    await bell.wait(timeout: .seconds(3600))
                }
            }
            var count = 0
            for await _ in started.stream {
                count += 1
                if count == 8 { break }
            }
            // Every waiter is parked before the ring; with one slot, seven of them would wait an hour.
            try? await Task.sleep(for: .milliseconds(200))
            await bell.ring()
            await group.waitForAll()
        }
    }

    @Test("a wait ends on timeout and on cancellation; a ring with nobody waiting is kept once", .timeLimit(.minutes(1)))
    func timeoutAndCancellation() async {
        let bell = Doorbell()
        await bell.wait(timeout: .milliseconds(50))
        let waiter = Task { await bell.wait(timeout: .seconds(3600)) }
        try? await Task.sleep(for: .milliseconds(100))
        waiter.cancel()
        await waiter.value
        await bell.ring()
        let clock = ContinuousClock()
        let took = await clock.measure { await bell.wait(timeout: .seconds(3600)) }
        #expect(took < .seconds(60))
    }
}

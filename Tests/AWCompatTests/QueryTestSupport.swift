@testable import AWCompat
import Foundation

/// Buckets in memory for query tests: events overlapping the period, cut to it, newest first (as the real source).
struct MemorySource: QuerySource {
    var buckets: [(id: String, hostname: String, events: [AWEvent])]

    func bucketNames() async throws -> [(id: String, hostname: String)] { buckets.map { ($0.id, $0.hostname) } }

    func events(bucket: String, from: Int64, to: Int64, limit: Int) async throws -> [AWEvent]? {
        guard let found = buckets.first(where: { $0.id == bucket }) else { return nil }
        let cut = found.events.filter { $0.start < to && ($0.end > from || $0.start >= from) }.map { event -> AWEvent in
            var e = event
            e.start = max(event.start, from)
            e.duration = max(0, min(event.end, to) - e.start)
            return e
        }
        return Array(cut.enumerated().sorted { $0.element.start != $1.element.start ? $0.element.start > $1.element.start : $0.offset > $1.offset }
            .map(\.element).prefix(limit))
    }
}

/// 2026-06-01T00:00:00Z, the tests' origin; events are placed in seconds after it.
let origin: Int64 = 1_780_272_000_000

func ev(_ start: Double, _ seconds: Double, _ data: [(String, AWJSON)]) -> AWEvent {
    AWEvent(start: origin + Int64(start * 1000), duration: Int64(seconds * 1000), data: data.map { .init($0.0, $0.1) })
}

func app(_ start: Double, _ seconds: Double, _ name: String, title: String? = nil) -> AWEvent {
    var data: [(String, AWJSON)] = [("app", .string(name))]
    if let title { data.append(("title", .string(title))) }
    return ev(start, seconds, data)
}

/// The period [origin, origin + 1 day).
let day = "\(AWTime.format(origin))/\(AWTime.format(origin + 86_400_000))"

/// Runs `lines` over `source` and returns the first period's result.
func run(_ lines: [String], _ source: MemorySource = MemorySource(buckets: []), periods: [String] = [day],
         limits: QueryBudget.Limits = .init()) async throws -> AWJSON {
    let result = try await AWQuery.run(lines: lines, timeperiods: periods, source: source, limits: limits)
    return result.elements?.first ?? .null
}

/// A query's events as (seconds after origin, seconds long, data as JSON text): what the tests compare.
struct Seen: Equatable, CustomStringConvertible {
    let start: Double
    let seconds: Double
    let data: String
    var description: String { "(\(start), \(seconds), \(data))" }

    init(_ start: Double, _ seconds: Double, _ data: String) {
        self.start = start
        self.seconds = seconds
        self.data = data
    }
}

func seen(_ json: AWJSON) -> [Seen] {
    (json.elements ?? []).map { event in
        let start = Double((AWTime.millis(event["timestamp"]?.stringValue ?? "") ?? 0) - origin) / 1000
        return Seen(start, event["duration"]?.doubleValue ?? -1, AWJSONWriter.text(event["data"] ?? .null))
    }
}

/// A query2 string literal of `name` for a one-bucket source named "b".
func source(_ events: [AWEvent]) -> MemorySource { MemorySource(buckets: [("b", "host", events)]) }

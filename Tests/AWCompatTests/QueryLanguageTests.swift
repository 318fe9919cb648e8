@testable import AWCompat
import Foundation
import Testing

/// The parser's errors (with where), and the budget that bounds every query.
@Suite("query2 parsing and budget")
struct QueryLanguageTests {
    /// The error a query gives, as (line, column, message).
    func failure(_ lines: [String], _ source: MemorySource = MemorySource(buckets: []), limits: QueryBudget.Limits = .init()) async -> QueryError? {
        do {
            _ = try await run(lines, source, limits: limits)
            return nil
        } catch let error as QueryError {
            return error
        } catch {
            return nil
        }
    }

    @Test("syntax errors name the line and column and what was expected", arguments: [
        (["events = query_bucket(\"x\";"], 1, 26, "expected ')'"),
        (["a = 1;", "b = [1, 2;"], 2, 10, "expected ']'"),
        (["a = \"unterminated;"], 1, 5, "unterminated string"),
        (["a = 1", "b = 2;"], 2, 1, "expected ';'"),
        (["a = {1: 2};"], 1, 6, "expected a string key"),
        (["a = 1 @ 2;"], 1, 7, "unexpected character '@'"),
        (["a = ;"], 1, 5, "expected a value"),
        (["a = 1.2.3;"], 1, 5, "is not a number"),
    ] as [([String], Int, Int, String)])
    func syntax(lines: [String], line: Int, column: Int, reason: String) async throws {
        let error = try #require(await failure(lines))
        #expect(error.code == "query_syntax")
        #expect(error.line == line && error.column == column, "\(error.message)")
        #expect(error.message.contains(reason), "\(error.message)")
    }

    @Test("evaluation errors: unknown names, wrong arguments, no RETURN — each a 400 with where, never a crash")
    func evaluation() async throws {
        let unknownFunction = try #require(await failure(["a = 1;", "  b = frobnicate(a);"]))
        #expect(unknownFunction.line == 2 && unknownFunction.column == 7 && unknownFunction.message.contains("unknown function 'frobnicate'"))
        #expect(try #require(await failure(["RETURN = missing;"])).message.contains("unknown variable 'missing'"))
        #expect(try #require(await failure(["RETURN = flood(1);"])).message.contains("expected a list of events"))
        #expect(try #require(await failure(["RETURN = limit_events([]);"])).message.contains("takes 2 argument(s), got 1"))
        #expect(try #require(await failure(["a = 1;"])).message.contains("returns nothing"))
        #expect(try #require(await failure(["RETURN = 1 / 0;"])).message.contains("division by zero"))
        #expect(try #require(await failure(["RETURN = \"a\" + 1;"])).message.contains("cannot combine"))
        #expect(await failure(["RETURN = nop();"]) == nil)
    }

    @Test("nesting is bounded before the stack is: a deep query is refused, not a crash")
    func deepNesting() async throws {
        let deep = "RETURN = " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + ";"
        #expect(try #require(await failure([deep])).message.contains("nested deeper than"))
        let negations = "RETURN = " + String(repeating: "-", count: 10_000) + "1;"
        #expect(try #require(await failure([negations])).message.contains("nested deeper than"))
    }

    @Test("the budget stops a query holding too many events, doing too much work, or running too long")
    func budget() async throws {
        let many = MemorySource(buckets: [("b", "h", (0..<1_500).map { app(Double($0), 1, "A") })])
        let small = QueryBudget.Limits(timeout: .seconds(10), maxEvents: 1_000)
        #expect(try #require(await failure(["RETURN = query_bucket(\"b\");"], many, limits: small)).code == "query_budget_exceeded")
        // 800 events concatenated with themselves: the result would hold 1,600.
        let some = MemorySource(buckets: [("b", "h", (0..<800).map { app(Double($0), 1, "A") })])
        #expect(try #require(await failure(["e = query_bucket(\"b\");", "RETURN = concat(e, e);"], some, limits: small)).code == "query_budget_exceeded")
        // Memory: two variables of 600 events each hold 1,200 together (each alone is within the bound).
        let half = MemorySource(buckets: [("b", "h", (0..<600).map { app(Double($0), 1, "A") })])
        #expect(try #require(await failure(["a = query_bucket(\"b\");", "b = sort_by_duration(a);", "RETURN = 1;"], half, limits: small)).code
                == "query_budget_exceeded")
        #expect(await failure(["a = query_bucket(\"b\");", "a = sort_by_duration(a);", "RETURN = sum_durations(a);"], half, limits: small) == nil)
        // Steps: 50 × 1,000; sorting 800 events 70 times is 56,000.
        let loop = ["e = query_bucket(\"b\");"] + (0..<70).map { _ in "e = sort_by_duration(e);" } + ["RETURN = e;"]
        // (No time limit to speak of here: on a loaded machine the clock could stop it first.)
        let stepsOnly = QueryBudget.Limits(timeout: .seconds(3600), maxEvents: 1_000)
        #expect(try #require(await failure(loop, some, limits: stepsOnly)).message.contains("too much work"))
        // Time: a deadline already passed.
        let instant = QueryBudget.Limits(timeout: .zero, maxEvents: 1_000_000)
        #expect(try #require(await failure(["RETURN = nop();"], some, limits: instant)).message.contains("time limit"))
        // Within bounds the same queries run.
        #expect(await failure(["e = query_bucket(\"b\");", "RETURN = concat(e, e);"], some) == nil)
    }

    @Test("JSON in: key order and number literals kept, depth bounded, bad text refused with the byte offset")
    func json() throws {
        let text = #"{"z":1,"a":[1.50,2e3,-0,true,null],"nested":{"k":"v \u00e9 \ud83d\ude00 \"q\""}}"#
        let value = try AWJSONParser.parse(text)
        #expect(AWJSONWriter.text(value) == #"{"z":1,"a":[1.50,2e3,-0,true,null],"nested":{"k":"v é 😀 \"q\""}}"#)
        #expect(value == (try AWJSONParser.parse(#"{"nested":{"k":"v é 😀 \"q\""},"a":[1.5,2000,0,true,null],"z":1.0}"#)))
        #expect(throws: (any Error).self) { try AWJSONParser.parse(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)) }
        for bad in ["{", "[1,]", "{\"a\" 1}", "\"\\x\"", "01x", "nul", "\"\\ud800\"", "1e999", "\"a\u{01}\""] {
            #expect(throws: (any Error).self, "\(bad)") { try AWJSONParser.parse(bad) }
        }
    }

    @Test("timestamps: Python's isoformat, Z, offsets, any fraction; out-of-range and malformed refused")
    func timestamps() throws {
        #expect(try AWTime.parse("2026-06-01T00:00:00+00:00", field: "t") == origin)
        #expect(try AWTime.parse("2026-06-01T02:00:00.123456+02:00", field: "t") == origin + 123)
        #expect(try AWTime.parse("2026-05-31T19:30:00.5-04:30", field: "t") == origin + 500)
        #expect(try AWTime.parse("2026-06-01T00:00:00Z", field: "t") == origin)
        #expect(try AWTime.parse("2026-06-01T00:00:00", field: "t") == origin)
        #expect(AWTime.format(origin + 123) == "2026-06-01T00:00:00.123000+00:00")
        #expect(AWTime.format(origin) == "2026-06-01T00:00:00+00:00")
        for bad in ["", "2026-06-01", "2026-13-01T00:00:00Z", "1969-12-31T23:59:59Z", "2026-06-01T00:00:00+0", "2026-06-01T25:00:00Z",
                    "9999-01-01T00:00:00Z", "2026-06-01T00:00:00.Z"] {
            #expect(throws: (any Error).self, "\(bad)") { try AWTime.parse(bad, field: "t") }
        }
    }
}

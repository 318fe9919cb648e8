@testable import AWCompat
import Foundation
import Testing

/// Every query2 function on hand-made events, with results worked out by hand.
@Suite("query2 functions")
struct QueryFunctionTests {
    @Test("query_bucket reads the period's events newest first, cut to the period; names and find_bucket")
    func buckets() async throws {
        let src = MemorySource(buckets: [
            ("aw-watcher-window_laptop", "laptop", [app(-100, 200, "Code"), app(200, 10, "Slack")]),
            ("aw-watcher-window_desk", "desk", [app(300, 5, "Mail")]),
            ("aw-watcher-afk_laptop", "laptop", []),
        ])
        #expect(seen(try await run(["RETURN = query_bucket(\"aw-watcher-window_laptop\");"], src)) == [
            Seen(200, 10, #"{"app":"Slack"}"#), Seen(0, 100, #"{"app":"Code"}"#),   // cut at the period's start
        ])
        #expect(AWJSONWriter.text(try await run(["RETURN = query_bucket_names();"], src))
                 == #"["aw-watcher-window_laptop","aw-watcher-window_desk","aw-watcher-afk_laptop"]"#)
        #expect(try await run(["RETURN = find_bucket(\"aw-watcher-window_\");"], src) == .string("aw-watcher-window_laptop"))
        #expect(try await run(["RETURN = find_bucket(\"aw-watcher-window_\", \"desk\");"], src) == .string("aw-watcher-window_desk"))
        #expect(try await run(["RETURN = find_bucket(\"aw-watcher-window_desk\");"], src) == .string("aw-watcher-window_desk"))
        await #expect(throws: QueryError.self) { try await run(["RETURN = find_bucket(\"nothing\");"], src) }
        await #expect(throws: QueryError.self) { try await run(["RETURN = query_bucket(\"nothing\");"], src) }
    }

    @Test("flood: short gaps close (equal neighbours merge, different ones meet half-way), overlaps of equals merge")
    func flood() async throws {
        let events = [app(0, 10, "A"), app(12, 8, "A"), app(21, 9, "B"), app(40, 5, "B"), app(44, 6, "B")]
        // A 0–10 and A 12–20 merge (gap 2 < 5); B 21–30 meets A half-way at 20.5; B 40–45 is 10 s after (no flood);
        // B 44–50 overlaps B 40–45: merged to 40–50.
        #expect(seen(try await run(["RETURN = flood(query_bucket(\"b\"));"], source(events))) == [
            Seen(0, 20.5, #"{"app":"A"}"#), Seen(20.5, 9.5, #"{"app":"B"}"#), Seen(40, 10, #"{"app":"B"}"#),
        ])
        #expect(seen(try await run(["RETURN = flood(query_bucket(\"b\"), 15);"], source(events))) == [
            Seen(0, 20.5, #"{"app":"A"}"#), Seen(20.5, 29.5, #"{"app":"B"}"#),
        ])
        #expect(try await run(["RETURN = flood([]);"]) == .array([]))
    }

    @Test("merge_events_by_keys sums per distinct value in order of first appearance; chunk_events_by_key joins runs")
    func mergeAndChunk() async throws {
        let events = [app(0, 10, "A", title: "x"), app(10, 5, "B", title: "y"), app(15, 3, "A", title: "z"), ev(18, 7, [("title", .string("no app"))])]
        let q = ["e = sort_by_timestamp(query_bucket(\"b\"));"]
        #expect(seen(try await run(q + ["RETURN = merge_events_by_keys(e, [\"app\"]);"], source(events))) == [
            Seen(0, 13, #"{"app":"A"}"#), Seen(10, 5, #"{"app":"B"}"#),
        ])
        #expect(seen(try await run(q + ["RETURN = merge_events_by_keys(e, [\"app\", \"title\"]);"], source(events))).count == 3)
        #expect(try await run(q + ["RETURN = merge_events_by_keys(e, []);"], source(events)) == .array([]))
        let runs = [app(0, 1, "A"), app(1, 2, "A"), app(3, 4, "B"), ev(7, 9, []), app(16, 1, "A")]
        #expect(seen(try await run(["RETURN = chunk_events_by_key(sort_by_timestamp(query_bucket(\"b\")), \"app\");"], source(runs))) == [
            Seen(0, 3, #"{"app":"A"}"#), Seen(3, 4, #"{"app":"B"}"#), Seen(16, 1, #"{"app":"A"}"#),
        ])
    }

    @Test("filter_period_intersect keeps the parts inside the filter; touching and zero-length events")
    func intersect() async throws {
        let src = MemorySource(buckets: [
            ("w", "h", [app(0, 10, "A"), app(10, 10, "B"), app(12, 0, "Z"), app(30, 10, "C")]),
            ("f", "h", [ev(5, 10, [("status", .string("not-afk"))]), ev(20, 5, []), ev(35, 100, [])]),
        ])
        #expect(seen(try await run(["RETURN = filter_period_intersect(query_bucket(\"w\"), query_bucket(\"f\"));"], src)) == [
            Seen(5, 5, #"{"app":"A"}"#), Seen(10, 5, #"{"app":"B"}"#), Seen(35, 5, #"{"app":"C"}"#),
        ])
        #expect(try await run(["RETURN = filter_period_intersect(query_bucket(\"w\"), []);"], src) == .array([]))
    }

    @Test("period_union joins overlapping and touching periods without data; union_no_overlap fills only the gaps")
    func unions() async throws {
        let src = MemorySource(buckets: [
            ("a", "h", [app(0, 10, "A"), app(30, 10, "A")]),
            ("b", "h", [app(10, 5, "B"), app(35, 20, "B"), app(-50, 5, "B")]),
        ])
        #expect(seen(try await run(["RETURN = period_union(query_bucket(\"a\"), query_bucket(\"b\"));"], src)) == [
            Seen(0, 15, "{}"), Seen(30, 25, "{}"),
        ])
        let src2 = MemorySource(buckets: [("a", "h", [app(10, 10, "A")]), ("b", "h", [app(0, 30, "B")])])
        #expect(seen(try await run(["RETURN = union_no_overlap(query_bucket(\"a\"), query_bucket(\"b\"));"], src2)) == [
            Seen(0, 10, #"{"app":"B"}"#), Seen(10, 10, #"{"app":"A"}"#), Seen(20, 10, #"{"app":"B"}"#),
        ])
        #expect(try await run(["RETURN = union_no_overlap([], []);"]) == .array([]))
    }

    @Test("filter_keyvals, exclude_keyvals (numbers and bools by value), filter_keyvals_regex (case-sensitive, linear)")
    func filters() async throws {
        let events = [
            ev(0, 1, [("app", .string("Firefox")), ("audible", .bool(true)), ("tabs", .number("3"))]),
            ev(1, 1, [("app", .string("firefox")), ("audible", .bool(false)), ("tabs", .number("3.0"))]),
            ev(2, 1, [("app", .string("Code"))]),
        ]
        let q = ["e = sort_by_timestamp(query_bucket(\"b\"));"]
        #expect(seen(try await run(q + ["RETURN = filter_keyvals(e, \"audible\", [true]);"], source(events))).map(\.start) == [0])
        #expect(seen(try await run(q + ["RETURN = filter_keyvals(e, \"tabs\", [3]);"], source(events))).map(\.start) == [0, 1])
        #expect(seen(try await run(q + ["RETURN = exclude_keyvals(e, \"app\", [\"Code\", \"x\"]);"], source(events))).map(\.start) == [0, 1])
        #expect(seen(try await run(q + ["RETURN = filter_keyvals_regex(e, \"app\", \"^F\");"], source(events))).map(\.start) == [0])
        #expect(seen(try await run(q + ["RETURN = filter_keyvals_regex(e, \"app\", \"fox$\");"], source(events))).map(\.start) == [0, 1])
        // A pattern that backtracking engines take exponential time on: linear here, and simply no match.
        let long = [ev(0, 1, [("title", .string(String(repeating: "a", count: 5_000)))])]
        #expect(try await run(["RETURN = filter_keyvals_regex(query_bucket(\"b\"), \"title\", \"(a+)+b\");"], source(long)) == .array([]))
        await #expect(throws: QueryError.self) { try await run(q + ["RETURN = filter_keyvals_regex(e, \"app\", \"(\");"], source(events)) }
    }

    @Test("sorting (equal keys keep their order), limit_events, sum_durations, concat")
    func lists() async throws {
        let events = [app(0, 5, "A"), app(0, 7, "B"), app(3, 7, "C"), app(9, 1, "D")]
        let q = ["e = query_bucket(\"b\");"]
        // query_bucket gives newest first with equal starts later-inserted first: D, C, B, A.
        #expect(seen(try await run(q + ["RETURN = e;"], source(events))).map(\.data) == [#"{"app":"D"}"#, #"{"app":"C"}"#, #"{"app":"B"}"#, #"{"app":"A"}"#])
        #expect(seen(try await run(q + ["RETURN = sort_by_timestamp(e);"], source(events))).map(\.data)
                 == [#"{"app":"B"}"#, #"{"app":"A"}"#, #"{"app":"C"}"#, #"{"app":"D"}"#])
        #expect(seen(try await run(q + ["RETURN = sort_by_duration(e);"], source(events))).map(\.data)
                 == [#"{"app":"C"}"#, #"{"app":"B"}"#, #"{"app":"A"}"#, #"{"app":"D"}"#])
        #expect(seen(try await run(q + ["RETURN = limit_events(sort_by_duration(e), 2);"], source(events))).count == 2)
        #expect(seen(try await run(q + ["RETURN = limit_events(e, 99);"], source(events))).count == 4)
        #expect(try await run(q + ["RETURN = sum_durations(e);"], source(events)) == .number("20.0"))
        #expect(try await run(["RETURN = sum_durations([]);"]) == .number("0.0"))
        #expect(seen(try await run(q + ["RETURN = concat(e, limit_events(e, 1), []);"], source(events))).count == 5)
        await #expect(throws: QueryError.self) { try await run(q + ["RETURN = limit_events(e, -1);"], source(events)) }
    }

    @Test("split_url_events adds protocol, domain without www., path and params")
    func splitURL() async throws {
        let events = [
            ev(0, 1, [("url", .string("https://www.github.com/ActivityWatch/aw-server?tab=readme#top"))]),
            ev(1, 1, [("url", .string("file:///home/me/notes.txt"))]),
            ev(2, 1, [("url", .string("not a url"))]),
            ev(3, 1, [("title", .string("no url"))]),
        ]
        let result = seen(try await run(["RETURN = split_url_events(sort_by_timestamp(query_bucket(\"b\")));"], source(events)))
        #expect(result[0].data == #"{"url":"https:\/\/www.github.com\/ActivityWatch\/aw-server?tab=readme#top","$protocol":"https","$domain":"github.com","$path":"\/ActivityWatch\/aw-server","$params":"tab=readme"}"#
                || result[0].data == #"{"url":"https://www.github.com/ActivityWatch/aw-server?tab=readme#top","$protocol":"https","$domain":"github.com","$path":"/ActivityWatch/aw-server","$params":"tab=readme"}"#)
        #expect(result[1].data.contains(#""$domain":"file""#) && result[1].data.contains(#""$path":"/home/me/notes.txt""#))
        #expect(result[2].data == #"{"url":"not a url"}"#)
        #expect(result[3].data == #"{"title":"no url"}"#)
    }

    @Test("categorize picks the deepest matching category (later wins a tie); ignore_case; select_keys; tag")
    func categorize() async throws {
        let events = [app(0, 1, "Code", title: "main.SWIFT"), app(1, 1, "Slack", title: "general"), app(2, 1, "code", title: "x")]
        let classes = #"""
            [[["Work"], {"type": "regex", "regex": "Code"}],
             [["Work", "Programming"], {"type": "regex", "regex": "swift", "ignore_case": true}],
             [["Chat"], {"type": "regex", "regex": "slack", "ignore_case": true, "select_keys": ["app"]}],
             [["Never"], {"type": "regex", "regex": "general", "select_keys": ["app"]}],
             [["Nothing"], {"type": "none"}]]
            """#
        let result = seen(try await run(["RETURN = categorize(sort_by_timestamp(query_bucket(\"b\")), \(classes));"], source(events)))
        #expect(result.map(\.data) == [
            #"{"app":"Code","title":"main.SWIFT","$category":["Work","Programming"]}"#,
            #"{"app":"Slack","title":"general","$category":["Chat"]}"#,
            #"{"app":"code","title":"x","$category":["Uncategorized"]}"#,   // "Code" is case-sensitive
        ])
        let tags = #"[["dev", {"type": "regex", "regex": "code", "ignore_case": true}], ["b", {"type": "regex", "regex": "a"}], ["dev", {"type": "regex", "regex": "SWIFT"}]]"#
        #expect(seen(try await run(["RETURN = tag(sort_by_timestamp(query_bucket(\"b\")), \(tags));"], source(events))).map(\.data) == [
            #"{"app":"Code","title":"main.SWIFT","$tags":["b","dev"]}"#, #"{"app":"Slack","title":"general","$tags":["b"]}"#,
            #"{"app":"code","title":"x","$tags":["dev"]}"#,
        ])
        await #expect(throws: QueryError.self) { try await run(["RETURN = categorize([], [[[\"X\"], {\"type\": \"glob\"}]]);"]) }
    }

    @Test("values: assignments, RETURN and return, numbers, strings, lists, dicts, arithmetic, nop, TIMEINTERVAL")
    func values() async throws {
        #expect(AWJSONWriter.text(try await run([
            "a = 2; b = a * 3 + 1;", "s = \"x\" + \"y\";", "n = nop();",
            "RETURN = {\"b\": b, \"s\": s, \"l\": [1, 2.5, true, false, null], \"n\": n, \"neg\": -b % 4, \"eq\": a == 2};",
        ])) == #"{"b":7.0,"s":"xy","l":[1.0,2.5,true,false,null],"n":null,"neg":-3.0,"eq":true}"#)
        #expect(try await run(["x = 1;", "return x + 1;"]) == .number("2.0"))
        #expect(try await run(["# a comment line", "RETURN = TIMEINTERVAL;"]) == .string(day))
        #expect(try await run(["RETURN = \"quote \\\" and regex \\bword\";"]) == .string("quote \" and regex \\bword"))
    }

    @Test("several time periods, one result each; a period across a DST change is its true length")
    func periods() async throws {
        // Europe/Berlin moves to summer time on 2026-03-29: local midnight to midnight-plus-two-days is 47 hours.
        let long = MemorySource(buckets: [("b", "h", [AWEvent(start: 1_774_000_000_000, duration: 10 * 86_400_000, data: [])])])
        let result = try await AWQuery.run(
            lines: ["RETURN = sum_durations(query_bucket(\"b\"));"],
            timeperiods: ["2026-03-28T00:00:00+01:00/2026-03-30T00:00:00+02:00", "2026-03-28T00:00:00+01:00/2026-03-29T00:00:00+01:00"],
            source: long, limits: .init()
        )
        #expect(result == .array([.number("169200.0"), .number("86400.0")]))
        await #expect(throws: QueryError.self) {
            _ = try await AWQuery.run(lines: ["RETURN = 1;"], timeperiods: ["2026-03-29T00:00:00Z/2026-03-28T00:00:00Z"], source: long, limits: .init())
        }
        await #expect(throws: QueryError.self) {
            _ = try await AWQuery.run(lines: ["RETURN = 1;"], timeperiods: [], source: long, limits: .init())
        }
    }
}

@Suite("query2 over several periods")
struct QueryPeriodSliceTests {
    @Test("a bucket read once for all periods is sliced exactly as a read per period: long events reaching in, touching ones, zero-length")
    func slice() {
        // Newest first, as the store answers.
        let all = [app(500, 0, "Z"), app(300, 100, "C"), app(100, 150, "B"), app(0, 100, "A"), app(-400, 450, "Long")].sorted { $0.start > $1.start }
        func direct(_ from: Double, _ to: Double) -> [String] {
            let f = origin + Int64(from * 1000), t = origin + Int64(to * 1000)
            return all.filter { $0.start < t && ($0.end > f || $0.start >= f) }.compactMap { $0.data.value("app")?.stringValue }
        }
        func sliced(_ from: Double, _ to: Double, limit: Int = 100) -> [String] {
            AWQuerySource.slice(all, from: origin + Int64(from * 1000), to: origin + Int64(to * 1000), longest: 450_000, limit: limit)
                .compactMap { $0.data.value("app")?.stringValue }
        }
        for (from, to) in [(0.0, 100.0), (100, 200), (200, 300), (300, 500), (400, 600), (-1000, 1000), (40, 50), (600, 700)] {
            #expect(sliced(from, to) == direct(from, to), "[\(from), \(to))")
        }
        #expect(sliced(0, 100) == ["A", "Long"])
        #expect(sliced(-1000, 1000, limit: 2) == ["Z", "C"])
    }
}

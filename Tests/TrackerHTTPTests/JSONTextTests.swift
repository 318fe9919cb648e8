import Foundation
import Testing
@testable import TrackerHTTP

@Suite("Hand-written JSON")
struct JSONTextTests {
    @Test("escapes what JSON requires and reads back with a real parser", arguments: [
        "plain", "say \"hi\"", "back\\slash", "two\nlines\r\n", "tab\there", "bell\u{07}", "Jörg — ✓ 🚀", "",
    ])
    func roundTrip(value: String) throws {
        var document = JSONText()
        document.object { f in
            f.string("s", value)
            f.string("absent", nil)
            f.int("n", -42)
            f.bool("b", true)
            f.date("at", Date(timeIntervalSince1970: 1_790_000_000.5))
            f.strings("list", [value, "x"])
            f.array("rows", [1, 2]) { item, f in f.int("i", item) }
            f.object("nested") { n in n.string("t", value) }
        }
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(document.text.utf8)) as? [String: Any])
        #expect(parsed["s"] as? String == value && parsed["absent"] == nil && parsed["n"] as? Int == -42 && parsed["b"] as? Bool == true)
        #expect(parsed["at"] as? String == "2026-09-21T14:13:20.500Z")
        #expect(parsed["list"] as? [String] == [value, "x"])
        #expect((parsed["rows"] as? [[String: Int]])?.map { $0["i"] } == [1, 2])
        #expect((parsed["nested"] as? [String: String])?["t"] == value)
    }

    @Test("timestamps read as RFC3339.format writes them: whole seconds, milliseconds, before 1970, year 9999")
    func dates() throws {
        var samples = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1.5), Date(timeIntervalSince1970: 253_402_300_799.999)]
        for _ in 0..<2_000 {
            let millis = Int64.random(in: -2_000_000_000_000...4_000_000_000_000)
            samples.append(Date(timeIntervalSince1970: Double(Bool.random() ? millis : millis / 1000 * 1000) / 1000))
        }
        var document = JSONText()
        document.object { f in f.array("d", samples) { date, f in f.date("v", date) } }
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(document.bytes)) as? [String: [[String: String]]])
        #expect(parsed["d"]?.map { $0["v"] } == samples.map(RFC3339.format))
    }
}

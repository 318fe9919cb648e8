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
            f.raw("rows", JSONText.array([1, 2]) { item, f in f.int("i", item) })
        }
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(document.text.utf8)) as? [String: Any])
        #expect(parsed["s"] as? String == value && parsed["absent"] == nil && parsed["n"] as? Int == -42 && parsed["b"] as? Bool == true)
        #expect(parsed["at"] as? String == "2026-09-21T14:13:20.500Z")
        #expect(parsed["list"] as? [String] == [value, "x"])
        #expect((parsed["rows"] as? [[String: Int]])?.map { $0["i"] } == [1, 2])
    }
}

import Foundation
import Testing
import TrackerHTTP

@Suite("RFC 3339")
struct RFC3339Tests {
    static let valid: [(String, Double)] = [
        ("2026-03-01T09:30:00Z", 1_772_357_400),
        ("2026-03-01T09:30:00.250Z", 1_772_357_400.25),
        ("2026-03-01T10:30:00+01:00", 1_772_357_400),
        ("2026-03-01T04:00:00-05:30", 1_772_357_400),
        ("2024-02-29T00:00:00z", 1_709_164_800),
        ("1970-01-01T00:00:00Z", 0),
        ("2100-12-31T23:59:59Z", 4_133_980_799),
        ("1970-01-01T00:30:00+00:30", 0),
    ]
    static let invalid = ["2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-03-01T24:00:00Z", "2026-03-01 09:30",
                          "2026-03-01T09:30:00", "2026-03-01T09:30:00+0100", "yesterday", "2026-03-01T09:30:00.Z",
                          "2026-03-01T09:30:00ZZ", "",
                          // Outside the accepted range 1970–2100 (DateBounds), whatever the offset says.
                          "1969-12-31T23:59:59.5Z", "0001-01-01T00:00:00Z", "2101-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                          "1970-01-01T00:00:00+00:01", "2100-12-31T23:59:59-00:01"]

    @Test("parses with any offset and fractions", arguments: valid)
    func parses(text: String, seconds: Double) {
        #expect(RFC3339.parse(text)?.timeIntervalSince1970 == seconds)
    }

    @Test("refuses malformed and impossible timestamps", arguments: invalid)
    func refuses(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test("formats in UTC, with milliseconds only when present, and round-trips")
    func formats() {
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1_772_357_400)) == "2026-03-01T09:30:00Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1_772_357_400.25)) == "2026-03-01T09:30:00.250Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
        for seconds in stride(from: 0.0, to: 4_133_980_800, by: 123_456_789.123) {
            let date = Date(timeIntervalSince1970: (seconds * 1000).rounded() / 1000)
            #expect(RFC3339.parse(RFC3339.format(date)) == date)
        }
        let iso = ISO8601DateFormatter()
        for seconds in stride(from: 0.0, to: 4_000_000_000, by: 97_654_321) {
            #expect(RFC3339.format(Date(timeIntervalSince1970: seconds)) == iso.string(from: Date(timeIntervalSince1970: seconds)))
        }
    }
}

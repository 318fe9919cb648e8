import Foundation

/// The one JSON convention of the API: camelCase keys, timestamps as RFC 3339 (`2026-03-01T09:30:00Z`),
/// accepted with any offset and with or without fractional seconds, always written in UTC.
public enum JSONCoding {
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.format(date))
        }
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = RFC3339.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected an RFC 3339 timestamp such as 2026-03-01T09:30:00Z"
                )
            }
            return date
        }
        return decoder
    }()
}

/// RFC 3339 timestamps. `ISO8601DateFormatter` is thread-safe for formatting and parsing once configured.
public enum RFC3339 {
    nonisolated(unsafe) private static let whole: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f
    }()

    nonisolated(unsafe) private static let fractional: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }()

    public static func parse(_ text: String) -> Date? {
        whole.date(from: text) ?? fractional.date(from: text)
    }

    public static func format(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        return seconds == seconds.rounded() ? whole.string(from: date) : fractional.string(from: date)
    }
}

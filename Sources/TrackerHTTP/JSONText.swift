import Foundation
import Hummingbird
import NIOCore
import TrackerCore

/// A JSON document written by hand, for large answers where Foundation's `JSONEncoder` costs more than the queries
/// behind them (tens of microseconds per object on Linux). Same conventions as `JSONCoding`: camelCase keys, RFC 3339
/// UTC timestamps, nil fields left out. Everything is appended to one byte buffer — nested objects and arrays too —
/// because an organisation's month of attendance is megabytes, and building strings per part and joining them cost
/// more than writing them.
public struct JSONText: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `{` … `}` with `body` writing the fields.
    public mutating func object(_ body: (inout Fields) -> Void) {
        var fields = Fields()
        swap(&fields.out, &bytes)
        fields.nested(body)
        swap(&fields.out, &bytes)
    }

    /// Appends `"key":value` pairs to the document's buffer.
    public struct Fields: Sendable {
        var out: [UInt8] = []
        var first = true

        mutating func key(_ key: String) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: key.utf8)   // keys are our own identifiers: nothing to escape
            out.append(contentsOf: "\":".utf8)
        }

        public mutating func string(_ key: String, _ value: String?) {
            guard let value else { return }
            self.key(key)
            JSONText.appendQuoted(value, to: &out)
        }

        public mutating func int(_ key: String, _ value: Int?) {
            guard let value else { return }
            self.key(key)
            out.append(contentsOf: String(value).utf8)
        }

        public mutating func bool(_ key: String, _ value: Bool) {
            self.key(key)
            out.append(contentsOf: (value ? "true" : "false").utf8)
        }

        public mutating func date(_ key: String, _ value: Date?) {
            guard let value else { return }
            self.key(key)
            JSONText.appendDate(value, to: &out)
        }

        public mutating func strings(_ key: String, _ values: [String]) {
            self.key(key)
            out.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendQuoted(value, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }

        /// `"key":{…}` with `body` writing the nested fields.
        public mutating func object(_ key: String, _ body: (inout Fields) -> Void) {
            self.key(key)
            nested(body)
        }

        /// `"key":[{…},…]`, each item's fields written by `write`.
        public mutating func array<T>(_ key: String, _ items: [T], _ write: (T, inout Fields) -> Void) {
            self.key(key)
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                nested { write(item, &$0) }
            }
            out.append(UInt8(ascii: "]"))
        }

        /// `{…}` appended to this buffer, its fields written by `body`.
        fileprivate mutating func nested(_ body: (inout Fields) -> Void) {
            var inner = Fields()
            swap(&inner.out, &out)
            inner.out.append(UInt8(ascii: "{"))
            body(&inner)
            inner.out.append(UInt8(ascii: "}"))
            swap(&inner.out, &out)
        }
    }

    /// Appends `value` as a JSON string literal; text with nothing to escape (nearly all) is copied as it is.
    public static func appendQuoted(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out.append(contentsOf: value.utf8)
        } else {
            for byte in value.utf8 {
                switch byte {
                case 0x22: out.append(contentsOf: "\\\"".utf8)
                case 0x5C: out.append(contentsOf: "\\\\".utf8)
                case 0x0A: out.append(contentsOf: "\\n".utf8)
                case 0x0D: out.append(contentsOf: "\\r".utf8)
                case 0x09: out.append(contentsOf: "\\t".utf8)
                case ..<0x20:
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(hexDigit(byte >> 4))
                    out.append(hexDigit(byte & 0x0F))
                default: out.append(byte)   // UTF-8 continuation and lead bytes pass through unchanged
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }

    /// Appends `"yyyy-MM-ddTHH:mm:ss[.SSS]Z"` (what `RFC3339.format` writes), digit by digit.
    static func appendDate(_ date: Date, to out: inout [UInt8]) {
        let totalMillis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var days = totalMillis / 86_400_000
        var millisOfDay = totalMillis % 86_400_000
        if millisOfDay < 0 { millisOfDay += 86_400_000; days -= 1 }
        let (y, m, d) = CivilDays.date(Int(days))
        let seconds = Int(millisOfDay / 1000), millis = Int(millisOfDay % 1000)
        func digits(_ value: Int, _ width: Int) {
            guard value >= 0, value < [1, 10, 100, 1000, 10000][min(width, 4)] else {
                out.append(contentsOf: String(value).utf8)   // outside the fixed width (years past 9999): as it is
                return
            }
            var divisor = [1, 1, 10, 100, 1000][width]
            while divisor > 0 {
                out.append(UInt8(truncatingIfNeeded: 0x30 + value / divisor % 10))
                divisor /= 10
            }
        }
        out.append(UInt8(ascii: "\""))
        digits(y, 4); out.append(UInt8(ascii: "-")); digits(m, 2); out.append(UInt8(ascii: "-")); digits(d, 2)
        out.append(UInt8(ascii: "T"))
        digits(seconds / 3600, 2); out.append(UInt8(ascii: ":")); digits(seconds / 60 % 60, 2); out.append(UInt8(ascii: ":"))
        digits(seconds % 60, 2)
        if millis != 0 { out.append(UInt8(ascii: ".")); digits(millis, 3) }
        out.append(contentsOf: "Z\"".utf8)
    }

    /// The document as a `200 application/json` response.
    public func response() -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

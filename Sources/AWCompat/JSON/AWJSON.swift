/// A JSON value as ActivityWatch clients send it: objects keep their keys' order and numbers their literal text, so
/// an event's `data` written back is the bytes that came in (a custom bucket round-trips byte for byte).
public indirect enum AWJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    /// The literal as written (`1`, `1.50`, `2e3`); compared and hashed by value.
    case number(String)
    case string(String)
    case array([AWJSON])
    case object([Member])

    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: AWJSON

        public init(_ key: String, _ value: AWJSON) {
            self.key = key
            self.value = value
        }
    }

    /// A number from a computed value: whole numbers as `3600.0`, as aw-server writes seconds.
    public static func double(_ value: Double) -> AWJSON {
        guard value.isFinite else { return .null }
        if value == value.rounded(), abs(value) < 1e15 { return .number("\(Int64(value)).0") }
        return .number("\(value)")
    }

    public var doubleValue: Double? {
        if case .number(let text) = self { return Double(text) }
        return nil
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var members: [Member]? {
        if case .object(let members) = self { return members }
        return nil
    }

    public var elements: [AWJSON]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The value under `key` of an object (the first, should a client repeat a key).
    public subscript(key: String) -> AWJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    public static func == (lhs: AWJSON, rhs: AWJSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b || Double(a) == Double(b)
        // By bytes, as aw-server compares (and Swift's canonical-equivalence hashing of non-ASCII text is slow).
        case (.string(let a), .string(let b)): return a.utf8.elementsEqual(b.utf8)
        case (.array(let a), .array(let b)): return a == b
        // Objects are equal with the same keys and values in any order (JSON's meaning, and aw-server's).
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            return a.allSatisfy { member in b.contains { $0.key == member.key && $0.value == member.value } }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .number(let text): hasher.combine(Double(text) ?? .nan)
        case .string(let text): AWJSON.hashBytes(text, into: &hasher)
        case .array(let elements): hasher.combine(elements)
        case .object(let members):
            // Order-independent, like equality.
            var sum = 0
            for member in members { sum &+= member.hashValue }
            hasher.combine(members.count)
            hasher.combine(sum)
        }
    }
}

extension AWJSON {
    /// Hashes the text's UTF-8 bytes (consistent with `==` on strings here).
    static func hashBytes(_ text: String, into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(text.utf8.count)
    }
}

/// A string keyed by its bytes (memo tables of query2: exact values, hashed fast).
struct ByteKey: Hashable {
    let text: String
    static func == (a: ByteKey, b: ByteKey) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
    func hash(into hasher: inout Hasher) { AWJSON.hashBytes(text, into: &hasher) }
}

extension Array where Element == AWJSON.Member {
    /// The value under `key`, if any.
    public func value(_ key: String) -> AWJSON? { first { $0.key == key }?.value }

    /// Sets `key` (replacing its value in place, or appending it).
    public mutating func set(_ key: String, _ value: AWJSON) {
        if let index = firstIndex(where: { $0.key == key }) { self[index].value = value } else { append(.init(key, value)) }
    }
}

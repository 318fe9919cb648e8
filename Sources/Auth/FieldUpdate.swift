/// A PATCH field: absent (leave as is), `null` (clear), or a value (set).
public enum FieldUpdate<Value: Decodable & Sendable>: Sendable {
    case unchanged
    case clear
    case set(Value)

    public func apply(to current: Value?) -> Value? {
        switch self {
        case .unchanged: current
        case .clear: nil
        case .set(let value): value
        }
    }
}

extension KeyedDecodingContainer {
    public func decodeUpdate<Value: Decodable & Sendable>(_ type: Value.Type, forKey key: Key) throws -> FieldUpdate<Value> {
        guard contains(key) else { return .unchanged }
        if try decodeNil(forKey: key) { return .clear }
        return .set(try decode(Value.self, forKey: key))
    }
}

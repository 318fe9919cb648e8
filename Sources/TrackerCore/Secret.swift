/// Wraps a value that must never reach a log or an error body. Its descriptions are masked.
public struct Secret<Value: Sendable>: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public let value: Value

    public init(_ value: Value) {
        self.value = value
    }

    public var description: String { "******" }
    public var debugDescription: String { "******" }
}

extension Secret: Equatable where Value: Equatable {}

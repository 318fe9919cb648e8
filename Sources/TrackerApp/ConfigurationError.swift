/// An invalid configuration value. Its description is the one line the process prints before it exits:
/// it names the environment variable (the public contract) and never echoes a secret.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public let key: String
    public let reason: String

    public init(key: String, reason: String) {
        self.key = key
        self.reason = reason
    }

    public var description: String { "invalid configuration: \(key): \(reason)" }
}

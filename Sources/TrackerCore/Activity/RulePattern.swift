import Foundation

/// What a productivity rule looks at.
public enum RuleField: String, Sendable, Codable, CaseIterable, Equatable {
    case app, title, url, domain
}

/// How a rule's pattern matches (always case-insensitive).
public enum MatchKind: String, Sendable, Codable, CaseIterable, Equatable {
    /// The whole value equals the pattern.
    case exact
    /// `*` any run of characters, `?` one character; the whole value must match.
    case glob
    /// A regular expression searched anywhere in the value; validated against catastrophic backtracking.
    case regex
}

/// A compiled, validated pattern. Every kind matches in time linear in the value (cut at `maxInputLength`):
/// globs by `GlobPattern`, regular expressions by `LinearRegex` (a Pike VM with a bounded program), so no rule can
/// stall ingest, which evaluates rules inside its write transaction.
public struct RulePattern: Sendable {
    public let kind: MatchKind
    public let pattern: String
    private let lowered: String
    private let matcher: Matcher

    private enum Matcher: Sendable {
        case exact
        case glob(GlobPattern)
        case regex(LinearRegex)
    }

    public static let maxLength = 200
    /// Values longer than this are cut before matching, bounding the work any one match can do.
    public static let maxInputLength = 1024

    public init(kind: MatchKind, pattern: String) throws {
        guard !pattern.isEmpty else { throw SimpleAppError.invalid("pattern", "must not be empty") }
        guard pattern.count <= Self.maxLength else { throw SimpleAppError.invalid("pattern", "must be at most \(Self.maxLength) characters") }
        self.kind = kind
        self.pattern = pattern
        self.lowered = pattern.lowercased()
        switch kind {
        case .exact: matcher = .exact
        case .glob: matcher = .glob(GlobPattern(pattern))
        case .regex: matcher = .regex(try LinearRegex(pattern))
        }
    }

    public func matches(_ value: String) -> Bool {
        let value = value.unicodeScalars.count > Self.maxInputLength ? String(String.UnicodeScalarView(value.unicodeScalars.prefix(Self.maxInputLength))) : value
        switch matcher {
        case .exact: return value.lowercased() == lowered
        case .glob(let glob): return glob.matches(value)
        case .regex(let regex): return regex.matches(value)
        }
    }
}

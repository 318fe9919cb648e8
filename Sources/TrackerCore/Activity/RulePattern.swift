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

/// A compiled, validated pattern.
public struct RulePattern: Sendable {
    public let kind: MatchKind
    public let pattern: String
    private let lowered: String
    private let regex: NSRegularExpressionBox?

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
        case .exact:
            regex = nil
        case .glob:
            regex = try NSRegularExpressionBox("^" + Self.globToRegex(pattern) + "$")
        case .regex:
            try RegexSafety.validate(pattern)
            regex = try NSRegularExpressionBox(pattern)
        }
    }

    public func matches(_ value: String) -> Bool {
        let value = value.count > Self.maxInputLength ? String(value.prefix(Self.maxInputLength)) : value
        switch kind {
        case .exact: return value.lowercased() == lowered
        case .glob, .regex: return regex?.firstMatch(in: value) ?? false
        }
    }

    static func globToRegex(_ glob: String) -> String {
        var out = ""
        for character in glob {
            switch character {
            case "*": out += ".*"
            case "?": out += "."
            default: out += NSRegularExpression.escapedPattern(for: String(character))
            }
        }
        return out
    }
}

/// `NSRegularExpression` is immutable once built and documented thread-safe for matching.
final class NSRegularExpressionBox: @unchecked Sendable {
    let regex: NSRegularExpression

    init(_ pattern: String) throws {
        do {
            regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        } catch {
            throw SimpleAppError.invalid("pattern", "is not a valid regular expression")
        }
    }

    func firstMatch(in value: String) -> Bool {
        regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
    }
}

/// Rejects regular expressions that can backtrack catastrophically on a backtracking engine
/// (NSRegularExpression is one): nested unbounded quantifiers such as `(a+)+`, quantified groups containing
/// alternation such as `(a|ab)*`, backreferences and lookarounds. Conservative by design: a rule can always be
/// written without them.
public enum RegexSafety {
    public static func validate(_ pattern: String) throws {
        let chars = Array(pattern)
        // For each open group: does it contain an unbounded quantifier or an alternation?
        var groups: [(quantified: Bool, alternation: Bool)] = []
        var index = 0
        func fail(_ why: String) -> SimpleAppError { SimpleAppError.invalid("pattern", why) }
        func unboundedQuantifier(at i: Int) -> Bool {
            guard i < chars.count else { return false }
            if chars[i] == "*" || chars[i] == "+" { return true }
            if chars[i] == "{" {
                var j = i + 1
                var text = ""
                while j < chars.count, chars[j] != "}" { text.append(chars[j]); j += 1 }
                let parts = text.split(separator: ",", omittingEmptySubsequences: false)
                if parts.count == 2 && parts[1].isEmpty { return true }           // {n,}
                if let upper = parts.last.flatMap({ Int($0) }), upper > 100 { return true }
            }
            return false
        }
        while index < chars.count {
            let c = chars[index]
            switch c {
            case "\\":
                guard index + 1 < chars.count else { throw fail("ends with a lone backslash") }
                if chars[index + 1].isNumber && chars[index + 1] != "0" { throw fail("backreferences are not allowed") }
                if chars[index + 1] == "k" { throw fail("backreferences are not allowed") }
                index += 2
                if unboundedQuantifier(at: index), !groups.isEmpty { groups[groups.count - 1].quantified = true }
                continue
            case "[":
                // Skip a character class; a quantifier after it counts like one after a literal.
                var j = index + 1
                if j < chars.count, chars[j] == "^" { j += 1 }
                if j < chars.count, chars[j] == "]" { j += 1 }
                while j < chars.count, chars[j] != "]" { j += chars[j] == "\\" ? 2 : 1 }
                index = j + 1
                if unboundedQuantifier(at: index), !groups.isEmpty { groups[groups.count - 1].quantified = true }
                continue
            case "(":
                if index + 1 < chars.count, chars[index + 1] == "?" {
                    let next = index + 2 < chars.count ? chars[index + 2] : " "
                    if next == "=" || next == "!" || next == "<" { throw fail("lookarounds are not allowed") }
                }
                groups.append((false, false))
            case ")":
                guard let group = groups.popLast() else { throw fail("has an unbalanced parenthesis") }
                let quantifiedGroup = unboundedQuantifier(at: index + 1)
                if quantifiedGroup && (group.quantified || group.alternation) {
                    throw fail("nested or alternating repetition like (a+)+ or (a|b)* can take exponential time")
                }
                if (group.quantified || quantifiedGroup), !groups.isEmpty { groups[groups.count - 1].quantified = true }
                if group.alternation, !groups.isEmpty { groups[groups.count - 1].alternation = true }
            case "|":
                if !groups.isEmpty { groups[groups.count - 1].alternation = true }
            case "*", "+":
                if !groups.isEmpty { groups[groups.count - 1].quantified = true }
            case "{":
                if unboundedQuantifier(at: index), !groups.isEmpty { groups[groups.count - 1].quantified = true }
            default:
                break
            }
            index += 1
        }
        guard groups.isEmpty else { throw fail("has an unbalanced parenthesis") }
    }
}

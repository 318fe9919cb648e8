/// The regular-expression subset rules accept, parsed into a tree for `LinearRegex`.
///
/// Supported: literals, `.`, classes `[a-z0-9_]` / `[^…]` with escapes inside, `\d \D \w \W \s \S`, `\b \B`, `^ $`
/// (`\A \z` too), groups `( )` and `(?: )`, `|`, and the quantifiers `* + ? {n} {n,} {n,m}` (a lazy `?` after one
/// is accepted: only whether a rule matches matters, not which text). Refused with a `400` naming `pattern`:
/// backreferences, lookarounds, atomic groups, named groups, inline flags and Unicode properties — features no
/// linear-time engine can offer (or that we do not need); every accepted pattern matches in time linear in its input.
indirect enum RegexNode: Sendable, Equatable {
    case empty
    case literal(Unicode.Scalar)
    case any
    case set(RegexClass)
    case assertion(RegexAssertion)
    case concat([RegexNode])
    case alternation([RegexNode])
    /// `max` nil: unbounded.
    case repeated(RegexNode, min: Int, max: Int?)
}

enum RegexAssertion: Sendable, Equatable {
    case lineStart, lineEnd, textStart, textEnd, wordBoundary, notWordBoundary
}

/// A character class: ranges plus named classes, possibly negated.
struct RegexClass: Sendable, Equatable {
    enum Named: Sendable, Equatable { case digit, word, space, notDigit, notWord, notSpace }
    var ranges: [ClosedRange<UInt32>] = []
    var named: [Named] = []
    var negated = false
    var ignoresCase = true

    /// Membership; ignoring case, the scalar, its lower-case and its upper-case form are tried.
    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let hit = (ignoresCase ? Self.variants(scalar) : [scalar]).contains { v in
            ranges.contains { $0.contains(v.value) } || named.contains { $0.contains(v) }
        }
        return hit != negated
    }

    static func variants(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        var result = [scalar]
        for mapped in [scalar.properties.lowercaseMapping, scalar.properties.uppercaseMapping] {
            let scalars = mapped.unicodeScalars
            if scalars.count == 1, let only = scalars.first, only != scalar { result.append(only) }
        }
        return result
    }
}

extension RegexClass.Named {
    func contains(_ s: Unicode.Scalar) -> Bool {
        switch self {
        case .digit: s.properties.generalCategory == .decimalNumber
        case .notDigit: s.properties.generalCategory != .decimalNumber
        case .word: RegexSyntax.isWord(s)
        case .notWord: !RegexSyntax.isWord(s)
        case .space: s.properties.isWhitespace
        case .notSpace: !s.properties.isWhitespace
        }
    }
}

/// Recursive-descent parser over Unicode scalars. Nesting depth and repetition counts are bounded so neither the
/// parser nor the compiled program can be made large by a short pattern.
struct RegexSyntax {
    static let maxDepth = 32
    static let maxRepeat = 100

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var depth = 0

    static func isWord(_ s: Unicode.Scalar) -> Bool {
        s == "_" || s.properties.isAlphabetic || s.properties.generalCategory == .decimalNumber
    }

    static func parse(_ pattern: String) throws -> RegexNode {
        var parser = RegexSyntax(scalars: Array(pattern.unicodeScalars))
        let node = try parser.alternation()
        guard parser.index == parser.scalars.count else { throw fail("has an unbalanced parenthesis") }
        return node
    }

    private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    static func fail(_ why: String) -> SimpleAppError { SimpleAppError.invalid("pattern", why) }

    private var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func next() throws -> Unicode.Scalar {
        guard let c = peek else { throw Self.fail("ends too early") }
        index += 1
        return c
    }

    private mutating func alternation() throws -> RegexNode {
        var branches = [try concatenation()]
        while peek == "|" {
            index += 1
            branches.append(try concatenation())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func concatenation() throws -> RegexNode {
        var items: [RegexNode] = []
        while let c = peek, c != "|", c != ")" {
            let atom = try self.atom()
            items.append(try quantified(atom))
        }
        return items.isEmpty ? .empty : items.count == 1 ? items[0] : .concat(items)
    }

    private mutating func quantified(_ atom: RegexNode) throws -> RegexNode {
        let bounds: (Int, Int?)
        switch peek {
        case "*": index += 1; bounds = (0, nil)
        case "+": index += 1; bounds = (1, nil)
        case "?": index += 1; bounds = (0, 1)
        case "{":
            guard let counted = try countedBounds() else { return atom }
            bounds = counted
        default: return atom
        }
        if case .assertion = atom { throw Self.fail("has a quantifier on an anchor") }
        if peek == "?" { index += 1 }  // lazy: the same language, and only whether a rule matches counts
        if let n = peek, n == "*" || n == "+" || n == "?" || n == "{" && (try? peekCounted()) == true {
            throw Self.fail("has a quantifier on a quantifier (possessive and nested quantifiers need a group)")
        }
        return .repeated(atom, min: bounds.0, max: bounds.1)
    }

    private func peekCounted() throws -> Bool {
        var copy = self
        return try copy.countedBounds() != nil
    }

    /// `{n}`, `{n,}`, `{n,m}` with n, m ≤ 100; a `{` that starts none of these is a literal.
    private mutating func countedBounds() throws -> (Int, Int?)? {
        var j = index + 1
        func number() -> Int? {
            var value = 0, digits = 0
            while j < scalars.count, (48...57).contains(scalars[j].value) {
                let d = Int(scalars[j].value - 48)
                guard digits < 4 else { return nil }
                value = value * 10 + d
                digits += 1
                j += 1
            }
            return digits == 0 ? nil : value
        }
        guard let low = number() else { return nil }
        var high: Int? = low
        if j < scalars.count, scalars[j] == "," {
            j += 1
            high = number()
        }
        guard j < scalars.count, scalars[j] == "}" else { return nil }
        index = j + 1
        guard low <= Self.maxRepeat, (high ?? 0) <= Self.maxRepeat else { throw Self.fail("repetition counts must be at most \(Self.maxRepeat)") }
        if let high, high < low { throw Self.fail("has a repetition {n,m} with m < n") }
        return (low, high)
    }

    private mutating func atom() throws -> RegexNode {
        let c = try next()
        switch c {
        case ".": return .any
        case "^": return .assertion(.lineStart)
        case "$": return .assertion(.lineEnd)
        case "[": return .set(try characterClass())
        case "\\": return try escape(inClass: false)
        case "*", "+", "?": throw Self.fail("has a quantifier with nothing to repeat")
        case "(":
            if peek == "?" {
                index += 1
                let kind = try next()
                switch kind {
                case ":": break
                case "=", "!": throw Self.fail("lookarounds are not supported")
                case "<":
                    if peek == "=" || peek == "!" { throw Self.fail("lookarounds are not supported") }
                    throw Self.fail("named groups are not supported; use (…) or (?:…)")
                case ">": throw Self.fail("atomic groups are not supported")
                default: throw Self.fail("inline flags and other (?…) groups are not supported (matching is always case-insensitive)")
                }
            }
            depth += 1
            guard depth <= Self.maxDepth else { throw Self.fail("nests groups more than \(Self.maxDepth) deep") }
            let inner = try alternation()
            guard peek == ")" else { throw Self.fail("has an unbalanced parenthesis") }
            index += 1
            depth -= 1
            return inner
        case ")": throw Self.fail("has an unbalanced parenthesis")
        default: return .literal(c)
        }
    }

    private mutating func escape(inClass: Bool) throws -> RegexNode {
        guard let c = peek else { throw Self.fail("ends with a lone backslash") }
        index += 1
        switch c {
        case "d": return .set(RegexClass(named: [.digit]))
        case "D": return .set(RegexClass(named: [.notDigit]))
        case "w": return .set(RegexClass(named: [.word]))
        case "W": return .set(RegexClass(named: [.notWord]))
        case "s": return .set(RegexClass(named: [.space]))
        case "S": return .set(RegexClass(named: [.notSpace]))
        case "b" where !inClass: return .assertion(.wordBoundary)
        case "B" where !inClass: return .assertion(.notWordBoundary)
        case "A" where !inClass: return .assertion(.textStart)
        case "z" where !inClass, "Z" where !inClass: return .assertion(.textEnd)
        case "b": return .literal("\u{8}")
        case "t": return .literal("\t")
        case "n": return .literal("\n")
        case "r": return .literal("\r")
        case "f": return .literal("\u{C}")
        case "v": return .literal("\u{B}")
        case "0": return .literal("\0")
        case "x": return .literal(try hexScalar(digits: 2))
        case "u": return .literal(try hexScalar(digits: 4))
        case "k": throw Self.fail("backreferences are not supported")
        case "p", "P": throw Self.fail("Unicode property classes are not supported")
        default:
            if c.properties.numericType != nil { throw Self.fail("backreferences are not supported") }
            if c.properties.isAlphabetic { throw Self.fail("has an unknown escape \\\(c)") }
            return .literal(c)
        }
    }

    private mutating func hexScalar(digits: Int) throws -> Unicode.Scalar {
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let d = hexDigit(try next()) else {
                throw Self.fail("has a bad hexadecimal escape")
            }
            value = value * 16 + d
        }
        guard let scalar = Unicode.Scalar(value) else { throw Self.fail("has a bad hexadecimal escape") }
        return scalar
    }

    private func hexDigit(_ c: Unicode.Scalar) -> UInt32? {
        switch c {
        case "0"..."9": c.value - 48
        case "a"..."f": c.value - 87
        case "A"..."F": c.value - 55
        default: nil
        }
    }

    private mutating func characterClass() throws -> RegexClass {
        var result = RegexClass()
        if peek == "^" { result.negated = true; index += 1 }
        var first = true
        while true {
            guard let c = peek else { throw Self.fail("has an unclosed character class") }
            if c == "]" && !first { index += 1; return result }
            first = false
            index += 1
            let low: Unicode.Scalar
            if c == "\\" {
                switch try escape(inClass: true) {
                case .literal(let scalar): low = scalar
                case .set(let named): result.named += named.named; continue
                default: throw Self.fail("has an escape that cannot stand in a character class")
                }
            } else if c == "[" && (peek == ":" || peek == "=" || peek == ".") {
                throw Self.fail("POSIX classes like [:alpha:] are not supported")
            } else {
                low = c
            }
            if peek == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
                index += 1
                var high = try next()
                if high == "\\" {
                    guard case .literal(let scalar) = try escape(inClass: true) else { throw Self.fail("has a bad range in a character class") }
                    high = scalar
                }
                guard low.value <= high.value else { throw Self.fail("has a reversed range in a character class") }
                result.ranges.append(low.value...high.value)
            } else {
                result.ranges.append(low.value...low.value)
            }
        }
    }
}

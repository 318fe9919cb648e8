/// A glob (`*` any run of characters, `?` exactly one, everything else literal, case-insensitive) matched against
/// the whole value without backtracking: the pattern is split at its stars, the first piece must start the value,
/// the last must end it, and each middle piece is taken at its leftmost occurrence — leftmost is always safe for
/// globs, so the cost is at most `value length × pattern length` and `*a*a*a*a*a*a*b` stays linear in the value.
public struct GlobPattern: Sendable {
    /// Pieces between stars; `?` is nil.
    private let pieces: [[Unicode.Scalar?]]
    private let startsWithStar: Bool
    private let endsWithStar: Bool

    public init(_ pattern: String) {
        var pieces: [[Unicode.Scalar?]] = [[]]
        for c in pattern.unicodeScalars {
            switch c {
            case "*": pieces.append([])
            case "?": pieces[pieces.count - 1].append(nil)
            default: pieces[pieces.count - 1].append(LinearRegex.fold(c))
            }
        }
        startsWithStar = pattern.unicodeScalars.first == "*"
        endsWithStar = pattern.unicodeScalars.last == "*"
        self.pieces = pieces.filter { !$0.isEmpty }
    }

    public func matches(_ value: String) -> Bool {
        let input = value.unicodeScalars.map(LinearRegex.fold)
        var pieces = self.pieces[...]
        var lo = 0, hi = input.count
        if !startsWithStar {
            guard let first = pieces.popFirst() else { return input.isEmpty }
            guard Self.fits(first, input, at: 0) else { return false }
            lo = first.count
            if pieces.isEmpty && !endsWithStar { return lo == input.count }
        }
        if !endsWithStar {
            guard let last = pieces.popLast() else { return true }
            guard last.count <= hi - lo, Self.fits(last, input, at: hi - last.count) else { return false }
            hi -= last.count
        }
        for piece in pieces {
            guard let at = Self.find(piece, input, from: lo, before: hi) else { return false }
            lo = at + piece.count
        }
        return lo <= hi
    }

    private static func fits(_ piece: [Unicode.Scalar?], _ input: [Unicode.Scalar], at start: Int) -> Bool {
        guard start >= 0, start + piece.count <= input.count else { return false }
        for (i, expected) in piece.enumerated() where expected != nil && expected != input[start + i] { return false }
        return true
    }

    private static func find(_ piece: [Unicode.Scalar?], _ input: [Unicode.Scalar], from lo: Int, before hi: Int) -> Int? {
        guard hi - lo >= piece.count else { return nil }
        for start in lo...(hi - piece.count) where fits(piece, input, at: start) { return start }
        return nil
    }
}

/// A regular expression matched by a Pike VM (Thompson's NFA simulation): every step advances all live threads by
/// one input scalar, each program position at most once, so a match costs at most `input length × program size`
/// steps whatever the pattern — no backtracking, so `(a+)+b`, `(a{1,10}){1,10}b` or `.*.*.*.*x` cannot blow up.
/// The program size is bounded at compile time (counted repetition expands), which makes the bound a budget.
/// Case-insensitive unless asked otherwise (query2's `ignore_case: false`); searches anywhere in the value (use `^…$`
/// to anchor).
public struct LinearRegex: Sendable {
    /// The most instructions a pattern may compile to: a match costs at most this many steps per input scalar.
    public static let maxProgramSize = 1_000

    enum Instruction: Sendable {
        case scalar(Unicode.Scalar)
        case any
        case set(RegexClass)
        case split(Int, Int)
        case jump(Int)
        case assertion(RegexAssertion)
        case match
    }

    let program: [Instruction]
    /// Whether letters match either case (the default: productivity rules).
    public let ignoresCase: Bool

    public init(_ pattern: String, ignoreCase: Bool = true) throws {
        ignoresCase = ignoreCase
        let tree = try RegexSyntax.parse(pattern)
        guard Self.size(tree) <= Self.maxProgramSize else {
            throw SimpleAppError.invalid("pattern", "is too complex (it would compile to more than \(Self.maxProgramSize) steps; reduce counted repetition)")
        }
        var compiler = Compiler(ignoreCase: ignoreCase)
        compiler.emit(tree)
        compiler.program.append(.match)
        program = compiler.program
    }

    /// Instructions `node` compiles to, saturating (so a huge nested count cannot overflow).
    static func size(_ node: RegexNode) -> Int {
        let cap = maxProgramSize + 1
        switch node {
        case .empty: return 0
        case .literal, .any, .set, .assertion: return 1
        case .concat(let items): return min(cap, items.reduce(0) { min(cap, $0 + size($1)) })
        case .alternation(let branches): return min(cap, branches.reduce(0) { min(cap, $0 + size($1) + 2) })
        case .repeated(let inner, let low, let high):
            let one = size(inner) + 2
            let copies = high.map { max($0, 1) } ?? (low + 1)
            return one.multipliedReportingOverflow(by: copies).overflow ? cap : min(cap, one * copies)
        }
    }

    /// Case folding applied to pattern literals and input alike.
    @inline(__always)
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII {
            return (65...90).contains(scalar.value) ? Unicode.Scalar(UInt8(scalar.value + 32)) : scalar
        }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first ?? scalar : scalar
    }

    /// Whether the pattern matches anywhere in `value`.
    public func matches(_ value: String) -> Bool {
        matches(scalars: ignoresCase ? value.unicodeScalars.map(Self.fold) : Array(value.unicodeScalars))
    }

    func matches(scalars input: [Unicode.Scalar]) -> Bool {
        var current = ThreadList(capacity: program.count)
        var next = ThreadList(capacity: program.count)
        var stack: [Int] = []
        stack.reserveCapacity(program.count)
        for position in 0...input.count {
            // Unanchored search: a new thread starts at every position.
            if add(0, to: &current, at: position, input: input, stack: &stack) { return true }
            guard position < input.count else { break }
            let c = input[position]
            next.clear()
            for i in 0..<current.count {
                let pc = current.dense[i]
                let advances: Bool
                switch program[pc] {
                case .scalar(let expected): advances = c == expected
                case .any: advances = !Self.isLineBreak(c)
                case .set(let set): advances = set.contains(c)
                default: advances = false
                }
                if advances, add(pc + 1, to: &next, at: position + 1, input: input, stack: &stack) { return true }
            }
            swap(&current, &next)
        }
        return false
    }

    /// Adds `start` and everything reachable from it without consuming input; true when `match` is reached.
    private func add(_ start: Int, to list: inout ThreadList, at position: Int, input: [Unicode.Scalar], stack: inout [Int]) -> Bool {
        stack.removeAll(keepingCapacity: true)
        stack.append(start)
        while let pc = stack.popLast() {
            guard list.insert(pc) else { continue }
            switch program[pc] {
            case .jump(let target): stack.append(target)
            case .split(let first, let second): stack.append(second); stack.append(first)
            case .assertion(let assertion): if Self.holds(assertion, at: position, in: input) { stack.append(pc + 1) }
            case .match: return true
            case .scalar, .any, .set: break
            }
        }
        return false
    }

    static func isLineBreak(_ c: Unicode.Scalar) -> Bool {
        c == "\n" || c == "\r" || c == "\u{85}" || c == "\u{2028}" || c == "\u{2029}"
    }

    static func holds(_ assertion: RegexAssertion, at p: Int, in input: [Unicode.Scalar]) -> Bool {
        let n = input.count
        switch assertion {
        case .lineStart, .textStart: return p == 0
        case .textEnd: return p == n
        case .lineEnd: return p == n || (p == n - 1 && input[p] == "\n")
        case .wordBoundary, .notWordBoundary:
            let before = p > 0 && RegexSyntax.isWord(input[p - 1])
            let after = p < n && RegexSyntax.isWord(input[p])
            return (before != after) == (assertion == .wordBoundary)
        }
    }

    /// A sparse set of program positions: O(1) insert, membership and clear.
    struct ThreadList {
        var dense: [Int]
        var sparse: [Int]
        var count = 0

        init(capacity: Int) {
            dense = Array(repeating: 0, count: capacity)
            sparse = Array(repeating: 0, count: capacity)
        }

        mutating func clear() { count = 0 }

        /// False when already present.
        mutating func insert(_ pc: Int) -> Bool {
            let slot = sparse[pc]
            if slot < count && dense[slot] == pc { return false }
            sparse[pc] = count
            dense[count] = pc
            count += 1
            return true
        }
    }

    /// Thompson's construction.
    struct Compiler {
        var program: [Instruction] = []
        let ignoreCase: Bool

        mutating func emit(_ node: RegexNode) {
            switch node {
            case .empty: break
            case .literal(let c): program.append(.scalar(ignoreCase ? LinearRegex.fold(c) : c))
            case .any: program.append(.any)
            case .set(var set):
                set.ignoresCase = ignoreCase
                program.append(.set(set))
            case .assertion(let a): program.append(.assertion(a))
            case .concat(let items): for item in items { emit(item) }
            case .alternation(let branches):
                var jumps: [Int] = []
                for (i, branch) in branches.enumerated() {
                    if i < branches.count - 1 {
                        let split = program.count
                        program.append(.split(split + 1, -1))
                        emit(branch)
                        jumps.append(program.count)
                        program.append(.jump(-1))
                        program[split] = .split(split + 1, program.count)
                    } else {
                        emit(branch)
                    }
                }
                for j in jumps { program[j] = .jump(program.count) }
            case .repeated(let inner, let low, let high):
                for _ in 0..<low { emit(inner) }
                if let high {
                    var splits: [Int] = []
                    for _ in low..<max(low, high) {
                        splits.append(program.count)
                        program.append(.split(program.count + 1, -1))
                        emit(inner)
                    }
                    for s in splits { program[s] = .split(s + 1, program.count) }
                } else {
                    // x*: L: split(body, out); body; jump L
                    let loop = program.count
                    program.append(.split(loop + 1, -1))
                    emit(inner)
                    program.append(.jump(loop))
                    program[loop] = .split(loop + 1, program.count)
                }
            }
        }
    }
}

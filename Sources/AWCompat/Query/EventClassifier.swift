import TrackerCore

/// `categorize` and `tag` rules: `{"type": "regex", "regex": "…", "ignore_case": bool, "select_keys": [..]}` or
/// `{"type": "none"}`. Regexes run on the linear-time engine (no backtracking), so a rule costs at most its
/// program size per character of the values it reads; each distinct value is matched once per query (a day's
/// titles repeat: a few hundred distinct values behind thousands of events).
final class EventRule {
    let regex: LinearRegex?
    let selectKeys: [String]?
    /// Values already matched in this query, at most `memoLimit`.
    private var memo: [ByteKey: Bool] = [:]
    private static let memoLimit = 100_000

    init(_ spec: QueryValue, field: String) throws {
        guard case .dict(let entries) = spec else { throw QueryError.evaluation("\(field): a rule must be a dict", at: nil) }
        func entry(_ key: String) -> QueryValue? { entries.first { $0.0 == key }?.1 }
        switch entry("type") {
        case .string("none")?, nil:
            regex = nil
            selectKeys = nil
        case .string("regex")?:
            guard case .string(let pattern)? = entry("regex") else { throw QueryError.evaluation("\(field): a regex rule needs \"regex\"", at: nil) }
            var ignoreCase = false
            if case .bool(let flag)? = entry("ignore_case") { ignoreCase = flag }
            do {
                regex = try LinearRegex(pattern, ignoreCase: ignoreCase)
            } catch let error as AppError {
                throw QueryError.evaluation("\(field): \(error.message)", at: nil)
            }
            if case .list(let keys)? = entry("select_keys") {
                let names = keys.compactMap { if case .string(let s) = $0 { s } else { nil } }
                guard !names.isEmpty else { throw QueryError.evaluation("\(field): select_keys must not be empty", at: nil) }
                selectKeys = names
            } else {
                selectKeys = nil
            }
        default:
            throw QueryError.evaluation("\(field): rule type must be \"regex\" or \"none\"", at: nil)
        }
    }

    func matches(_ event: AWEvent) -> Bool {
        guard regex != nil else { return false }
        if let selectKeys {
            return selectKeys.contains { key in event.data.value(key)?.stringValue.map(matches) ?? false }
        }
        return event.data.contains { $0.value.stringValue.map(matches) ?? false }
    }

    private func matches(_ value: String) -> Bool {
        if let known = memo[ByteKey(text: value)] { return known }
        let result = regex?.matches(value) ?? false
        if memo.count < Self.memoLimit { memo[ByteKey(text: value)] = result }
        return result
    }
}

/// Several rules matched together: each distinct string value is run through every rule once per query, and the
/// result kept as a bit set (one hash lookup per value and event, whatever the number of rules).
/// Kept for the whole request (`QueryMemo`): a month of per-day periods categorizes with one matcher.
final class RuleMatcher {
    let rules: [EventRule]
    private let words: Int
    private let hasSelectKeys: Bool
    private var memo: [ByteKey: [UInt64]] = [:]
    private static let memoLimit = 100_000

    init(_ rules: [EventRule]) {
        self.rules = rules
        words = max(1, (rules.count + 63) / 64)
        hasSelectKeys = rules.contains { $0.selectKeys != nil }
    }

    private func mask(_ value: String) -> [UInt64] {
        if let known = memo[ByteKey(text: value)] { return known }
        var bits = [UInt64](repeating: 0, count: words)
        for (index, rule) in rules.enumerated() where rule.regex?.matches(value) == true { bits[index / 64] |= 1 << UInt64(index % 64) }
        if memo.count < Self.memoLimit { memo[ByteKey(text: value)] = bits }
        return bits
    }

    /// Which rules match `event`: a rule with `select_keys` looks only at those keys, others at every string value.
    func matching(_ event: AWEvent) -> [Bool] {
        if words == 1 && !hasSelectKeys {
            // The common case (aw-webui's categories: fewer than 64 rules on every value): one word, no per-key bits.
            var any: UInt64 = 0
            for member in event.data { if case .string(let text) = member.value { any |= mask(text)[0] } }
            return rules.indices.map { any & (1 << UInt64($0)) != 0 }
        }
        var any = [UInt64](repeating: 0, count: words)
        var byKey: [(String, [UInt64])] = []
        for member in event.data {
            guard case .string(let text) = member.value else { continue }
            let bits = mask(text)
            for w in 0..<words { any[w] |= bits[w] }
            byKey.append((member.key, bits))
        }
        return rules.enumerated().map { index, rule in
            let word = index / 64, bit = UInt64(1) << UInt64(index % 64)
            guard let keys = rule.selectKeys else { return any[word] & bit != 0 }
            return byKey.contains { keys.contains($0.0) && $0.1[word] & bit != 0 }
        }
    }
}

enum EventClassifier {
    /// `$category`: the longest (most specific) category whose rule matches; a later one of equal length wins;
    /// `["Uncategorized"]` when none does.
    static func categorize(_ events: [AWEvent], categories: [[String]], matcher: RuleMatcher, budget: QueryBudget) throws -> [AWEvent] {
        let uncategorized = AWJSON.array([.string("Uncategorized")])
        let names = categories.map { AWJSON.array($0.map(AWJSON.string)) }
        return try events.map { event in
            try budget.charge(categories.count)
            var best = -1
            for (index, hit) in matcher.matching(event).enumerated() where hit && categories[index].count >= (best < 0 ? 1 : categories[best].count) {
                best = index
            }
            var event = event
            event.data.set("$category", best < 0 ? uncategorized : names[best])
            return event
        }
    }

    /// `$tags`: every tag whose rule matches, sorted, without repeats.
    static func tag(_ events: [AWEvent], tags names: [String], matcher: RuleMatcher, budget: QueryBudget) throws -> [AWEvent] {
        try events.map { event in
            try budget.charge(names.count)
            let hits = matcher.matching(event)
            let tags = Set(names.indices.filter { hits[$0] }.map { names[$0] }).sorted()
            var event = event
            event.data.set("$tags", .array(tags.map(AWJSON.string)))
            return event
        }
    }
}

/// What one request's periods share: rule sets already compiled, by their text (aw-webui sends the same categories
/// for each of 30 days).
final class QueryMemo {
    var classes: [String: (names: [QueryValue], matcher: RuleMatcher)] = [:]
}

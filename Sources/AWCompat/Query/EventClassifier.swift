import TrackerCore

/// `categorize` and `tag` rules: `{"type": "regex", "regex": "…", "ignore_case": bool, "select_keys": [..]}` or
/// `{"type": "none"}`. Regexes run on the linear-time engine (no backtracking), so a rule costs at most its
/// program size per character of the values it reads; each distinct value is matched once per query (a day's
/// titles repeat: a few hundred distinct values behind thousands of events).
final class EventRule {
    let regex: LinearRegex?
    let selectKeys: [String]?
    /// Values already matched in this query, at most `memoLimit`.
    private var memo: [String: Bool] = [:]
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
        if let known = memo[value] { return known }
        let result = regex?.matches(value) ?? false
        if memo.count < Self.memoLimit { memo[value] = result }
        return result
    }
}

enum EventClassifier {
    /// `$category`: the longest (most specific) category whose rule matches; a later one of equal length wins;
    /// `["Uncategorized"]` when none does.
    static func categorize(_ events: [AWEvent], rules: [([String], EventRule)], budget: QueryBudget) throws -> [AWEvent] {
        try events.map { event in
            try budget.charge(rules.count)
            var category = ["Uncategorized"]
            for (name, rule) in rules where rule.matches(event) && name.count >= category.count { category = name }
            var event = event
            event.data.set("$category", .array(category.map(AWJSON.string)))
            return event
        }
    }

    /// `$tags`: every tag whose rule matches, sorted, without repeats.
    static func tag(_ events: [AWEvent], rules: [(String, EventRule)], budget: QueryBudget) throws -> [AWEvent] {
        try events.map { event in
            try budget.charge(rules.count)
            let tags = Set(rules.filter { $0.1.matches(event) }.map(\.0)).sorted()
            var event = event
            event.data.set("$tags", .array(tags.map(AWJSON.string)))
            return event
        }
    }
}

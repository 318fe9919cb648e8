/// The functions of query2 (aw-server-rust's set, plus `nop`).
extension QueryEvaluator {
    static let functionNames = [
        "query_bucket", "query_bucket_names", "find_bucket", "filter_keyvals", "filter_keyvals_regex", "exclude_keyvals",
        "filter_period_intersect", "period_union", "union_no_overlap", "limit_events", "merge_events_by_keys",
        "chunk_events_by_key", "split_url_events", "sort_by_timestamp", "sort_by_duration", "sum_durations", "concat",
        "flood", "categorize", "tag", "nop", "contains",
    ]

    func call(_ name: String, _ args: [QueryValue], at: QueryPosition) async throws -> QueryValue {
        func events(_ index: Int) throws -> [AWEvent] {
            let list = try self.events(args[index], name, at: at)
            try budget.charge(list.count)
            return list
        }
        func result(_ list: [AWEvent]) throws -> QueryValue {
            try budget.hold(list.count)
            return .events(list)
        }
        switch name {
        case "query_bucket":
            try arity(args, 1...1, name, at: at)
            let bucket = try string(args[0], name, at: at)
            guard let list = try await source.events(bucket: bucket, from: from, to: to, limit: budget.limits.maxEvents + 1) else {
                throw QueryError.evaluation("query_bucket: there is no bucket '\(bucket.prefix(200))'", at: at)
            }
            try budget.charge(list.count)
            return try result(list)
        case "query_bucket_names":
            try arity(args, 0...0, name, at: at)
            return .list(try await source.bucketNames().map { .string($0.id) })
        case "find_bucket":
            try arity(args, 1...2, name, at: at)
            let filter = try string(args[0], name, at: at)
            let hostname = args.count > 1 ? try string(args[1], name, at: at) : nil
            let candidates = try await source.bucketNames().filter { $0.id.hasPrefix(filter) && (hostname == nil || $0.hostname == hostname) }
            guard let found = candidates.first(where: { $0.id == filter }) ?? candidates.first else {
                throw QueryError.evaluation("find_bucket: no bucket starts with '\(filter.prefix(200))'", at: at)
            }
            return .string(found.id)
        case "filter_keyvals", "exclude_keyvals":
            try arity(args, 3...3, name, at: at)
            let list = try events(0), key = try string(args[1], name, at: at)
            guard case .list(let values) = args[2] else { throw QueryError.evaluation("\(name): expected a list of values", at: at) }
            let wanted = Set(values.map(\.json))
            let keep = name == "filter_keyvals"
            return try result(list.filter { event in
                guard let value = event.data.value(key) else { return !keep }
                return wanted.contains(value) == keep
            })
        case "filter_keyvals_regex":
            try arity(args, 3...3, name, at: at)
            let list = try events(0), key = try string(args[1], name, at: at)
            let rule = try EventRule(.dict([("type", .string("regex")), ("regex", args[2]), ("select_keys", .list([.string(key)]))]), field: name)
            return try result(list.filter(rule.matches))
        case "filter_period_intersect":
            try arity(args, 2...2, name, at: at)
            return try result(EventTransforms.filterPeriodIntersect(try events(0), try events(1)))
        case "period_union":
            try arity(args, 2...2, name, at: at)
            return try result(EventTransforms.periodUnion(try events(0), try events(1)))
        case "union_no_overlap":
            try arity(args, 2...2, name, at: at)
            return try result(EventTransforms.unionNoOverlap(try events(0), try events(1)))
        case "limit_events":
            try arity(args, 2...2, name, at: at)
            let list = try events(0), count = try number(args[1], name, at: at)
            guard count >= 0 else { throw QueryError.evaluation("limit_events: the count must be ≥ 0", at: at) }
            return .events(Array(list.prefix(count >= Double(list.count) ? list.count : Int(count))))
        case "merge_events_by_keys":
            try arity(args, 2...2, name, at: at)
            return try result(EventTransforms.mergeByKeys(try events(0), keys: try strings(args[1], name, at: at)))
        case "chunk_events_by_key":
            try arity(args, 2...2, name, at: at)
            return try result(EventTransforms.chunkByKey(try events(0), key: try string(args[1], name, at: at)))
        case "split_url_events":
            try arity(args, 1...1, name, at: at)
            return try result(EventTransforms.splitURL(try events(0)))
        case "sort_by_timestamp":
            try arity(args, 1...1, name, at: at)
            return try result(EventTransforms.sortByTimestamp(try events(0)))
        case "sort_by_duration":
            try arity(args, 1...1, name, at: at)
            return try result(EventTransforms.sortByDuration(try events(0)))
        case "sum_durations":
            try arity(args, 1...1, name, at: at)
            return .number(Double(EventTransforms.sumDurations(try events(0))) / 1000)
        case "concat":
            try arity(args, 1...64, name, at: at)
            var joined: [AWEvent] = []
            for index in args.indices {
                joined += try events(index)
                try budget.hold(joined.count)
            }
            return .events(joined)
        case "flood":
            try arity(args, 1...2, name, at: at)
            let pulsetime = args.count > 1 ? try number(args[1], name, at: at) : 5
            guard (0...86_400).contains(pulsetime) else { throw QueryError.evaluation("flood: pulsetime must be 0 to 86400 seconds", at: at) }
            return try result(EventTransforms.flood(try events(0), pulsetime: Int64(pulsetime * 1000)))
        case "categorize":
            try arity(args, 2...2, name, at: at)
            let list = try events(0)
            let (names, matcher) = try compiled(args[1], name, at: at)
            return try result(try EventClassifier.categorize(list, categories: try names.map { try strings($0, name, at: at) }, matcher: matcher, budget: budget))
        case "tag":
            try arity(args, 2...2, name, at: at)
            let list = try events(0)
            let (names, matcher) = try compiled(args[1], name, at: at)
            return try result(try EventClassifier.tag(list, tags: try names.map { try string($0, name, at: at) }, matcher: matcher, budget: budget))
        case "contains":
            try arity(args, 2...2, name, at: at)
            switch args[0] {
            case .list(let items): return .bool(items.contains { $0.json == args[1].json })
            case .dict(let entries): return .bool(entries.contains { $0.0 == (try? string(args[1], name, at: at)) })
            default: throw QueryError.evaluation("contains: expected a list or dict, got \(args[0].typeName)", at: at)
            }
        case "nop":
            return .null
        default:
            throw QueryError.evaluation("unknown function '\(name.prefix(60))'", at: at)
        }
    }

    /// The rule set `value` compiled once per request.
    private func compiled(_ value: QueryValue, _ function: String, at: QueryPosition) throws -> (names: [QueryValue], matcher: RuleMatcher) {
        let key = AWJSONWriter.text(value.json)
        if let known = memo.classes[key] { return known }
        let pairs = try classes(value, function, at: at)
        let entry = (names: pairs.map(\.0), matcher: RuleMatcher(pairs.map(\.1)))
        memo.classes[key] = entry
        return entry
    }

    /// `[[name, rule], …]` as (name, parsed rule) pairs; at most 1,000 rules.
    private func classes(_ value: QueryValue, _ function: String, at: QueryPosition) throws -> [(QueryValue, EventRule)] {
        guard case .list(let items) = value, items.count <= 1_000 else {
            throw QueryError.evaluation("\(function): expected a list of at most 1000 [name, rule] pairs", at: at)
        }
        return try items.enumerated().map { index, item in
            guard case .list(let pair) = item, pair.count == 2 else {
                throw QueryError.evaluation("\(function): rule \(index) must be a [name, rule] pair", at: at)
            }
            return (pair[0], try EventRule(pair[1], field: "\(function) rule \(index)"))
        }
    }
}

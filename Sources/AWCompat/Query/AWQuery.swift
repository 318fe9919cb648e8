/// `POST /api/0/query/`: a query2 program (its lines joined by newlines, as aw-server does) run once per time
/// period; the answer is one result per period.
public enum AWQuery {
    /// The most time periods one request may ask for (aw-webui's longest: a year by days).
    public static let maxPeriods = 400

    public static func run(
        lines: [String], timeperiods: [String], source: any QuerySource, limits: QueryBudget.Limits
    ) async throws -> AWJSON {
        guard !timeperiods.isEmpty, timeperiods.count <= maxPeriods else {
            throw QueryError.evaluation("timeperiods: give 1 to \(maxPeriods) periods", at: nil)
        }
        let periods = try timeperiods.enumerated().map { index, text in try period(text, field: "timeperiods[\(index)]") }
        let program = try QueryParser.parse(lines.joined(separator: "\n"))
        let budget = QueryBudget(limits: limits)
        await source.prepare(from: periods.map(\.0).min() ?? 0, to: periods.map(\.1).max() ?? 0, periods: periods.count)
        var results: [AWJSON] = []
        let memo = QueryMemo()
        for (from, to) in periods {
            let evaluator = QueryEvaluator(source: source, budget: budget, memo: memo, from: from, to: to)
            results.append(try await evaluator.run(program).json)
        }
        return .array(results)
    }

    /// `start/end` (ISO 8601 each), end after start.
    static func period(_ text: String, field: String) throws -> (Int64, Int64) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw QueryError.evaluation("\(field): must be start/end in ISO 8601", at: nil) }
        let from = try AWTime.parse(String(parts[0]), field: field), to = try AWTime.parse(String(parts[1]), field: field)
        guard to > from else { throw QueryError.evaluation("\(field): the end must be after the start", at: nil) }
        return (from, to)
    }
}

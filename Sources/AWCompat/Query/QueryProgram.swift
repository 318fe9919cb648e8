/// A parsed query: statements run in order; the value of `RETURN` (assigned as `RETURN = …` or given by
/// `return …`) is the result.
struct QueryProgram: Sendable {
    var statements: [QueryStatement]
}

enum QueryStatement: Sendable {
    case assign(String, QueryExpression)
    case evaluate(QueryExpression)
}

indirect enum QueryExpression: Sendable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case null
    case variable(String, QueryPosition)
    case list([QueryExpression])
    case dict([(String, QueryExpression)])
    case call(String, [QueryExpression], QueryPosition)
    case binary(String, QueryExpression, QueryExpression, QueryPosition)
    case negate(QueryExpression, QueryPosition)
}

import TrackerCore

/// Why a query was refused or stopped, with where (1-based line and column of the query text joined by newlines,
/// as aw-server joins the `query` lines). Always a client error (`400`), never a `500`.
public struct QueryError: AppError, Equatable {
    public let kind: ErrorKind
    public let code: String
    public let message: String
    public let line: Int?
    public let column: Int?

    public static func syntax(_ reason: String, at position: QueryPosition) -> QueryError {
        QueryError(kind: .badRequest, code: "query_syntax", message: "query: line \(position.line), column \(position.column): \(reason)",
                   line: position.line, column: position.column)
    }

    public static func evaluation(_ reason: String, at position: QueryPosition?) -> QueryError {
        let place = position.map { "line \($0.line), column \($0.column): " } ?? ""
        return QueryError(kind: .badRequest, code: "query_error", message: "query: \(place)\(reason)", line: position?.line, column: position?.column)
    }

    /// The query used up its budget (time, events or steps): a `400` (`422`-like, but aw clients only know 400).
    public static func budget(_ reason: String) -> QueryError {
        QueryError(kind: .badRequest, code: "query_budget_exceeded", message: "query: \(reason)", line: nil, column: nil)
    }
}

public struct QueryPosition: Sendable, Equatable {
    public var line: Int
    public var column: Int
}

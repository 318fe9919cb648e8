/// A recursive-descent parser for query2:
///
///     program    := (statement? ";")* statement?
///     statement  := "return" expr | IDENT "=" expr | expr
///     expr       := sum ("==" sum)?
///     sum        := product (("+" | "-") product)*
///     product    := unary (("*" | "/" | "%") unary)*
///     unary      := "-" unary | primary
///     primary    := NUMBER | STRING | true | false | null | IDENT | IDENT "(" args? ")" | "[" items? "]"
///                 | "{" (STRING ":" expr ("," STRING ":" expr)*)? "}" | "(" expr ")"
///
/// Nesting is bounded (`maxDepth`), so a hostile query cannot exhaust the stack.
struct QueryParser {
    static let maxDepth = 100

    private let tokens: [QueryToken]
    private var index = 0
    private var depth = 0

    static func parse(_ text: String) throws -> QueryProgram {
        var parser = QueryParser(tokens: try QueryLexer.tokens(text))
        return try parser.program()
    }

    private init(tokens: [QueryToken]) { self.tokens = tokens }

    private var current: QueryToken { tokens[index] }

    private mutating func advance() -> QueryToken {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private func isSymbol(_ symbol: String) -> Bool { current.kind == .symbol(symbol) }

    private mutating func expect(_ symbol: String, _ context: String) throws {
        guard isSymbol(symbol) else { throw QueryError.syntax("expected '\(symbol)' \(context), found \(describe(current))", at: current.position) }
        _ = advance()
    }

    private func describe(_ token: QueryToken) -> String {
        switch token.kind {
        case .identifier(let name): "'\(name.prefix(40))'"
        case .number(let value): "the number \(value)"
        case .string: "a string"
        case .bool(let flag): "'\(flag)'"
        case .null: "'null'"
        case .keywordReturn: "'return'"
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "the end of the query"
        }
    }

    private mutating func program() throws -> QueryProgram {
        var statements: [QueryStatement] = []
        while current.kind != .end {
            if isSymbol(";") { _ = advance(); continue }
            statements.append(try statement())
            guard isSymbol(";") || current.kind == .end else {
                throw QueryError.syntax("expected ';' after a statement, found \(describe(current))", at: current.position)
            }
        }
        return QueryProgram(statements: statements)
    }

    private mutating func statement() throws -> QueryStatement {
        if current.kind == .keywordReturn {
            _ = advance()
            return .assign("RETURN", try expression())
        }
        if case .identifier(let name) = current.kind, index + 1 < tokens.count, tokens[index + 1].kind == .symbol("=") {
            index += 2
            return .assign(name, try expression())
        }
        return .evaluate(try expression())
    }

    private mutating func nested<T>(_ body: (inout QueryParser) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw QueryError.syntax("nested deeper than \(Self.maxDepth) levels", at: current.position) }
        return try body(&self)
    }

    private mutating func expression() throws -> QueryExpression {
        try nested { parser in
            let lhs = try parser.sum()
            guard parser.isSymbol("==") else { return lhs }
            let at = parser.advance().position
            return .binary("==", lhs, try parser.sum(), at)
        }
    }

    private mutating func sum() throws -> QueryExpression {
        var lhs = try product()
        while isSymbol("+") || isSymbol("-") {
            let token = advance()
            guard case .symbol(let op) = token.kind else { break }
            lhs = .binary(op, lhs, try product(), token.position)
        }
        return lhs
    }

    private mutating func product() throws -> QueryExpression {
        var lhs = try unary()
        while isSymbol("*") || isSymbol("/") || isSymbol("%") {
            let token = advance()
            guard case .symbol(let op) = token.kind else { break }
            lhs = .binary(op, lhs, try unary(), token.position)
        }
        return lhs
    }

    private mutating func unary() throws -> QueryExpression {
        guard isSymbol("-") else { return try primary() }
        let at = advance().position
        return try nested { .negate(try $0.unary(), at) }
    }

    private mutating func primary() throws -> QueryExpression {
        let token = advance()
        switch token.kind {
        case .number(let value): return .number(value)
        case .string(let text): return .string(text)
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        case .identifier(let name):
            guard isSymbol("(") else { return .variable(name, token.position) }
            _ = advance()
            let arguments = try items(closing: ")", context: "to close the arguments of \(name)")
            return .call(name, arguments, token.position)
        case .symbol("["):
            return .list(try items(closing: "]", context: "to close the list"))
        case .symbol("{"):
            return try dict()
        case .symbol("("):
            let inner = try expression()
            try expect(")", "to close '('")
            return inner
        default:
            throw QueryError.syntax("expected a value, found \(describe(token))", at: token.position)
        }
    }

    private mutating func items(closing: String, context: String) throws -> [QueryExpression] {
        var items: [QueryExpression] = []
        if isSymbol(closing) { _ = advance(); return items }
        while true {
            items.append(try expression())
            if isSymbol(",") { _ = advance(); if isSymbol(closing) { _ = advance(); return items }; continue }
            try expect(closing, context)
            return items
        }
    }

    private mutating func dict() throws -> QueryExpression {
        var entries: [(String, QueryExpression)] = []
        if isSymbol("}") { _ = advance(); return .dict(entries) }
        while true {
            let keyToken = advance()
            guard case .string(let key) = keyToken.kind else {
                throw QueryError.syntax("expected a string key in the dict, found \(describe(keyToken))", at: keyToken.position)
            }
            try expect(":", "after a dict key")
            entries.append((key, try expression()))
            if isSymbol(",") { _ = advance(); if isSymbol("}") { _ = advance(); return .dict(entries) }; continue }
            try expect("}", "to close the dict")
            return .dict(entries)
        }
    }
}

/// The tokens of ActivityWatch's query language (query2), as aw-server-rust's lexer reads them: identifiers,
/// `true`/`false` (also `True`/`False`), `null`, numbers (`12`, `1.5`), double-quoted strings in which only `\"`
/// is an escape (everything else, regex backslashes included, is kept as written), `# comments`, and
/// `= == + - * / % ( ) [ ] { } , : ;`.
struct QueryToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        case number(Double)
        case string(String)
        case bool(Bool)
        case null
        case keywordReturn
        case symbol(String)
        case end
    }

    let kind: Kind
    let position: QueryPosition
}

enum QueryLexer {
    /// The longest query text accepted, in bytes.
    static let maxLength = 512 * 1024

    static func tokens(_ text: String) throws -> [QueryToken] {
        let bytes = Array(text.utf8)
        guard bytes.count <= maxLength else {
            throw QueryError.syntax("the query is longer than \(maxLength / 1024) KiB", at: QueryPosition(line: 1, column: 1))
        }
        var tokens: [QueryToken] = []
        var i = 0, line = 1, lineStart = 0
        func position(_ at: Int) -> QueryPosition {
            QueryPosition(line: line, column: at - lineStart + 1)  // columns count bytes: linear however long the line
        }
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case 0x0A:
                i += 1; line += 1; lineStart = i
            case 0x20, 0x09, 0x0D:
                i += 1
            case UInt8(ascii: "#"):
                while i < bytes.count, bytes[i] != 0x0A { i += 1 }
            case UInt8(ascii: "\""):
                let start = position(i)
                var out: [UInt8] = []
                i += 1
                var closed = false
                while i < bytes.count {
                    if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") {
                        out.append(UInt8(ascii: "\"")); i += 2; continue
                    }
                    if bytes[i] == UInt8(ascii: "\"") { closed = true; i += 1; break }
                    if bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
                    out.append(bytes[i]); i += 1
                }
                guard closed else { throw QueryError.syntax("unterminated string", at: start) }
                tokens.append(QueryToken(kind: .string(String(decoding: out, as: UTF8.self)), position: start))
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = i
                while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) || bytes[i] == UInt8(ascii: ".") { i += 1 }
                let text = String(decoding: bytes[start..<i], as: UTF8.self)
                guard let value = Double(text), value.isFinite, text.filter({ $0 == "." }).count <= 1 else {
                    throw QueryError.syntax("'\(text.prefix(40))' is not a number", at: position(start))
                }
                tokens.append(QueryToken(kind: .number(value), position: position(start)))
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
                let start = i
                while i < bytes.count, isIdentifier(bytes[i]) { i += 1 }
                let word = String(decoding: bytes[start..<i], as: UTF8.self)
                let kind: QueryToken.Kind = switch word {
                case "true", "True": .bool(true)
                case "false", "False": .bool(false)
                case "null", "None": .null
                case "return": .keywordReturn
                default: .identifier(word)
                }
                tokens.append(QueryToken(kind: kind, position: position(start)))
            default:
                let start = position(i)
                if c == UInt8(ascii: "="), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "=") {
                    tokens.append(QueryToken(kind: .symbol("=="), position: start)); i += 2
                } else if "=+-*/%()[]{},:;".utf8.contains(c) {
                    tokens.append(QueryToken(kind: .symbol(String(UnicodeScalar(c))), position: start)); i += 1
                } else {
                    let scalar = String(decoding: bytes[i...].prefix(4), as: UTF8.self).first.map(String.init) ?? "?"
                    throw QueryError.syntax("unexpected character '\(scalar)'", at: start)
                }
            }
        }
        tokens.append(QueryToken(kind: .end, position: position(i)))
        return tokens
    }

    private static func isIdentifier(_ c: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) || c == UInt8(ascii: "_")
    }
}

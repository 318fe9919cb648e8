/// A value while a query runs. Lists of events are kept as events (`events`), the rest as plain data; an empty list
/// literal is a valid (empty) list of events.
enum QueryValue: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([QueryValue])
    case dict([(String, QueryValue)])
    case events([AWEvent])

    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a bool"
        case .number: "a number"
        case .string: "a string"
        case .list: "a list"
        case .dict: "a dict"
        case .events: "a list of events"
        }
    }

    /// Events held by this value, nested ones included.
    var eventCount: Int {
        switch self {
        case .events(let events): events.count
        case .list(let items): items.reduce(0) { $0 + $1.eventCount }
        case .dict(let entries): entries.reduce(0) { $0 + $1.1.eventCount }
        default: 0
        }
    }

    /// The value as JSON in a response.
    var json: AWJSON {
        switch self {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let value): .double(value)
        case .string(let text): .string(text)
        case .list(let items): .array(items.map(\.json))
        case .dict(let entries): .object(entries.map { .init($0.0, $0.1.json) })
        case .events(let events): .array(events.map(\.json))
        }
    }

    /// A literal value compared with event data (`filter_keyvals`' values).
    init(json: AWJSON) {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number: self = .number(json.doubleValue ?? 0)
        case .string(let text): self = .string(text)
        case .array(let items): self = .list(items.map(QueryValue.init(json:)))
        case .object(let members): self = .dict(members.map { ($0.key, QueryValue(json: $0.value)) })
        }
    }
}

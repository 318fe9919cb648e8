/// Runs a parsed query over one time period. Variables start with `TIMEINTERVAL` (the period as `start/end`);
/// the result is the value of `RETURN`. Every step is charged to the budget; between function calls, every few
/// milliseconds, the task yields, so a long query shares its thread.
final class QueryEvaluator {
    let source: any QuerySource
    let budget: QueryBudget
    let from: Int64
    let to: Int64
    var variables: [String: QueryValue] = [:]

    let memo: QueryMemo

    init(source: any QuerySource, budget: QueryBudget, memo: QueryMemo = QueryMemo(), from: Int64, to: Int64) {
        self.source = source
        self.memo = memo
        self.budget = budget
        self.from = from
        self.to = to
        variables["TIMEINTERVAL"] = .string("\(AWTime.format(from))/\(AWTime.format(to))")
    }

    func run(_ program: QueryProgram) async throws -> QueryValue {
        for statement in program.statements {
            switch statement {
            case .assign(let name, let expression):
                variables[name] = try await evaluate(expression)
                // Every variable keeps its events: what all of them hold together is the query's memory (counted per
                // variable, so two names for one list count twice: a bound, never an underestimate).
                try budget.hold(variables.values.reduce(0) { $0 + $1.eventCount })
            case .evaluate(let expression): _ = try await evaluate(expression)
            }
        }
        guard let result = variables["RETURN"] else {
            throw QueryError.evaluation("the query returns nothing (assign RETURN = …; or write return …;)", at: nil)
        }
        return result
    }

    func evaluate(_ expression: QueryExpression) async throws -> QueryValue {
        try budget.charge(1)
        switch expression {
        case .number(let value): return .number(value)
        case .string(let text): return .string(text)
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        case .variable(let name, let at):
            guard let value = variables[name] else { throw QueryError.evaluation("unknown variable '\(name.prefix(60))'", at: at) }
            return value
        case .list(let items):
            var values: [QueryValue] = []
            for item in items { values.append(try await evaluate(item)) }
            return .list(values)
        case .dict(let entries):
            var values: [(String, QueryValue)] = []
            for (key, item) in entries { values.append((key, try await evaluate(item))) }
            return .dict(values)
        case .call(let name, let arguments, let at):
            var values: [QueryValue] = []
            for argument in arguments { values.append(try await evaluate(argument)) }
            if budget.dueForYield() { await Task.yield() }
            try budget.checkClock()
            return try await call(name, values, at: at)
        case .binary(let op, let lhs, let rhs, let at):
            return try binary(op, try await evaluate(lhs), try await evaluate(rhs), at: at)
        case .negate(let inner, let at):
            guard case .number(let value) = try await evaluate(inner) else { throw QueryError.evaluation("'-' needs a number", at: at) }
            return .number(-value)
        }
    }

    private func binary(_ op: String, _ lhs: QueryValue, _ rhs: QueryValue, at: QueryPosition) throws -> QueryValue {
        switch (op, lhs, rhs) {
        case ("==", _, _): return .bool(lhs.json == rhs.json)
        case ("+", .number(let a), .number(let b)): return .number(a + b)
        case ("-", .number(let a), .number(let b)): return .number(a - b)
        case ("*", .number(let a), .number(let b)): return .number(a * b)
        case ("/", .number(let a), .number(let b)):
            guard b != 0 else { throw QueryError.evaluation("division by zero", at: at) }
            return .number(a / b)
        case ("%", .number(let a), .number(let b)):
            guard b != 0 else { throw QueryError.evaluation("division by zero", at: at) }
            return .number(a.truncatingRemainder(dividingBy: b))
        case ("+", .string(let a), .string(let b)): return .string(a + b)
        case ("+", .list(let a), .list(let b)): return .list(a + b)
        case ("+", _, _) where isEvents(lhs) && isEvents(rhs):
            let joined = try events(lhs, "+", at: at) + events(rhs, "+", at: at)
            try budget.hold(joined.count)
            return .events(joined)
        default:
            throw QueryError.evaluation("'\(op)' cannot combine \(lhs.typeName) and \(rhs.typeName)", at: at)
        }
    }

    private func isEvents(_ value: QueryValue) -> Bool {
        switch value {
        case .events: true
        case .list(let items): items.isEmpty
        default: false
        }
    }

    // MARK: argument helpers

    func events(_ value: QueryValue, _ function: String, at: QueryPosition) throws -> [AWEvent] {
        switch value {
        case .events(let events): return events
        case .list(let items) where items.isEmpty: return []
        default: throw QueryError.evaluation("\(function): expected a list of events, got \(value.typeName)", at: at)
        }
    }

    func string(_ value: QueryValue, _ function: String, at: QueryPosition) throws -> String {
        guard case .string(let text) = value else { throw QueryError.evaluation("\(function): expected a string, got \(value.typeName)", at: at) }
        return text
    }

    func strings(_ value: QueryValue, _ function: String, at: QueryPosition) throws -> [String] {
        guard case .list(let items) = value else { throw QueryError.evaluation("\(function): expected a list of strings, got \(value.typeName)", at: at) }
        return try items.map { try string($0, function, at: at) }
    }

    func number(_ value: QueryValue, _ function: String, at: QueryPosition) throws -> Double {
        guard case .number(let n) = value, n.isFinite else { throw QueryError.evaluation("\(function): expected a number, got \(value.typeName)", at: at) }
        return n
    }

    func arity(_ arguments: [QueryValue], _ allowed: ClosedRange<Int>, _ function: String, at: QueryPosition) throws {
        guard allowed.contains(arguments.count) else {
            let wanted = allowed.lowerBound == allowed.upperBound ? "\(allowed.lowerBound)" : "\(allowed.lowerBound) to \(allowed.upperBound)"
            throw QueryError.evaluation("\(function) takes \(wanted) argument(s), got \(arguments.count)", at: at)
        }
    }
}

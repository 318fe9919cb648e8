import Hummingbird
import TrackerCore

/// The query parameters the analytics views share, parsed once: a bad value is a `400` naming the parameter.
extension Request {
    func scopeParameter() throws -> DashboardService.ScopeKind {
        guard let scope = DashboardService.ScopeKind(rawValue: uri.queryParameters.get("scope") ?? "employee") else {
            throw SimpleAppError.invalid("scope", "must be employee, team or organization")
        }
        return scope
    }

    func periodParameter(default value: LocalPeriod.Kind) throws -> LocalPeriod.Kind {
        guard let period = uri.queryParameters.get("period").map({ LocalPeriod.Kind(rawValue: String($0)) }) ?? value else {
            throw SimpleAppError.invalid("period", "must be day, week, month or custom")
        }
        return period
    }
}

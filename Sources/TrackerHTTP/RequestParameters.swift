import Foundation
import Hummingbird
import TrackerCore

extension AppRequestContext {
    /// A path parameter that must be a UUID; 400 naming it otherwise.
    public func uuidParameter(_ name: String) throws -> String {
        try FieldValidation.id(parameters.get(name) ?? "", field: name)
    }
}

extension Request {
    /// An optional boolean query parameter (`true`/`false`); 400 naming it otherwise.
    public func boolQuery(_ name: String) throws -> Bool? {
        guard let text = uri.queryParameters.get(name) else { return nil }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw SimpleAppError.invalid(name, "must be true or false")
        }
    }

    /// An optional query parameter naming one case of `type`; a `400` listing the cases otherwise.
    public func enumQuery<T: RawRepresentable & CaseIterable>(_ name: String, as type: T.Type) throws -> T? where T.RawValue == String {
        guard let text = uri.queryParameters.get(name) else { return nil }
        guard let value = T(rawValue: String(text)) else {
            throw SimpleAppError.invalid(name, "must be one of " + T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }

    /// An optional text query parameter as a `String`.
    public func text(_ name: String) -> String? { uri.queryParameters.get(name).map { String($0) } }
}

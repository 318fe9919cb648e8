import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

extension AppRequestContext {
    /// A path parameter that must be a UUID; 400 naming it otherwise.
    func uuidParameter(_ name: String) throws -> String {
        try FieldValidation.id(parameters.get(name) ?? "", field: name)
    }
}

extension Request {
    /// An optional boolean query parameter (`true`/`false`); 400 naming it otherwise.
    func boolQuery(_ name: String) throws -> Bool? {
        guard let text = uri.queryParameters.get(name) else { return nil }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw SimpleAppError.invalid(name, "must be true or false")
        }
    }
}

/// A list without paging (small, bounded collections such as a person's devices).
struct ItemList<Item: Codable & Sendable>: ResponseCodable, Sendable {
    var items: [Item]
}

extension Employee: ResponseCodable {}
extension Team: ResponseCodable {}
extension Organization: ResponseCodable {}
extension AuthService.Tokens: ResponseCodable {}
extension DeviceService.Enrolled: ResponseCodable {}

import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// A list without paging (small, bounded collections such as a person's devices).
struct ItemList<Item: Codable & Sendable>: ResponseCodable, Sendable {
    var items: [Item]
}

extension Employee: ResponseCodable {}
extension Team: ResponseCodable {}
extension Organization: ResponseCodable {}
extension AuthService.Tokens: ResponseCodable {}
extension DeviceService.Enrolled: ResponseCodable {}
extension Device: ResponseCodable {}

import Foundation
import Hummingbird
import TrackerCore

/// A page of a list: `items`, and `nextCursor` to pass back as `cursor` for the next page (absent on the last).
public struct Page<Item: Codable & Sendable>: ResponseCodable, Sendable {
    public var items: [Item]
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// `?limit=&cursor=` parsed and bounded. The cursor is opaque to clients: base64url of the sort key of the
/// last item returned.
public struct PageRequest: Sendable {
    public static let defaultLimit = 50
    public static let maxLimit = 500

    public let limit: Int
    /// The sort key after which the page starts, as the repository encoded it.
    public let after: [String]?

    public init(limit: Int = PageRequest.defaultLimit, after: [String]? = nil) {
        self.limit = limit
        self.after = after
    }

    public init(_ request: Request) throws {
        let query = request.uri.queryParameters
        if let text = query.get("limit") {
            guard let limit = Int(text), (1...Self.maxLimit).contains(limit) else {
                throw SimpleAppError.invalid("limit", "must be a whole number from 1 to \(Self.maxLimit)")
            }
            self.limit = limit
        } else {
            self.limit = Self.defaultLimit
        }
        if let cursor = query.get("cursor"), !cursor.isEmpty {
            guard let key = Self.decode(cursor) else { throw SimpleAppError.invalid("cursor", "is not a cursor this server issued") }
            self.after = key
        } else {
            self.after = nil
        }
    }

    public static func encode(_ key: [String]) -> String {
        let data = (try? JSONEncoder().encode(key)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ cursor: String) -> [String]? {
        guard cursor.count <= 2048 else { return nil }
        var text = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text) else { return nil }
        return try? JSONDecoder().decode([String].self, from: data)
    }

    /// Builds the page from `limit + 1` fetched rows: the extra row only says there is more.
    public func page<Item>(_ rows: [Item], key: (Item) -> [String]) -> Page<Item> {
        let items = Array(rows.prefix(limit))
        let next = rows.count > limit ? items.last.map { Self.encode(key($0)) } : nil
        return Page(items: items, nextCursor: next)
    }
}

import TrackerCore

/// A bucket as ActivityWatch knows it, owned by one device of one person.
public struct AWBucket: Sendable, Equatable {
    /// How a bucket's events are stored and what they mean here.
    public enum Kind: Sendable, Equatable {
        /// `currentwindow` (`{app, title}`): the device's activity events — rollups, dashboards, flags, attendance.
        case window
        /// `afkstatus` (`{status: afk|not-afk}`): kept as sent; `afk` spells are also the device's idle periods.
        case afk
        /// `web.tab.current` (`{url, title, audible, incognito, tabCount}`): kept as sent; gives browser window time
        /// its URL.
        case webTab
        /// Anything else: kept as sent, verbatim.
        case custom
    }

    public var no: Int64
    public var id: String
    public var employeeID: String
    public var deviceID: String
    public var type: String
    public var client: String
    public var hostname: String
    public var created: Int64
    public var data: [AWJSON.Member]

    public var kind: Kind {
        switch type {
        case "currentwindow": .window
        case "afkstatus": .afk
        case "web.tab.current": .webTab
        default: .custom
        }
    }

    /// `{"id","name","type","client","hostname","created","data","last_updated"}` as aw-server answers.
    func json(lastUpdated: Int64?) -> AWJSON {
        var members: [AWJSON.Member] = [
            .init("id", .string(id)), .init("name", .null), .init("type", .string(type)), .init("client", .string(client)),
            .init("hostname", .string(hostname)), .init("created", .string(AWTime.format(created))), .init("data", .object(data)),
        ]
        if let lastUpdated { members.append(.init("last_updated", .string(AWTime.format(lastUpdated)))) }
        return .object(members)
    }

    /// A bucket id as a client may name one: 1 to 200 characters, no `/`, no control characters.
    static func checkID(_ id: String) throws {
        guard (1...200).contains(id.count), !id.contains("/"), !id.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw SimpleAppError.invalid("bucket_id", "must be 1 to 200 characters without '/' or control characters")
        }
    }
}

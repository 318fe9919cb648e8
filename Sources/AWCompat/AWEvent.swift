import TrackerCore

/// An ActivityWatch event: when, how long, and its `data` object. Times in epoch milliseconds.
public struct AWEvent: Sendable, Equatable {
    /// The bucket's integer id; none for events a query made up.
    public var id: Int64?
    public var start: Int64
    public var duration: Int64
    public var data: [AWJSON.Member]

    public init(id: Int64? = nil, start: Int64, duration: Int64, data: [AWJSON.Member]) {
        self.id = id
        self.start = start
        self.duration = duration
        self.data = data
    }

    public var end: Int64 { start + duration }

    /// `{"id","timestamp","duration","data"}` as aw-server answers.
    public var json: AWJSON {
        var members: [AWJSON.Member] = []
        if let id { members.append(.init("id", .number(String(id)))) }
        members.append(.init("timestamp", .string(AWTime.format(start))))
        members.append(.init("duration", AWTime.seconds(duration)))
        members.append(.init("data", .object(data)))
        return .object(members)
    }

    /// The longest event accepted: aw-server has no bound, but a day is what an agent can mean (imports of longer
    /// custom events are refused with the field named).
    public static let maxDurationMillis: Int64 = 31 * 86_400_000

    /// An event from a client's JSON (`field` names it in errors: `events[3].timestamp`). `id` is ignored: the
    /// bucket numbers what it stores.
    public init(json: AWJSON, field: String) throws {
        guard case .object = json else { throw SimpleAppError.invalid(field, "must be an object") }
        guard let stamp = json["timestamp"]?.stringValue else { throw SimpleAppError.invalid("\(field).timestamp", "is required (ISO 8601 text)") }
        start = try AWTime.parse(stamp, field: "\(field).timestamp")
        let seconds = json["duration"].map { $0 == .null ? 0 : $0.doubleValue } ?? 0
        guard let seconds, seconds.isFinite, seconds >= 0, seconds * 1000 <= Double(Self.maxDurationMillis) else {
            throw SimpleAppError.invalid("\(field).duration", "must be a number of seconds from 0 to \(Self.maxDurationMillis / 1000)")
        }
        duration = Int64((seconds * 1000).rounded())
        switch json["data"] {
        case .object(let members)?: data = members
        case nil, .null?: data = []
        default: throw SimpleAppError.invalid("\(field).data", "must be an object")
        }
        id = nil
    }
}

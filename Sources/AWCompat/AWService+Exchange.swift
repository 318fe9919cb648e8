import TrackerCore

/// Export and import in aw-server's format: `{"buckets": {id: {bucket fields…, "events": [...]}}}`.
extension AWService {
    func export(_ buckets: [AWBucket]) async throws -> AWJSON {
        var members: [AWJSON.Member] = []
        var total = 0
        for bucket in buckets {
            let events = try await self.events(bucket, from: 0, to: DateBounds.millis.upperBound, limit: maxEvents + 1)
            total += events.count
            guard total <= maxEvents else {
                throw SimpleAppError(.payloadTooLarge, code: "export_too_large",
                                     message: "export: more than \(maxEvents) events; export buckets one at a time or ask for a person's data export")
            }
            guard case .object(var fields) = try await bucketJSON(bucket) else { continue }
            // Oldest first, as aw-server exports.
            fields.append(.init("events", .array(events.reversed().map(\.json))))
            members.append(.init(bucket.id, .object(fields)))
        }
        return .object([.init("buckets", .object(members))])
    }

    /// Creates every bucket of `body` (each must be new: `409` names one that exists, and nothing is imported) and
    /// stores its events through the same paths as `POST …/events`.
    func importBuckets(_ body: AWJSON, for caller: AWCaller) async throws -> Int {
        _ = try caller.writer()
        guard let buckets = body["buckets"]?.members else { throw SimpleAppError.invalid("buckets", "is required (an object of buckets by id)") }
        var parsed: [(id: String, spec: AWJSON, events: [AWEvent])] = []
        var total = 0
        for member in buckets {
            let id = member.value["id"]?.stringValue ?? member.key
            try AWBucket.checkID(id)
            let list = member.value["events"]?.elements ?? []
            total += list.count
            guard total <= maxEvents else { throw SimpleAppError(.payloadTooLarge, code: "import_too_large", message: "buckets: at most \(maxEvents) events per import") }
            let events = try list.enumerated().map { try AWEvent(json: $1, field: "buckets.\(id).events[\($0)]") }
            parsed.append((id, member.value, events))
        }
        for (id, _, _) in parsed where try await store.bucket(employeeID: caller.employeeID, id: id) != nil {
            throw AWError.bucketExists(id)
        }
        var imported = 0
        for (id, spec, events) in parsed {
            guard try await createBucket(id, body: spec, for: caller) else { throw AWError.bucketExists(id) }
            let bucket = try await self.bucket(id, for: caller)
            // Oldest first: a window bucket's events then get numbers in time order.
            let ordered = events.sorted { $0.start < $1.start }
            for chunk in stride(from: 0, to: ordered.count, by: 5_000) {
                imported += try await insert(Array(ordered[chunk..<min(chunk + 5_000, ordered.count)]), into: bucket, for: caller).count
            }
        }
        return imported
    }
}

/// What a query of `caller` reads: their buckets, cut to the query's period. With several periods (aw-webui's per-day
/// views send a month of days) each bucket is read once for the whole span and sliced per period, instead of once
/// per period; the list of buckets is read once per request.
actor AWQuerySource: QuerySource {
    let service: AWService
    let caller: AWCaller
    private var span: (from: Int64, to: Int64)?
    private var buckets: [AWBucket]?
    /// Each bucket's events over the span, newest first; nil when the span held more than the limit.
    private var spanEvents: [String: [AWEvent]?] = [:]
    /// The longest event of each cached bucket: how far before a period an event may start and still reach into it.
    private var longest: [String: Int64] = [:]

    init(service: AWService, caller: AWCaller) {
        self.service = service
        self.caller = caller
    }

    func prepare(from: Int64, to: Int64, periods: Int) async {
        if periods > 1 { span = (from, to) }
    }

    private func visible() async throws -> [AWBucket] {
        if let buckets { return buckets }
        let found = try await service.buckets(for: caller)
        buckets = found
        return found
    }

    func bucketNames() async throws -> [(id: String, hostname: String)] {
        try await visible().map { ($0.id, $0.hostname) }
    }

    func events(bucket id: String, from: Int64, to: Int64, limit: Int) async throws -> [AWEvent]? {
        guard let bucket = try await visible().first(where: { $0.id == id }) else { return nil }
        let overlapping: [AWEvent]
        if let span, span.from <= from, to <= span.to {
            if spanEvents[id] == nil {
                let read = try await service.events(bucket, from: span.from, to: span.to, limit: limit)
                spanEvents[id] = .some(read.count < limit ? read : nil)
                longest[id] = read.map(\.duration).max() ?? 0
            }
            if let all = spanEvents[id] ?? nil {
                overlapping = Self.slice(all, from: from, to: to, longest: longest[id] ?? 0, limit: limit)
            } else {
                overlapping = try await service.events(bucket, from: from, to: to, limit: limit)
            }
        } else {
            overlapping = try await service.events(bucket, from: from, to: to, limit: limit)
        }
        return overlapping.map { event in
            var cut = event
            cut.start = max(event.start, from)
            cut.duration = max(0, min(event.end, to) - cut.start)
            return cut
        }
    }

    /// The events of `all` (newest first) overlapping [from, to): a binary search to the first starting before `to`,
    /// then forward while an event could still reach `from`.
    static func slice(_ all: [AWEvent], from: Int64, to: Int64, longest: Int64, limit: Int) -> [AWEvent] {
        var low = 0, high = all.count
        while low < high {
            let mid = (low + high) / 2
            if all[mid].start >= to { low = mid + 1 } else { high = mid }
        }
        var found: [AWEvent] = []
        var index = low
        while index < all.count, found.count < limit, all[index].start >= from &- longest {
            let event = all[index]
            if event.end > from || event.start >= from { found.append(event) }
            index += 1
        }
        return found
    }
}

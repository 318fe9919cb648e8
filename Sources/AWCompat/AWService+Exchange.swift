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

/// What a query of `caller` reads: their buckets, cut to the query's period.
struct AWQuerySource: QuerySource {
    let service: AWService
    let caller: AWCaller

    func bucketNames() async throws -> [(id: String, hostname: String)] {
        try await service.buckets(for: caller).map { ($0.id, $0.hostname) }
    }

    func events(bucket id: String, from: Int64, to: Int64, limit: Int) async throws -> [AWEvent]? {
        guard (try? AWBucket.checkID(id)) != nil,
              let bucket = try await service.store.bucket(employeeID: caller.employeeID, id: id), caller.sees(bucket) else { return nil }
        return try await service.events(bucket, from: from, to: to, limit: limit).map { event in
            var cut = event
            cut.start = max(event.start, from)
            cut.duration = max(0, min(event.end, to) - cut.start)
            return cut
        }
    }
}

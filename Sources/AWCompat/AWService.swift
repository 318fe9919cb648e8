import Activities
import Foundation
import TrackerCore

/// ActivityWatch's API over our model. A window bucket is its device's activity (written through `IngestService`:
/// the same merge, person lock and rollups as `/api/activities`); an AFK bucket keeps its events as sent and makes
/// each `afk` spell one of the device's idle periods; a web-tab bucket keeps its events and gives browser window
/// time its URL; any other bucket is kept verbatim.
public struct AWService: Sendable {
    let store: AWStore
    let ingest: IngestService
    let streams: DeviceStream
    let time: TimeSource
    let limits: QueryBudget.Limits
    let cache = BucketCache()

    /// The most events one read, export or import may hold.
    var maxEvents: Int { limits.maxEvents }

    // MARK: buckets

    func buckets(for caller: AWCaller) async throws -> [AWBucket] {
        try await store.buckets(employeeID: caller.employeeID).filter(caller.sees)
    }

    /// The caller's bucket `id`, or `404` (also for a bucket that is someone else's: its name does not leak).
    func bucket(_ id: String, for caller: AWCaller) async throws -> AWBucket {
        try AWBucket.checkID(id)
        let found: AWBucket?
        if let cached = cache.bucket(employeeID: caller.employeeID, id: id) {
            found = cached
        } else {
            found = try await store.bucket(employeeID: caller.employeeID, id: id)
            if let found { cache.remember(found) }
        }
        guard let bucket = found, caller.sees(bucket) else { throw AWError.noBucket(id) }
        return bucket
    }

    func bucketJSON(_ bucket: AWBucket) async throws -> AWJSON {
        let last: Int64?
        if bucket.kind == .window {
            last = try await streams.events(deviceID: bucket.deviceID, employeeID: bucket.employeeID, from: 0, to: DateBounds.millis.upperBound, limit: 1).first?.end
        } else {
            last = try await store.lastUpdated(bucket)
        }
        return bucket.json(lastUpdated: last)
    }

    /// Creates bucket `id` from `{"client","type","hostname","data"?}`; false when it existed (aw-server: `304`).
    func createBucket(_ id: String, body: AWJSON, for caller: AWCaller) async throws -> Bool {
        try AWBucket.checkID(id)
        let device = try caller.writer()
        func text(_ key: String, default fallback: String? = nil) throws -> String {
            guard let value = body[key]?.stringValue ?? fallback else { throw SimpleAppError.invalid(key, "is required (a string)") }
            guard (1...200).contains(value.count), !value.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
                throw SimpleAppError.invalid(key, "must be 1 to 200 characters without control characters")
            }
            return value
        }
        var data: [AWJSON.Member] = []
        switch body["data"] {
        case .object(let members)?: data = members
        case nil, .null?: break
        default: throw SimpleAppError.invalid("data", "must be an object")
        }
        guard AWJSONWriter.bytes(.object(data)).count <= 64 * 1024 else { throw SimpleAppError.invalid("data", "must be at most 64 KiB") }
        let bucket = AWBucket(
            no: 0, id: id, employeeID: device.employeeID, deviceID: device.deviceID, type: try text("type"),
            client: try text("client", default: "unknown"), hostname: try text("hostname", default: "unknown"),
            created: time.now.epochMillis, data: data
        )
        let (stored, created) = try await store.create(bucket)
        if created && stored.kind == .webTab { cache.rememberTabs(deviceID: device.deviceID, true) }
        if !created && stored.deviceID != device.deviceID {
            throw SimpleAppError(.conflict, code: "bucket_of_another_device",
                                 message: "bucket_id: '\(id.prefix(200))' belongs to another of your devices; each computer reports with its own device token")
        }
        return created
    }

    func deleteBucket(_ id: String, for caller: AWCaller) async throws {
        _ = try caller.writer()
        try await store.delete(try await bucket(id, for: caller))
        cache.forget(employeeID: caller.employeeID, id: id)
    }

    // MARK: events

    /// Events overlapping [from, to), newest first, at most `limit`.
    func events(_ bucket: AWBucket, from: Int64, to: Int64, limit: Int) async throws -> [AWEvent] {
        switch bucket.kind {
        case .window:
            return try await streams.events(deviceID: bucket.deviceID, employeeID: bucket.employeeID, from: from, to: to, limit: limit).map(Self.event)
        case .afk, .webTab, .custom:
            return try await store.events(bucket, from: from, to: to, limit: limit)
        }
    }

    func count(_ bucket: AWBucket, from: Int64, to: Int64) async throws -> Int {
        bucket.kind == .window
            ? try await streams.count(deviceID: bucket.deviceID, from: from, to: to)
            : try await store.count(bucket, from: from, to: to)
    }

    func event(_ bucket: AWBucket, id: Int64) async throws -> AWEvent {
        let found = bucket.kind == .window
            ? try await streams.event(deviceID: bucket.deviceID, seq: id).map(Self.event)
            : try await store.event(bucket, id: id)
        guard let found else { throw AWError.noEvent(id) }
        return found
    }

    func deleteEvent(_ bucket: AWBucket, id: Int64, for caller: AWCaller) async throws {
        let device = try caller.writer()
        switch bucket.kind {
        case .window:
            guard try await streams.delete(seq: id, of: device) else { throw AWError.noEvent(id) }
        case .afk:
            guard try await store.deleteEvent(bucket, id: id) != nil else { throw AWError.noEvent(id) }
            try await ingest.deleteIdle(id: Self.idleID(bucket: bucket.no, event: id), from: device)
        case .webTab, .custom:
            guard try await store.deleteEvent(bucket, id: id) != nil else { throw AWError.noEvent(id) }
        }
    }

    /// Stores `events` (in order) and returns them with their ids; a window bucket's are validated as activity (and
    /// may be dropped by the device's policy: those come back without an id).
    func insert(_ events: [AWEvent], into bucket: AWBucket, for caller: AWCaller) async throws -> [AWEvent] {
        let device = try caller.writer()
        switch bucket.kind {
        case .window:
            let incoming = try events.enumerated().map { try Self.incoming($1, field: "events[\($0)]") }
            let (seqs, _) = try await ingest.append(incoming, from: device)
            // Dropped events (policy) are not in `seqs`; those kept are numbered in order.
            return seqs.count == events.count ? zip(events, seqs).map { event, seq in var e = event; e.id = seq; return e } : []
        case .afk:
            try Self.checkAFK(events)
            guard ingest.admitsVerbatim(events.count, from: device, carriesText: false) else { return [] }
            let stored = try await store.insert(events, into: bucket)
            for event in stored { try await mirrorIdle(event, bucket: bucket, device: device) }
            return stored
        case .webTab, .custom:
            guard ingest.admitsVerbatim(events.count, from: device, carriesText: true) else { return [] }
            return try await store.insert(events, into: bucket)
        }
    }

    func heartbeat(_ beat: AWEvent, pulsetime: Double, into bucket: AWBucket, for caller: AWCaller) async throws -> AWEvent {
        let device = try caller.writer()
        guard pulsetime.isFinite, (0...86_400).contains(pulsetime) else {
            throw SimpleAppError.invalid("pulsetime", "must be a number of seconds from 0 to 86400")
        }
        switch bucket.kind {
        case .window:
            var incoming = try Self.incoming(beat, field: "event")
            if incoming.url == nil, Browsers.isBrowser(incoming.app), try await hasTabs(device.deviceID) {
                incoming.url = try await store.tabURL(deviceID: device.deviceID, at: beat.start, slack: Browsers.tabSlack)
            }
            let result = try await ingest.heartbeat(
                IncomingHeartbeat(timestamp: incoming.timestamp, duration: incoming.duration, app: incoming.app, title: incoming.title, url: incoming.url),
                pulsetimeSeconds: min(pulsetime, 3600), from: device
            )
            var data: [AWJSON.Member] = [.init("app", .string(incoming.app)), .init("title", .string(incoming.title))]
            if let url = incoming.url { data.append(.init("url", .string(url))) }
            return AWEvent(id: Int64(result.eventId), start: result.timestamp.epochMillis, duration: Int64((result.duration * 1000).rounded()), data: data)
        case .afk:
            try Self.checkAFK([beat])
            // Dropped (paused, tracking off): answered as sent, without an id — nothing was stored.
            guard ingest.admitsVerbatim(1, from: device, carriesText: false) else { return beat }
            let (event, _) = try await store.heartbeat(beat, pulsetime: Int64(pulsetime * 1000), into: bucket)
            try await mirrorIdle(event, bucket: bucket, device: device)
            return event
        case .webTab, .custom:
            guard ingest.admitsVerbatim(1, from: device, carriesText: true) else { return beat }
            return try await store.heartbeat(beat, pulsetime: Int64(pulsetime * 1000), into: bucket).0
        }
    }

    // MARK: mapping

    /// Whether the device reports browser tabs (known for a few seconds at a time).
    private func hasTabs(_ deviceID: String) async throws -> Bool {
        if let known = cache.hasTabs(deviceID: deviceID) { return known }
        let has = try await store.hasTabBucket(deviceID: deviceID)
        cache.rememberTabs(deviceID: deviceID, has)
        return has
    }

    /// An `afk` event of an AFK bucket as the device's idle period (reason `afk`), kept in step as it grows.
    private func mirrorIdle(_ event: AWEvent, bucket: AWBucket, device: DeviceIdentity) async throws {
        guard event.data.value("status")?.stringValue == "afk", event.duration > 0, let id = event.id else { return }
        try await ingest.upsertIdle(id: Self.idleID(bucket: bucket.no, event: id), start: Date(epochMillis: event.start),
                                    end: Date(epochMillis: event.end), reason: "afk", from: device)
    }

    /// A stable UUID-shaped id for the idle period of event `event` of bucket `bucket`.
    static func idleID(bucket: Int64, event: Int64) -> String {
        func hex(_ value: Int64, _ digits: Int) -> String {
            let text = String(UInt64(bitPattern: value), radix: 16)
            return String(repeating: "0", count: max(0, digits - text.count)) + text.suffix(digits)
        }
        let b = hex(bucket, 8), e = hex(event, 16)
        return "00000a77-\(b.prefix(4))-\(b.suffix(4))-\(e.prefix(4))-\(e.suffix(12))"
    }

    static func checkAFK(_ events: [AWEvent]) throws {
        for (index, event) in events.enumerated() {
            guard let status = event.data.value("status")?.stringValue, status == "afk" || status == "not-afk" else {
                throw SimpleAppError.invalid("events[\(index)].data.status", "must be \"afk\" or \"not-afk\" in an afkstatus bucket")
            }
        }
    }

    static func event(_ stream: StreamEvent) -> AWEvent {
        var data: [AWJSON.Member] = [.init("app", .string(stream.app)), .init("title", .string(stream.title))]
        if let url = stream.url { data.append(.init("url", .string(url))) }
        return AWEvent(id: stream.seq, start: stream.start, duration: stream.end - stream.start, data: data)
    }

    /// A window event as activity: `data.app` and `data.title` strings (`url` optional).
    static func incoming(_ event: AWEvent, field: String) throws -> IncomingEvent {
        guard let app = event.data.value("app")?.stringValue else { throw SimpleAppError.invalid("\(field).data.app", "is required (a string) in a currentwindow bucket") }
        guard let title = event.data.value("title")?.stringValue else { throw SimpleAppError.invalid("\(field).data.title", "is required (a string) in a currentwindow bucket") }
        return IncomingEvent(id: "", timestamp: Date(epochMillis: event.start), duration: Double(event.duration) / 1000, app: app, title: title,
                             url: event.data.value("url")?.stringValue)
    }
}

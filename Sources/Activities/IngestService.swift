import CoreMetrics
import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// Validates what agents send and stores it, rollups included, in one transaction per request: a `2xx` means
/// events and rollups are both committed. A batch is all-or-nothing.
public struct IngestService: Sendable {
    let database: any Database
    private let rules: RuleSet
    let settings: ActivitySettings
    let time: TimeSource
    /// `tracker_rollup_updates_total{path}`: heartbeats whose rollups went by delta, by recomputation, or needed none.
    private let rollupPaths: [RollupPath: Counter]
    /// Person, device and text numbers, shared by every ingest path of this process.
    let keys = EventKeys()
    /// Rung after each committed write that changed rollups: consumers of the change marks (flags) wake at once.
    let rollupsChanged: Chime
    /// `tracker_events_dropped_total{reason}`: what arrived but may not be stored — from a paused device, with
    /// tracking turned off, or matching an exclusion of the agent configuration.
    private let dropped: [DropReason: Counter]
    /// The person's shifts, for devices configured to track only during them (none: the setting keeps nothing out).
    private let shifts: (any ShiftWindows)?

    enum DropReason: String, CaseIterable {
        case devicePaused = "device_paused"
        case trackingOff = "tracking_off"
        case excluded
        case outsideShift = "outside_shift"
    }

    init(database: any Database, rules: RuleSet, settings: ActivitySettings, time: TimeSource, metrics: any MetricsFactory,
         rollupsChanged: Chime, shifts: (any ShiftWindows)? = nil) {
        self.shifts = shifts
        self.rollupsChanged = rollupsChanged
        self.database = database
        self.rules = rules
        self.settings = settings
        self.time = time
        var counters: [RollupPath: Counter] = [:]
        for path in [RollupPath.delta, .recomputed, .unchanged] {
            counters[path] = Counter(label: "tracker_rollup_updates_total", dimensions: [("path", path.rawValue)], factory: metrics)
        }
        self.rollupPaths = counters
        var drops: [DropReason: Counter] = [:]
        for reason in DropReason.allCases {
            drops[reason] = Counter(label: "tracker_events_dropped_total", dimensions: [("reason", reason.rawValue)], factory: metrics)
        }
        dropped = drops
    }

    /// What `device` may store of `records` — in private mode without titles and URLs — and how many it may not
    /// (counted). Runs after validation: bad input is a 400 whatever the device's state.
    func admit(_ records: [EventRecord], from device: DeviceIdentity) -> (kept: [EventRecord], dropped: Int) {
        let policy = device.policy
        if let reason = Self.refusal(device) {
            count(records.count, reason)
            return ([], records.count)
        }
        guard !policy.settings.excluded.isEmpty || policy.settings.privateMode else { return (records, 0) }
        var kept: [EventRecord] = []
        kept.reserveCapacity(records.count)
        for var record in records {
            let facts = ActivityFacts(app: record.app, title: record.title, url: record.url)
            guard policy.admits(facts) else { continue }
            let stored = policy.redacted(facts)
            record.title = stored.title
            record.url = stored.url
            kept.append(record)
        }
        count(records.count - kept.count, .excluded)
        return (kept, records.count - kept.count)
    }

    /// With "track only during shifts": what starts inside one of the person's shifts, cut at its end; the rest is
    /// dropped (counted). One query for the batch's span, only for devices with the setting on.
    func duringShifts<R>(_ records: [R], of device: DeviceIdentity, start: WritableKeyPath<R, Int64>,
                                 end: WritableKeyPath<R, Int64>) async throws -> (kept: [R], dropped: Int) {
        guard device.policy.settings.trackOnlyDuringShifts, let shifts, !records.isEmpty else { return (records, 0) }
        let from = records.map { $0[keyPath: start] }.min() ?? 0, to = records.map { $0[keyPath: end] }.max() ?? 0
        let windows = try await shifts.windows(employeeID: device.employeeID, from: from, to: max(to, from + 1))
        var kept: [R] = []
        for var record in records {
            guard let clipped = ShiftClip.clip(start: record[keyPath: start], end: record[keyPath: end], to: windows) else { continue }
            record[keyPath: end] = clipped
            kept.append(record)
        }
        count(records.count - kept.count, .outsideShift)
        return (kept, records.count - kept.count)
    }

    /// Why nothing `device` sends may be stored now, if so.
    static func refusal(_ device: DeviceIdentity) -> DropReason? {
        device.paused ? .devicePaused : device.policy.settings.trackingEnabled ? nil : .trackingOff
    }

    func count(_ n: Int, _ reason: DropReason) {
        if n > 0 { dropped[reason]?.increment(by: n) }
    }

    public func ingest(_ batch: EventBatch, from device: DeviceIdentity) async throws -> BatchResult {
        let now = time.now.epochMillis
        let (admitted, refused) = admit(try validated(batch.events, field: "events") { event, field in try validate(event, field: field, now: now) },
                                        from: device)
        let (records, outside) = try await duringShifts(admitted, of: device, start: \.startMs, end: \.endMs)
        let dropped = refused + outside
        if records.isEmpty { return BatchResult(accepted: 0, duplicates: 0, dropped: dropped) }
        let texts = Set(records.flatMap(\.texts))
        let engine = database.engine, keys = self.keys
        let (result, resolved) = try await write(for: device) { db in
            let resolved = try await keys.resolve(db, engine: engine, employeeID: device.employeeID, deviceID: device.deviceID, texts: texts)
            let written = try await ActivityWriter.insertEvents(db, keys: resolved, events: records)
            return ((BatchResult(accepted: written.accepted, duplicates: written.duplicates, dropped: dropped), resolved), written.hours)
        }
        keys.remember(resolved, employeeID: device.employeeID, deviceID: device.deviceID)
        await rollupsChanged.ring()
        return result
    }

    public func heartbeat(_ heartbeat: IncomingHeartbeat, pulsetimeSeconds: Double, from device: DeviceIdentity) async throws -> HeartbeatResult {
        guard pulsetimeSeconds.isFinite, (0...3600).contains(pulsetimeSeconds) else {
            throw SimpleAppError.invalid("pulsetime", "must be a number of seconds from 0 to 3600")
        }
        let now = time.now.epochMillis
        // A heartbeat is "now": one minutes ahead would become the device's last event, and every real-time beat
        // after it would start before it and so never merge (one 0-second event each) until the clock caught up.
        // Only clock skew is tolerated.
        if heartbeat.timestamp.epochMillis > now + settings.heartbeatSkewSeconds * 1000 {
            throw SimpleAppError.invalid("timestamp", "is more than \(settings.heartbeatSkewSeconds) seconds in the future (check the device's clock)")
        }
        let validated = try validate(
            IncomingEvent(id: Self.heartbeatID, timestamp: heartbeat.timestamp, duration: heartbeat.duration,
                          app: heartbeat.app, title: heartbeat.title, url: heartbeat.url),
            field: nil, now: now
        )
        guard let record = try await duringShifts(admit([validated], from: device).kept, of: device, start: \.startMs, end: \.endMs).kept.first else {
            return HeartbeatResult(merged: false, eventId: "", timestamp: heartbeat.timestamp, duration: heartbeat.duration, dropped: true)
        }
        let pulsetime = Int64((pulsetimeSeconds * 1000).rounded())
        let rules = self.rules, engine = database.engine, keys = self.keys
        let texts = Set(record.texts)
        let (result, path, resolved) = try await database.withTransaction { db in
            let (snapshot, resolved, last) = try await HeartbeatStart.read(db, employeeID: device.employeeID, engine: engine, rules: rules) {
                try await keys.resolve(db, engine: engine, employeeID: device.employeeID, deviceID: device.deviceID, texts: texts)
            }
            let (result, change) = try await ActivityWriter.heartbeat(db, keys: resolved, heartbeat: record, pulsetimeMs: pulsetime, last: last)
            return (result, try await RollupWriter.apply(change, db, employeeID: device.employeeID, rules: snapshot), resolved)
        }
        keys.remember(resolved, employeeID: device.employeeID, deviceID: device.deviceID)
        rollupPaths[path]?.increment()
        if path != .unchanged { await rollupsChanged.ring() }
        return result
    }

    public func ingest(_ batch: IdleBatch, from device: DeviceIdentity) async throws -> BatchResult {
        let now = time.now.epochMillis
        let records = try validated(batch.periods, field: "periods") { period, field in try validate(period, field: field, now: now) }
        // Idle periods carry no app or title: only a pause or tracking turned off keeps them out.
        if let reason = Self.refusal(device) {
            count(records.count, reason)
            return BatchResult(accepted: 0, duplicates: 0, dropped: records.count)
        }
        let (periods, outside) = try await duringShifts(records, of: device, start: \.startMs, end: \.endMs)
        if periods.isEmpty { return BatchResult(accepted: 0, duplicates: 0, dropped: outside) }
        let result = try await write(for: device) { db in
            let written = try await ActivityWriter.insertIdle(db, deviceID: device.deviceID, employeeID: device.employeeID, periods: periods, receivedAt: now)
            return (BatchResult(accepted: written.accepted, duplicates: written.duplicates, dropped: outside), written.hours)
        }
        await rollupsChanged.ring()
        return result
    }

    /// One transaction per request: lock the person (PostgreSQL: serialises every write of theirs — all their devices,
    /// rebuilds, idle classifications — across instances; a device's heartbeats then merge against its true last
    /// event and an hour's rollup is never recomputed from a snapshot missing another writer's rows), write, then
    /// recompute the rollups of the hours the write touched — so a `2xx` means events and rollups committed.
    func write<T: Sendable>(
        for device: DeviceIdentity, _ body: @escaping @Sendable (any SQLDatabase) async throws -> (T, Set<Int64>)
    ) async throws -> T {
        let engine = database.engine
        let rules = self.rules
        return try await database.withTransaction { db in
            let snapshot = try await rules.lockingPerson(db, employeeID: device.employeeID, engine: engine)
            let (result, hours) = try await body(db)
            _ = try await RollupWriter.apply(.hours(hours), db, employeeID: device.employeeID, rules: snapshot)
            return result
        }
    }

    // MARK: validation

    /// Bounds the batch (`413`) and validates every item, naming the first bad one (`events[3].timestamp: …`).
    private func validated<Item, Record>(_ items: [Item], field: String, _ validate: (Item, String) throws -> Record) throws -> [Record] {
        guard items.count <= settings.maxBatchEvents else {
            throw SimpleAppError(.payloadTooLarge, code: "batch_too_large",
                                 message: "\(field): at most \(settings.maxBatchEvents) per batch, got \(items.count)")
        }
        return try items.enumerated().map { index, item in try validate(item, "\(field)[\(index)]") }
    }

    private func checkTime(_ ms: Int64, field: String, now: Int64) throws {
        if ms > now + settings.futureToleranceSeconds * 1000 {
            throw SimpleAppError.invalid(field, "is more than \(settings.futureToleranceSeconds / 60) minutes in the future")
        }
        if ms < now - settings.backfillWindowSeconds * 1000 {
            throw SimpleAppError.invalid(field, "is older than the backfill window of \(settings.backfillWindowSeconds / 86_400) days")
        }
    }

    func validate(_ event: IncomingEvent, field: String?, now: Int64) throws -> EventRecord {
        func name(_ leaf: String) -> String { field.map { "\($0).\(leaf)" } ?? leaf }
        let id = try FieldValidation.id(event.id, field: name("id"))
        let start = event.timestamp.epochMillis
        try checkTime(start, field: name("timestamp"), now: now)
        guard event.duration.isFinite, event.duration >= 0 else { throw SimpleAppError.invalid(name("duration"), "must be a number of seconds ≥ 0") }
        guard event.duration <= Double(settings.maxDurationSeconds) else {
            throw SimpleAppError.invalid(name("duration"), "must be at most \(settings.maxDurationSeconds) seconds")
        }
        let end = start + Int64((event.duration * 1000).rounded())
        guard !event.app.trimmingCharacters(in: .whitespaces).isEmpty else { throw SimpleAppError.invalid(name("app"), "must not be empty") }
        guard event.app.count <= ActivitySettings.maxAppLength else {
            throw SimpleAppError.invalid(name("app"), "must be at most \(ActivitySettings.maxAppLength) characters")
        }
        guard event.title.count <= ActivitySettings.maxTitleLength else {
            throw SimpleAppError.invalid(name("title"), "must be at most \(ActivitySettings.maxTitleLength) characters")
        }
        if let url = event.url, url.count > ActivitySettings.maxURLLength {
            throw SimpleAppError.invalid(name("url"), "must be at most \(ActivitySettings.maxURLLength) characters")
        }
        try FieldValidation.noNUL(event.app, field: name("app"))
        try FieldValidation.noNUL(event.title, field: name("title"))
        if let url = event.url { try FieldValidation.noNUL(url, field: name("url")) }
        let url = event.url.flatMap { $0.isEmpty ? nil : $0 }
        return EventRecord(id: id, startMs: start, endMs: end, app: event.app, title: event.title, url: url)
    }

    /// A heartbeat has no client id (the event store numbers it); this placeholder only passes validation.
    static let heartbeatID = "00000000-0000-0000-0000-000000000000"

    static let idleReasons: Set<String> = ["afk", "locked", "sleep", "other"]

    func validate(_ period: IncomingIdlePeriod, field: String, now: Int64) throws -> IdleRecord {
        let id = try FieldValidation.id(period.id, field: "\(field).id")
        let start = period.start.epochMillis, end = period.end.epochMillis
        try checkTime(start, field: "\(field).start", now: now)
        try checkTime(end, field: "\(field).end", now: now)
        guard end > start else { throw SimpleAppError.invalid("\(field).end", "must be after start") }
        guard end - start <= settings.maxDurationSeconds * 1000 else {
            throw SimpleAppError.invalid("\(field).end", "period must be at most \(settings.maxDurationSeconds) seconds long")
        }
        let reason = period.reason.lowercased()
        guard Self.idleReasons.contains(reason) else {
            throw SimpleAppError.invalid("\(field).reason", "must be one of \(Self.idleReasons.sorted().joined(separator: ", "))")
        }
        return IdleRecord(id: id, startMs: start, endMs: end, reason: reason)
    }
}

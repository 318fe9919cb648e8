import Foundation
import Hummingbird
import NIOCore
import TrackerCore
import TrackerHTTP

/// `/api/0`: ActivityWatch's REST API (aw-server's paths, methods, status codes and JSON), so its watchers and
/// `aw-client` report here unchanged.
struct AWController {
    let service: AWService
    let serverName: String

    /// The largest body: an import or a batch of events (aw-webui imports whole exports).
    static let maxBody = 64 * 1024 * 1024
    /// The most events one `GET …/events` answers (aw-client's `limit=-1` means "all": this many).
    static let maxListed = 100_000

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("info") { _, context in
            // No personal data: aw-client asks before it has a bucket (and before any token is checked).
            var members: [AWJSON.Member] = [.init("hostname", .string(serverName)), .init("version", .string("v0.12.0 (productivity-tracker)")),
                                            .init("testing", .bool(false))]
            if case .device(let device)? = context.identity { members.append(.init("device_id", .string(device.deviceID))) }
            return Self.json(.object(members))
        }
        group.get("buckets") { _, context in
            let caller = try AWCaller(context.identity)
            var members: [AWJSON.Member] = []
            for bucket in try await service.buckets(for: caller) { members.append(.init(bucket.id, try await service.bucketJSON(bucket))) }
            return Self.json(.object(members))
        }
        group.get("buckets/:bucket") { _, context in
            let caller = try AWCaller(context.identity)
            return Self.json(try await service.bucketJSON(try await service.bucket(try context.parameters.require("bucket"), for: caller)))
        }
        group.post("buckets/:bucket") { request, context in
            let caller = try AWCaller(context.identity)
            let body = try await Self.body(request, context: context, limit: 256 * 1024)
            let created = try await service.createBucket(try context.parameters.require("bucket"), body: body, for: caller)
            // aw-server: 304 when the bucket exists (aw-client treats it as success).
            return created ? Self.json(.object([])) : Response(status: .notModified)
        }
        group.delete("buckets/:bucket") { _, context in
            try await service.deleteBucket(try context.parameters.require("bucket"), for: try AWCaller(context.identity))
            return Self.json(.object([]))
        }
        group.get("buckets/:bucket/events") { request, context in
            let caller = try AWCaller(context.identity)
            let bucket = try await service.bucket(try context.parameters.require("bucket"), for: caller)
            let (from, to) = try Self.range(request)
            let limit = try Self.limit(request)
            return Self.json(.array(try await service.events(bucket, from: from, to: to, limit: limit).map(\.json)))
        }
        group.get("buckets/:bucket/events/count") { request, context in
            let caller = try AWCaller(context.identity)
            let bucket = try await service.bucket(try context.parameters.require("bucket"), for: caller)
            let (from, to) = try Self.range(request)
            return Self.json(.number(String(try await service.count(bucket, from: from, to: to))))
        }
        group.get("buckets/:bucket/events/:event") { _, context in
            let caller = try AWCaller(context.identity)
            let bucket = try await service.bucket(try context.parameters.require("bucket"), for: caller)
            return Self.json(try await service.event(bucket, id: try Self.eventID(context)).json)
        }
        group.delete("buckets/:bucket/events/:event") { _, context in
            let caller = try AWCaller(context.identity)
            let bucket = try await service.bucket(try context.parameters.require("bucket"), for: caller)
            try await service.deleteEvent(bucket, id: try Self.eventID(context), for: caller)
            return Self.json(.object([]))
        }
        group.post("buckets/:bucket/events") { request, context in
            let caller = try AWCaller(context.identity)
            let bucket = try await service.bucket(try context.parameters.require("bucket"), for: caller)
            _ = try caller.writer()
            let body = try await Self.body(request, context: context, limit: Self.maxBody)
            // One event or a list, as aw-server accepts.
            let items = body.elements ?? [body]
            guard items.count <= 5_000 else {
                throw SimpleAppError(.payloadTooLarge, code: "batch_too_large", message: "events: at most 5000 per request, got \(items.count)")
            }
            let events = try items.enumerated().map { try AWEvent(json: $1, field: "events[\($0)]") }
            return Self.json(.array(try await service.insert(events, into: bucket, for: caller).map(\.json)))
        }
        group.post("buckets/:bucket/heartbeat") { request, context in
            let caller = try AWCaller(context.identity)
            let bucket = try await service.bucket(try context.parameters.require("bucket"), for: caller)
            _ = try caller.writer()
            let pulsetime = try request.uri.queryParameters.get("pulsetime").map { text -> Double in
                guard let value = Double(text) else { throw SimpleAppError.invalid("pulsetime", "must be a number of seconds") }
                return value
            } ?? 0
            let beat = try AWEvent(json: try await Self.body(request, context: context, limit: 1024 * 1024), field: "event")
            return Self.json(try await service.heartbeat(beat, pulsetime: pulsetime, into: bucket, for: caller).json)
        }
        group.get("buckets/:bucket/export") { _, context in
            let caller = try AWCaller(context.identity)
            return Self.json(try await service.export([try await service.bucket(try context.parameters.require("bucket"), for: caller)]))
        }
        group.get("export") { _, context in
            let caller = try AWCaller(context.identity)
            return Self.json(try await service.export(try await service.buckets(for: caller)))
        }
        group.post("import") { request, context in
            let caller = try AWCaller(context.identity)
            let count = try await service.importBuckets(try await Self.body(request, context: context, limit: Self.maxBody), for: caller)
            return Self.json(.object([.init("events", .number(String(count)))]))
        }
        group.post("query") { request, context in
            let caller = try AWCaller(context.identity)
            let body = try await Self.body(request, context: context, limit: 1024 * 1024)
            let lines: [String]
            switch body["query"] {
            case .array(let items)?: lines = try items.map { guard let s = $0.stringValue else { throw SimpleAppError.invalid("query", "must be a list of strings") }; return s }
            case .string(let text)?: lines = [text]
            default: throw SimpleAppError.invalid("query", "is required (a list of lines)")
            }
            guard let periods = body["timeperiods"]?.elements?.compactMap(\.stringValue) else {
                throw SimpleAppError.invalid("timeperiods", "is required (a list of start/end texts)")
            }
            let result = try await AWQuery.run(lines: lines, timeperiods: periods, source: AWQuerySource(service: service, caller: caller),
                                               limits: service.limits)
            return Self.json(result)
        }
        group.get("settings") { _, context in
            let caller = try AWCaller(context.identity)
            return Self.json(.object(try await service.store.settings(employeeID: caller.employeeID).map { .init($0.0, $0.1) }))
        }
        group.get("settings/:key") { _, context in
            let caller = try AWCaller(context.identity)
            let key = try Self.settingKey(context)
            // aw-server-rust answers null for a key never set.
            return Self.json(try await service.store.settings(employeeID: caller.employeeID).first { $0.0 == key }?.1 ?? .null)
        }
        group.post("settings/:key") { request, context in
            let caller = try AWCaller(context.identity)
            let key = try Self.settingKey(context)
            let value = try await Self.body(request, context: context, limit: 256 * 1024)
            if try await service.store.settingCount(employeeID: caller.employeeID) >= 500 {
                guard try await service.store.settings(employeeID: caller.employeeID).contains(where: { $0.0 == key }) else {
                    throw SimpleAppError.invalid("key", "at most 500 settings per person")
                }
            }
            try await service.store.setSetting(employeeID: caller.employeeID, key: key, value: value)
            return Self.json(.object([]))
        }
    }

    // MARK: helpers

    static func json(_ value: AWJSON, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: AWJSONWriter.bytes(value))))
    }

    static func body(_ request: Request, context: AppRequestContext, limit: Int) async throws -> AWJSON {
        let buffer = try await request.collectBody(upTo: limit)
        return try AWJSONParser.parse(Array(buffer.readableBytesView))
    }

    static func range(_ request: Request) throws -> (Int64, Int64) {
        let query = request.uri.queryParameters
        let from = try query.get("start").map { try AWTime.parse(String($0), field: "start") } ?? 0
        let to = try query.get("end").map { try AWTime.parse(String($0), field: "end") } ?? DateBounds.millis.upperBound
        guard to >= from else { throw SimpleAppError.invalid("end", "must not be before start") }
        return (from, to)
    }

    static func limit(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters.get("limit") else { return maxListed }
        guard let value = Int(text) else { throw SimpleAppError.invalid("limit", "must be a whole number (-1: all)") }
        return value < 0 ? maxListed : min(value, maxListed)
    }

    static func eventID(_ context: AppRequestContext) throws -> Int64 {
        guard let id = Int64(try context.parameters.require("event")), id > 0 else { throw SimpleAppError.invalid("event_id", "must be a positive integer") }
        return id
    }

    static func settingKey(_ context: AppRequestContext) throws -> String {
        let key = try context.parameters.require("key")
        guard (1...100).contains(key.count), !key.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw SimpleAppError.invalid("key", "must be 1 to 100 characters")
        }
        return key
    }
}

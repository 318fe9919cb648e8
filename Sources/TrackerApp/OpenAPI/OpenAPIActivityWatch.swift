/// ActivityWatch's API (`/api/0`): aw-server's paths and shapes, for its watchers and aw-client. A device token
/// writes (Bearer, or HTTP Basic with the token as user name or password); a person's own access token reads.
enum OpenAPIActivityWatch {
    typealias JSON = OpenAPIDocument.JSON
    typealias Operation = OpenAPIDocument.Operation
    typealias S = OpenAPISchemas

    static let event = S.ref("AWEvent")
    static let anyObject: JSON = ["type": "object"]
    static let range: [(String, JSON, Bool)] = [("start", S.dateTime, false), ("end", S.dateTime, false)]

    static let operations: [Operation] = [
        Operation(method: "get", path: "/api/0/info", summary: "Server info (aw-server's)", caller: .anyone, response: anyObject),
        Operation(method: "get", path: "/api/0/buckets", summary: "Your buckets by id", caller: .device, response: anyObject),
        Operation(method: "get", path: "/api/0/buckets/{bucket}", summary: "A bucket", caller: .device, response: S.ref("AWBucket")),
        Operation(method: "post", path: "/api/0/buckets/{bucket}", summary: "Creates a bucket (304 when it exists)", caller: .device,
                  body: S.object([("type", S.string), ("client", S.string), ("hostname", S.string), ("data", anyObject)], required: ["type"]),
                  response: anyObject),
        Operation(method: "delete", path: "/api/0/buckets/{bucket}", summary: "Deletes a bucket (a window bucket's activity stays)",
                  caller: .device, response: anyObject),
        Operation(method: "get", path: "/api/0/buckets/{bucket}/events", summary: "Events, newest first", caller: .device,
                  query: range + [("limit", S.integer, false)], response: S.array(event)),
        Operation(method: "post", path: "/api/0/buckets/{bucket}/events", summary: "Inserts one event or a list", caller: .device,
                  body: ["oneOf": [event, S.array(event)]], response: S.array(event)),
        Operation(method: "get", path: "/api/0/buckets/{bucket}/events/count", summary: "How many events", caller: .device,
                  query: range, response: S.integer),
        Operation(method: "get", path: "/api/0/buckets/{bucket}/events/{event}", summary: "One event", caller: .device, response: event),
        Operation(method: "delete", path: "/api/0/buckets/{bucket}/events/{event}", summary: "Deletes one event", caller: .device, response: anyObject),
        Operation(method: "post", path: "/api/0/buckets/{bucket}/heartbeat", summary: "A heartbeat (merged within pulsetime)", caller: .device,
                  query: [("pulsetime", ["type": "number", "minimum": 0, "maximum": 86_400], false)], body: event, response: event),
        Operation(method: "get", path: "/api/0/buckets/{bucket}/export", summary: "One bucket with its events", caller: .device, response: anyObject),
        Operation(method: "get", path: "/api/0/export", summary: "All your buckets with their events", caller: .device, response: anyObject),
        Operation(method: "post", path: "/api/0/import", summary: "Imports buckets ({\"buckets\": {id: bucket with events}})", caller: .device,
                  body: S.object([("buckets", anyObject)], required: ["buckets"]), response: anyObject),
        Operation(method: "post", path: "/api/0/query", summary: "Runs a query2 program per time period", caller: .device,
                  body: S.object([("query", S.array(S.string)), ("timeperiods", S.array(S.string))], required: ["query", "timeperiods"]),
                  response: ["type": "array"]),
        Operation(method: "get", path: "/api/0/settings", summary: "aw-webui settings", caller: .device, response: anyObject),
        Operation(method: "get", path: "/api/0/settings/{key}", summary: "One setting (null when unset)", caller: .device, response: [:]),
        Operation(method: "post", path: "/api/0/settings/{key}", summary: "Sets one setting (any JSON)", caller: .device, body: [:], response: anyObject),
    ]

    static let schemas: [(String, JSON)] = [
        ("AWEvent", S.object([("id", S.integer), ("timestamp", S.dateTime), ("duration", ["type": "number", "minimum": 0]), ("data", anyObject)],
                             required: ["timestamp"])),
        ("AWBucket", S.object([("id", S.string), ("type", S.string), ("client", S.string), ("hostname", S.string), ("created", S.dateTime),
                               ("data", anyObject), ("last_updated", S.dateTime)], required: ["id", "type", "client", "hostname", "created"])),
    ]
}

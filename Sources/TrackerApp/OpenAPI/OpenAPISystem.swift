/// System control (`/api/system`, administrators): the instance's status.
enum OpenAPISystem {
    typealias JSON = OpenAPIDocument.JSON
    typealias Operation = OpenAPIDocument.Operation
    typealias S = OpenAPISchemas

    static let operations: [Operation] = [
        Operation(method: "get", path: "/api/system/status",
                  summary: "This instance: version, uptime, database (size, schema), pool, every background worker's last pass and error, queued work",
                  caller: .admin, response: S.ref("SystemStatus")),
    ]

    static let schemas: [(String, JSON)] = [
        ("SystemStatus", S.object([
            ("version", S.string), ("build", S.enumeration(["debug", "release"])), ("startedAt", S.dateTime), ("uptimeSeconds", S.integer),
            ("database", S.object([
                ("engine", S.enumeration(["sqlite", "postgres"])), ("reachable", S.boolean), ("bytes", S.integer), ("schemaVersion", S.integer),
                ("latestSchemaVersion", S.integer), ("pendingMigrations", S.integer),
            ], required: ["engine", "reachable", "latestSchemaVersion"])),
            ("pool", S.object([
                ("engine", S.string), ("total", S.integer), ("idle", S.integer), ("leased", S.integer), ("waiting", S.integer),
                ("maximum", S.integer), ("acquireTimeouts", S.integer), ("rejectedWaiters", S.integer), ("createFailures", S.integer),
                ("longLeases", S.integer),
            ], required: ["engine", "total", "idle", "leased", "waiting", "maximum"])),
            ("workers", S.object([
                ("enabled", S.boolean),
                ("items", S.array(S.object([
                    ("name", S.string), ("running", S.boolean), ("passes", S.integer), ("failures", S.integer),
                    ("lastStartedAt", S.dateTime), ("lastFinishedAt", S.dateTime), ("lastSucceededAt", S.dateTime),
                    ("lastError", S.string), ("lastErrorAt", S.dateTime),
                ], required: ["name", "running", "passes", "failures"]))),
            ], required: ["enabled", "items"])),
            ("queues", S.array(S.object([("name", S.string), ("queued", S.integer)], required: ["name"]))),
        ], required: ["version", "build", "startedAt", "uptimeSeconds", "database", "pool", "workers", "queues"])),
    ]
}

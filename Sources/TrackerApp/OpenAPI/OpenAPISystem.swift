/// System control (`/api/system`, administrators): the instance's status, agent configuration.
enum OpenAPISystem {
    typealias JSON = OpenAPIDocument.JSON
    typealias Operation = OpenAPIDocument.Operation
    typealias S = OpenAPISchemas

    static let operations: [Operation] = [
        Operation(method: "get", path: "/api/system/status",
                  summary: "This instance: version, uptime, database (size, schema), pool, every background worker's last pass and error, queued work",
                  caller: .admin, response: S.ref("SystemStatus")),
        Operation(method: "get", path: "/api/system/agent-settings", summary: "Agent configuration: the organisation's, and every team's and person's own",
                  caller: .admin, response: S.ref("AgentSettingsOverview")),
        Operation(method: "put", path: "/api/system/agent-settings/organization", summary: "Sets the organisation's agent configuration",
                  caller: .admin, body: S.ref("AgentSettings"), response: S.ref("AgentSettingsLevel")),
        Operation(method: "put", path: "/api/system/agent-settings/teams/{teamId}", summary: "Sets a team's agent configuration (fields left out inherit)",
                  caller: .admin, body: S.ref("AgentSettings"), response: S.ref("AgentSettingsLevel")),
        Operation(method: "delete", path: "/api/system/agent-settings/teams/{teamId}", summary: "Removes a team's own agent configuration",
                  caller: .admin, status: 204),
        Operation(method: "put", path: "/api/system/agent-settings/employees/{employeeId}",
                  summary: "Sets a person's agent configuration (fields left out inherit)", caller: .admin, body: S.ref("AgentSettings"),
                  response: S.ref("AgentSettingsLevel")),
        Operation(method: "delete", path: "/api/system/agent-settings/employees/{employeeId}", summary: "Removes a person's own agent configuration",
                  caller: .admin, status: 204),
        Operation(method: "get", path: "/api/system/agent-settings/employees/{employeeId}/effective",
                  summary: "What a person's devices run with, resolved (their managers, admins)", caller: .manager,
                  response: S.ref("AgentSettingsEffective")),
        Operation(method: "get", path: "/api/system/retention/preview",
                  summary: "What a retention run now would delete, per kind (events, idle periods, idle notes, access log), and the last run",
                  caller: .admin, response: S.ref("RetentionPreview")),
        Operation(method: "post", path: "/api/system/retention/run",
                  summary: "Runs retention now (as the hourly run does): raw data past its period goes, rollups stay; answers with the counts",
                  caller: .admin, response: S.ref("RetentionRun")),
        Operation(method: "post", path: "/api/system/maintenance",
                  summary: "Starts maintenance on this instance (analyze, vacuum, rebuild-rollups); 409 while one runs; follow it by id",
                  caller: .admin, body: S.object([("task", S.enumeration(["analyze", "vacuum", "rebuild-rollups"]))], required: ["task"]),
                  status: 202, response: S.ref("MaintenanceTask")),
        Operation(method: "get", path: "/api/system/maintenance", summary: "This instance's recent maintenance tasks, newest first",
                  caller: .admin, response: S.object([("items", S.array(S.ref("MaintenanceTask")))], required: ["items"])),
        Operation(method: "get", path: "/api/system/maintenance/{taskId}", summary: "One maintenance task: status and progress",
                  caller: .admin, response: S.ref("MaintenanceTask")),
        Operation(method: "get", path: "/api/connecteam/settings", summary: "Connecteam settings (the API key only as set / its last four characters)",
                  caller: .admin, response: S.ref("ConnecteamSettingsView")),
        Operation(method: "put", path: "/api/connecteam/settings",
                  summary: "Sets the Connecteam settings; apiKey absent keeps the stored key, empty removes it", caller: .admin,
                  body: S.object([("settings", S.ref("ConnecteamSettings")), ("apiKey", S.string), ("webhookSecret", S.string)],
                                 required: ["settings"]),
                  response: S.ref("ConnecteamSettingsView")),
        Operation(method: "post", path: "/api/connecteam/test", summary: "Checks the stored key: the company, its schedulers and time clocks",
                  caller: .admin, response: S.object([("companyName", S.string), ("companyId", S.string),
                                                      ("schedulers", S.array(S.object([("id", S.integer), ("name", S.string)]))),
                                                      ("timeClocks", S.array(S.object([("id", S.integer), ("name", S.string)])))])),
        Operation(method: "post", path: "/api/connecteam/sync",
                  summary: "Asks for a sync now (202); with ?wait=true runs it and answers with the run, 409 while another runs", caller: .admin,
                  status: 202, response: S.object([("queued", S.boolean)])),
        Operation(method: "get", path: "/api/connecteam/runs", summary: "The syncs, newest first: trigger, times, status, counts per kind, errors",
                  caller: .admin, query: [("limit", OpenAPIDocument.limit, false)],
                  response: S.object([("items", S.array(S.ref("ConnecteamRun")))], required: ["items"])),
        Operation(method: "get", path: "/api/connecteam/people", summary: "Connecteam users not matched to anyone here, or in conflict",
                  caller: .admin, query: [("limit", OpenAPIDocument.limit, false)],
                  response: S.object([("items", S.array(S.object([("userId", S.integer), ("name", S.string), ("email", S.string),
                                                                  ("state", S.enumeration(["unmatched", "conflict"])), ("detail", S.string)])))],
                                     required: ["items"])),
        Operation(method: "post", path: "/api/connecteam/webhook-token", summary: "A new secret webhook path (the old one stops working)",
                  caller: .admin, response: S.ref("ConnecteamSettingsView")),
        Operation(method: "post", path: "/api/connecteam/webhook/{token}",
                  summary: "Connecteam's webhooks (no session: the secret path token, and a signature when a secret is set); a known event asks for a sync",
                  caller: .anyone, body: ["type": "object"], status: 202,
                  response: S.object([("accepted", S.boolean), ("sync", S.boolean)], required: ["accepted", "sync"])),
        Operation(method: "get", path: "/api/connecteam/plan-vs-actual",
                  summary: "Per person per local day: hours scheduled, clocked (Connecteam), tracked (agents), and the gaps between them",
                  caller: .user, query: [("from", OpenAPIDocument.dateParameter, true), ("to", OpenAPIDocument.dateParameter, true),
                                         ("teamId", S.uuid, false), ("employeeId", S.uuid, false)] + OpenAPIDocument.format,
                  response: S.object([("from", S.string), ("to", S.string), ("items", S.array(S.object([
                      ("employeeId", S.uuid), ("name", S.string), ("date", S.string), ("timeZone", S.string), ("scheduledHours", S.number),
                      ("clockedHours", S.number), ("trackedHours", S.number), ("clockedInactiveHours", S.number),
                      ("activeUnclockedHours", S.number), ("clockedOutsideShiftHours", S.number),
                  ])))], required: ["from", "to", "items"]), csv: true),
        Operation(method: "get", path: "/api/me/export",
                  summary: "All my data as a ZIP of JSON and CSV: profile, devices, events, idle periods, rollups, flags, schedule, who looked at my data",
                  caller: .user),
        Operation(method: "get", path: "/api/system/employees/{employeeId}/export",
                  summary: "A person's data export, for an administrator answering their request (written to the person's access log)",
                  caller: .admin),
        Operation(method: "post", path: "/api/system/erasures",
                  summary: "Erases a person's data for good (their email typed out as confirm); leaves one audit entry naming only their id",
                  caller: .admin, body: S.object([("employeeId", S.uuid), ("confirm", S.string), ("reason", S.string)],
                                                 required: ["employeeId", "confirm", "reason"]),
                  response: S.ref("Erasure")),
        Operation(method: "get", path: "/api/system/erasures", summary: "The erasure audit log, newest first", caller: .admin,
                  query: [("limit", OpenAPIDocument.limit, false)], response: S.object([("items", S.array(S.ref("Erasure")))], required: ["items"])),
    ]

    static let retentionItem: JSON = S.object([
        ("name", S.string), ("keepDays", S.integer), ("cutoff", S.dateTime), ("rows", S.integer),
    ], required: ["name", "rows"])
    static let retentionRun: JSON = S.object([
        ("startedAt", S.dateTime), ("seconds", S.number), ("items", S.array(retentionItem)), ("complete", S.boolean),
    ], required: ["startedAt", "seconds", "items", "complete"])

    static let exclusion: JSON = S.object([
        ("field", S.enumeration(["app", "title", "url", "domain"])), ("match", S.enumeration(["exact", "glob", "regex"])), ("pattern", S.string),
    ], required: ["field", "match", "pattern"])
    static let settingsFields: [(String, JSON)] = [
        ("trackingEnabled", S.boolean), ("heartbeatIntervalSeconds", ["type": "integer", "minimum": 1, "maximum": 300]),
        ("idleThresholdSeconds", ["type": "integer", "minimum": 30, "maximum": 3600]), ("privateMode", S.boolean),
        ("trackOnlyDuringShifts", S.boolean), ("excluded", S.array(S.ref("AgentExclusion"))),
    ]
    static let level: JSON = S.object([
        ("scope", S.enumeration(["organization", "team", "person"])), ("id", S.uuid), ("settings", S.ref("AgentSettings")),
        ("updatedBy", S.uuid), ("updatedAt", S.dateTime),
    ], required: ["scope", "settings"])

    static let schemas: [(String, JSON)] = [
        ("RetentionRun", retentionRun),
        ("ConnecteamSettings", S.object([
            ("baseURL", S.string), ("schedulerIds", S.array(S.integer)), ("timeClockIds", S.array(S.integer)),
            ("intervalMinutes", ["type": "integer", "minimum": 5, "maximum": 1440]), ("enabled", S.boolean),
            ("pastDays", ["type": "integer", "minimum": 1, "maximum": 90]), ("futureDays", ["type": "integer", "minimum": 1, "maximum": 180]),
            ("openShiftTeamId", S.uuid), ("syncTimeOff", S.boolean),
        ])),
        ("ConnecteamSettingsView", S.object([("settings", S.ref("ConnecteamSettings")), ("apiKeySet", S.boolean), ("apiKeyHint", S.string),
                                             ("webhookPath", S.string), ("webhookSignatureRequired", S.boolean), ("updatedAt", S.dateTime)],
                                            required: ["settings", "apiKeySet", "webhookSignatureRequired"])),
        ("ConnecteamRun", S.object([
            ("id", S.uuid), ("trigger", S.enumeration(["schedule", "manual", "webhook"])), ("startedAt", S.dateTime), ("finishedAt", S.dateTime),
            ("status", S.enumeration(["running", "done", "failed"])), ("counts", ["type": "object", "additionalProperties": S.integer]),
            ("errors", S.array(S.string)),
        ], required: ["id", "trigger", "startedAt", "status", "counts", "errors"])),
        ("MaintenanceTask", S.object([
            ("id", S.uuid), ("kind", S.enumeration(["analyze", "vacuum", "rebuild-rollups"])),
            ("status", S.enumeration(["queued", "running", "done", "failed"])), ("requestedBy", S.uuid), ("createdAt", S.dateTime),
            ("startedAt", S.dateTime), ("finishedAt", S.dateTime), ("doneSteps", S.integer), ("totalSteps", S.integer),
            ("progress", S.number), ("current", S.string), ("bytesBefore", S.integer), ("bytesAfter", S.integer),
            ("rebuildJobId", S.uuid), ("error", S.string),
        ], required: ["id", "kind", "status", "requestedBy", "createdAt", "doneSteps", "totalSteps", "progress"])),
        ("Erasure", S.object([
            ("id", S.uuid), ("erasedAt", S.dateTime), ("subjectId", S.uuid), ("actorId", S.uuid), ("reason", S.string),
            ("counts", ["type": "object", "additionalProperties": S.integer]),
        ], required: ["id", "erasedAt", "subjectId", "actorId", "reason", "counts"])),
        ("RetentionPreview", S.object([("asOf", S.dateTime), ("items", S.array(retentionItem)), ("lastRun", S.ref("RetentionRun"))],
                                      required: ["asOf", "items"])),
        ("AgentExclusion", exclusion),
        ("AgentSettings", S.object(settingsFields)),
        ("AgentSettingsLevel", level),
        ("AgentSettingsOverview", S.object([("organization", S.ref("AgentSettingsLevel")), ("teams", S.array(S.ref("AgentSettingsLevel"))),
                                            ("people", S.array(S.ref("AgentSettingsLevel")))], required: ["organization", "teams", "people"])),
        ("AgentSettingsEffective", S.object([
            ("employeeId", S.uuid), ("version", S.string),
            ("settings", S.object(settingsFields, required: settingsFields.map(\.0))),
        ], required: ["employeeId", "version", "settings"])),
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

import Foundation

/// The OpenAPI 3.1 description of every route, served at `/openapi.json`. A test compares it with the router, so a
/// route cannot be added without being described; schemathesis (run by `scripts/test`) checks the server against it.
enum OpenAPIDocument {
    /// A JSON value, written with literals.
    indirect enum JSON: Sendable, Encodable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
        ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
        case string(String), int(Int), bool(Bool), array([JSON]), object([String: JSON])

        init(stringLiteral value: String) { self = .string(value) }
        init(integerLiteral value: Int) { self = .int(value) }
        init(booleanLiteral value: Bool) { self = .bool(value) }
        init(arrayLiteral elements: JSON...) { self = .array(elements) }
        init(dictionaryLiteral elements: (String, JSON)...) { self = .object(Dictionary(elements, uniquingKeysWith: { a, _ in a })) }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let v): try container.encode(v)
            case .int(let v): try container.encode(v)
            case .bool(let v): try container.encode(v)
            case .array(let v): try container.encode(v)
            case .object(let v): try container.encode(v)
            }
        }
    }

    /// Who may call an operation (documentation, and the bearer requirement).
    enum Caller: String { case anyone, user, manager, admin, device }

    struct Operation {
        var method: String
        /// OpenAPI form: `/api/teams/{teamId}`.
        var path: String
        var summary: String
        var caller: Caller
        var query: [(String, JSON, Bool)] = []
        var body: JSON? = nil
        var status: Int = 200
        var response: JSON? = nil
        /// Also answers `text/csv` with `format=csv`.
        var csv = false
    }

    typealias S = OpenAPISchemas

    static let dateParameter: JSON = ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"]
    static let scope: JSON = S.enumeration(["employee", "team", "organization"])
    static let period: JSON = S.enumeration(["day", "week", "month", "custom"])
    static let limit: JSON = ["type": "integer", "minimum": 1, "maximum": 500]
    static let paging: [(String, JSON, Bool)] = [("limit", limit, false), ("cursor", S.string, false)]
    static let range: [(String, JSON, Bool)] = [("from", S.dateTime, false), ("to", S.dateTime, false)]
    static let personRange: [(String, JSON, Bool)] = [("employee", S.uuid, false)] + range
    static let analyticsScope: [(String, JSON, Bool)] = [("scope", scope, false), ("id", S.uuid, false), ("timeZone", S.string, false)]
    static let format: [(String, JSON, Bool)] = [("format", S.enumeration(["json", "csv"]), false)]
    static let login: JSON = S.object([("email", S.string), ("password", S.string)], required: ["email", "password"])
    static let device: JSON = S.object([("name", S.string), ("platform", S.enumeration(["windows", "macos", "linux", "other"]))], required: ["name", "platform"])
    static let event: JSON = S.object([("id", S.uuid), ("timestamp", S.dateTime), ("duration", ["type": "number", "minimum": 0]),
                                        ("app", S.string), ("title", S.string), ("url", S.string)],
                                       required: ["id", "timestamp", "duration", "app", "title"])

    static let operations: [Operation] = [
        Operation(method: "get", path: "/health/live", summary: "The process is running", caller: .anyone, response: S.object([("status", S.string)])),
        Operation(method: "get", path: "/health/ready", summary: "The database answers and migrations are current (503 otherwise)", caller: .anyone,
                  response: ["type": "object"]),
        Operation(method: "get", path: "/metrics", summary: "Prometheus metrics (text format)", caller: .anyone),
        Operation(method: "get", path: "/openapi.json", summary: "This document", caller: .anyone, response: ["type": "object"]),

        Operation(method: "post", path: "/api/admin/login", summary: "Administrator sign-in", caller: .anyone, body: login, response: S.ref("Tokens")),
        Operation(method: "post", path: "/api/employee/login", summary: "Sign-in", caller: .anyone, body: login, response: S.ref("Tokens")),
        Operation(method: "post", path: "/api/auth/refresh", summary: "Rotates the refresh token", caller: .anyone,
                  body: S.object([("refreshToken", S.string)], required: ["refreshToken"]), response: S.ref("Tokens")),
        Operation(method: "post", path: "/api/auth/logout", summary: "Ends the session (and optionally another one of the caller's)", caller: .user,
                  body: S.object([("refreshToken", S.string)]), status: 204),
        Operation(method: "post", path: "/api/auth/password-reset", summary: "Sets a new password with a one-time reset token", caller: .anyone,
                  body: S.object([("token", S.string), ("newPassword", S.string)], required: ["token", "newPassword"]), status: 204),

        Operation(method: "get", path: "/api/me", summary: "The signed-in person", caller: .user, response: S.ref("Employee")),
        Operation(method: "post", path: "/api/me/password", summary: "Changes the password; every session ends", caller: .user,
                  body: S.object([("currentPassword", S.string), ("newPassword", S.string)], required: ["currentPassword", "newPassword"]), status: 204),
        Operation(method: "get", path: "/api/me/access-log", summary: "Who read my data, and when", caller: .user, query: range + paging,
                  response: S.page("AccessLogEntry")),
        Operation(method: "post", path: "/api/me/devices", summary: "Enrols an agent device (its token is shown once)", caller: .user, body: device,
                  status: 201, response: S.ref("EnrolledDevice")),
        Operation(method: "get", path: "/api/me/devices", summary: "My devices", caller: .user, response: S.ref("DeviceList")),
        Operation(method: "delete", path: "/api/me/devices/{deviceId}", summary: "Revokes one of my devices", caller: .user, status: 204),

        Operation(method: "get", path: "/api/organization", summary: "The organisation", caller: .user, response: S.ref("Organization")),
        Operation(method: "patch", path: "/api/organization", summary: "Changes the organisation", caller: .admin,
                  body: S.object([("name", S.string), ("timeZone", S.string), ("workWeek", S.array(S.string)), ("publicRanking", S.boolean)]),
                  response: S.ref("Organization")),

        Operation(method: "get", path: "/api/teams", summary: "Teams visible to the caller", caller: .manager,
                  query: [("includeArchived", S.boolean, false)] + paging, response: S.page("Team")),
        Operation(method: "post", path: "/api/teams", summary: "Creates a team", caller: .admin,
                  body: S.object([("name", S.string), ("timeZone", S.string)], required: ["name"]), status: 201, response: S.ref("Team")),
        Operation(method: "get", path: "/api/teams/{teamId}", summary: "One team", caller: .manager, response: S.ref("Team")),
        Operation(method: "patch", path: "/api/teams/{teamId}", summary: "Changes a team", caller: .admin,
                  body: S.object([("name", S.string), ("timeZone", S.string), ("archived", S.boolean)]), response: S.ref("Team")),
        Operation(method: "delete", path: "/api/teams/{teamId}", summary: "Archives a team", caller: .admin, response: S.ref("Team")),
        Operation(method: "put", path: "/api/teams/{teamId}/managers", summary: "Sets a team's managers", caller: .admin,
                  body: S.object([("employeeIds", S.array(S.uuid))], required: ["employeeIds"]), response: S.ref("Team")),
        Operation(method: "get", path: "/api/teams/{teamId}/metrics", summary: "Team metrics per member, distribution, team vs organisation", caller: .manager,
                  query: [("period", period, false), ("date", dateParameter, false), ("to", dateParameter, false), ("sort", S.string, false)] + format,
                  response: S.ref("TeamMetrics"), csv: true),

        Operation(method: "get", path: "/api/employees", summary: "People visible to the caller", caller: .manager,
                  query: [("teamId", S.uuid, false), ("includeArchived", S.boolean, false)] + paging, response: S.page("Employee")),
        Operation(method: "post", path: "/api/employees", summary: "Creates a person", caller: .admin,
                  body: S.object([("name", S.string), ("email", S.string), ("password", S.string), ("role", S.enumeration(["admin", "manager", "employee"])),
                                  ("teamId", S.uuid), ("timeZone", S.string), ("externalIds", ["type": "object", "additionalProperties": S.string])],
                                 required: ["name", "email"]),
                  status: 201, response: S.ref("Employee")),
        Operation(method: "get", path: "/api/employees/{employeeId}", summary: "One person (logged)", caller: .manager, response: S.ref("Employee")),
        Operation(method: "patch", path: "/api/employees/{employeeId}", summary: "Changes a person", caller: .admin,
                  body: S.object([("name", S.string), ("email", S.string), ("teamId", S.nullable("string")), ("role", S.enumeration(["admin", "manager", "employee"])),
                                  ("timeZone", S.nullable("string")), ("status", S.enumeration(["active", "archived"])),
                                  ("externalIds", ["type": "object", "additionalProperties": S.string])]),
                  response: S.ref("Employee")),
        Operation(method: "delete", path: "/api/employees/{employeeId}", summary: "Archives a person (ends their sessions and device tokens)", caller: .admin,
                  response: S.ref("Employee")),
        Operation(method: "post", path: "/api/employees/{employeeId}/password-reset", summary: "A one-time password-reset token (shown once)",
                  caller: .admin, status: 201, response: S.ref("ResetToken")),
        Operation(method: "get", path: "/api/employees/{employeeId}/devices", summary: "A person's devices (logged)", caller: .manager,
                  response: S.ref("DeviceList")),
        Operation(method: "post", path: "/api/employees/{employeeId}/devices", summary: "Enrols a device for a person", caller: .admin, body: device,
                  status: 201, response: S.ref("EnrolledDevice")),
        Operation(method: "delete", path: "/api/employees/{employeeId}/devices/{deviceId}", summary: "Revokes a person's device", caller: .admin, status: 204),
        Operation(method: "post", path: "/api/employees/{employeeId}/devices/{deviceId}/pause",
                  summary: "Pauses a device remotely: its agent is told to stop, and what it sends meanwhile is dropped (the person's managers, admins)",
                  caller: .manager, response: S.ref("Device")),
        Operation(method: "post", path: "/api/employees/{employeeId}/devices/{deviceId}/resume", summary: "Resumes a paused device",
                  caller: .manager, response: S.ref("Device")),

        Operation(method: "get", path: "/api/admin/access-log", summary: "The whole access log", caller: .admin,
                  query: [("subject", S.uuid, false), ("actor", S.uuid, false)] + range + paging, response: S.page("AccessLogEntry")),
        Operation(method: "get", path: "/api/agent/config",
                  summary: "The calling agent's configuration (organisation → team → person) with an ETag; 304 on If-None-Match",
                  caller: .device, response: S.ref("AgentConfig")),
        Operation(method: "post", path: "/api/agent/status", summary: "The agent's version and the configuration version it applied (204)",
                  caller: .device, body: S.object([("agentVersion", S.string), ("configVersion", S.string)]), status: 204),

        Operation(method: "post", path: "/api/activities", summary: "A batch of activity events (at most 5,000; all or nothing)", caller: .device,
                  body: S.object([("events", S.array(event))], required: ["events"]), response: S.ref("BatchResult")),
        Operation(method: "post", path: "/api/activities/heartbeat", summary: "ActivityWatch-style heartbeat", caller: .device,
                  query: [("pulsetime", ["type": "number", "minimum": 0, "maximum": 3600], false)],
                  body: S.object([("timestamp", S.dateTime), ("duration", ["type": "number", "minimum": 0]), ("app", S.string), ("title", S.string),
                                  ("url", S.string)], required: ["timestamp", "duration", "app", "title"]),
                  response: S.ref("HeartbeatResult")),
        Operation(method: "get", path: "/api/activities", summary: "Raw events of a person (≤ 31 days)", caller: .user, query: personRange + paging,
                  response: S.page("ActivityEvent")),
        Operation(method: "get", path: "/api/activities/hourly", summary: "Hourly rollups of a person", caller: .user, query: personRange,
                  response: S.page("HourlyRollup")),
        Operation(method: "post", path: "/api/idle", summary: "A batch of idle periods", caller: .device,
                  body: S.object([("periods", S.array(S.object([("id", S.uuid), ("start", S.dateTime), ("end", S.dateTime),
                                                                ("reason", S.enumeration(["afk", "locked", "sleep", "other"]))],
                                                               required: ["id", "start", "end", "reason"])))], required: ["periods"]),
                  response: S.ref("BatchResult")),
        Operation(method: "get", path: "/api/idle", summary: "Idle periods of a person", caller: .user,
                  query: personRange + [("view", S.enumeration(["manager"]), false)], response: S.page("IdlePeriod")),
        Operation(method: "patch", path: "/api/idle/{idleId}", summary: "The owner classifies an idle period", caller: .user,
                  body: S.object([("classification", S.nullable("string")), ("note", S.nullable("string")), ("notePrivate", S.boolean)]),
                  response: S.ref("IdlePeriod")),

        Operation(method: "get", path: "/api/rules", summary: "Productivity rules visible to the caller", caller: .user, response: S.ref("RuleList")),
        Operation(method: "post", path: "/api/rules", summary: "Creates a rule; history is re-scored in the background", caller: .manager,
                  body: S.ref("RuleInput"), status: 201, response: S.ref("SavedRule")),
        Operation(method: "post", path: "/api/rules/preview", summary: "What a rule would match in the last 7 days", caller: .manager,
                  body: S.ref("RuleInput"), response: S.ref("RulePreview")),
        Operation(method: "put", path: "/api/rules/{ruleId}", summary: "Replaces a rule (a teamId moves it)", caller: .manager,
                  body: S.ref("RuleInput"), response: S.ref("SavedRule")),
        Operation(method: "delete", path: "/api/rules/{ruleId}", summary: "Deletes a rule", caller: .manager, response: S.ref("RebuildJob")),

        Operation(method: "get", path: "/api/cache/status", summary: "Rollup coverage, staleness and jobs", caller: .manager, response: S.ref("CacheStatus")),
        Operation(method: "post", path: "/api/cache/rebuild", summary: "Queues a rollup rebuild", caller: .manager,
                  body: S.object([("from", S.dateTime), ("to", S.dateTime), ("employeeId", S.uuid)]), status: 202, response: S.ref("RebuildJob")),
        Operation(method: "get", path: "/api/cache/jobs/{jobId}", summary: "A rebuild job's progress", caller: .manager, response: S.ref("RebuildJob")),

        Operation(method: "get", path: "/api/dashboard", summary: "Totals, score, top apps, days, heat map, active now, change", caller: .user,
                  query: analyticsScope + [("period", period, false), ("date", dateParameter, false), ("to", dateParameter, false),
                                           ("table", S.enumeration(["days", "apps", "categories", "heatmap"]), false)] + format,
                  response: S.ref("Dashboard"), csv: true),
        Operation(method: "get", path: "/api/trends", summary: "A metric per local day or ISO week", caller: .user,
                  query: analyticsScope + [("metric", S.enumeration(["score", "active", "productive", "idle", "unproductive", "firstActivity", "lastActivity"]), false),
                                           ("granularity", S.enumeration(["day", "week"]), false), ("from", dateParameter, false),
                                           ("to", dateParameter, false)] + format,
                  response: S.ref("Trends"), csv: true),
        Operation(method: "get", path: "/api/exports/timesheet", summary: "Daily timesheet (≤ 92 days)", caller: .user,
                  query: analyticsScope + [("from", dateParameter, false), ("to", dateParameter, false)] + format,
                  response: S.ref("Timesheet"), csv: true),
    ]

    static func operationObject(_ op: Operation) -> JSON {
        var parameters: [JSON] = op.query.map { name, schema, required in
            ["name": .string(name), "in": "query", "required": .bool(required), "schema": schema]
        }
        for segment in op.path.split(separator: "/") where segment.hasPrefix("{") {
            let name = String(segment.dropFirst().dropLast())
            // Ids are UUIDs; a calendar feed's file name and a webhook path token are opaque tokens.
            let schema: JSON = switch name {
            case "file", "token", "bucket", "key": S.string
            case "event": ["type": "integer", "minimum": 1]
            case "rule": OpenAPIFlags.rule
            default: S.uuid
            }
            parameters.append(["name": .string(name), "in": "path", "required": true, "schema": schema])
        }
        var success: [String: JSON] = ["description": "Success"]
        if let response = op.response {
            var content: [String: JSON] = ["application/json": ["schema": response]]
            if op.csv { content["text/csv"] = ["schema": S.string] }
            success["content"] = .object(content)
        } else if op.path.hasPrefix("/api/schedule/calendar/") {
            success["content"] = ["text/calendar": ["schema": S.string]]
        } else if op.path == "/metrics" {
            success["content"] = ["text/plain": ["schema": S.string]]
        } else if op.path.hasSuffix("/export") {
            success["content"] = ["application/zip": ["schema": ["type": "string", "format": "binary"]]]
        }
        var responses: [String: JSON] = [
            String(op.status): .object(success),
            "default": ["description": "An error: 400 bad input (the message names the field), 401, 403, 404, 409, 413, 422, 429 (Retry-After), 503 (Retry-After)",
                        "content": ["application/json": ["schema": S.ref("Error")]]],
        ]
        // aw-server answers 304 to creating a bucket that exists; aw-client counts that as success.
        if op.method == "post" && op.path == "/api/0/buckets/{bucket}" { responses["304"] = ["description": "The bucket exists"] }
        var object: [String: JSON] = [
            "summary": .string(op.summary),
            "operationId": .string(op.method + op.path.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")),
            "description": .string("Caller: \(op.caller.rawValue)."),
            "responses": .object(responses),
        ]
        if !parameters.isEmpty { object["parameters"] = .array(parameters) }
        if let body = op.body {
            object["requestBody"] = ["required": true, "content": ["application/json": ["schema": body]]]
        }
        object["security"] = op.caller == .anyone ? [] : [["bearer": []]]
        return .object(object)
    }

    static var document: JSON {
        var paths: [String: [String: JSON]] = [:]
        for op in operations + OpenAPISchedule.operations + OpenAPIPlanning.operations + OpenAPIFlags.operations + OpenAPIWebhooks.operations
                  + OpenAPIGamification.operations + OpenAPISystem.operations + OpenAPIActivityWatch.operations { paths[op.path, default: [:]][op.method] = operationObject(op) }
        return [
            "openapi": "3.1.0",
            "info": ["title": "Productivity Tracker API", "version": "1",
                     "description": "Errors are {\"error\":{\"code\",\"message\"}}. Timestamps are RFC 3339 between 1970-01-01 and 2100-12-31."],
            "paths": .object(paths.mapValues { .object($0) }),
            "components": [
                "schemas": .object(Dictionary(S.all + OpenAPISchedule.schemas + OpenAPIPlanning.schemas + OpenAPIFlags.schemas + OpenAPIWebhooks.schemas + OpenAPIActivityWatch.schemas
                                                   + OpenAPIGamification.schemas + OpenAPISystem.schemas, uniquingKeysWith: { a, _ in a })),
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer",
                                               "description": "An access token from a sign-in, or an agent's device token (ptd_…)"]],
            ],
        ]
    }

    /// The encoded document (sorted keys: stable output).
    static let data: Data = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(document)) ?? Data("{}".utf8)
    }()
}

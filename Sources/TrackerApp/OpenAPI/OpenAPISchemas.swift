/// JSON Schema fragments (OpenAPI 3.1) for the API's bodies, written as JSON values. Optional fields are absent
/// rather than null on the wire (our encoder omits nil), so "not required" is how they are described.
enum OpenAPISchemas {
    typealias JSON = OpenAPIDocument.JSON

    static func ref(_ name: String) -> JSON { ["$ref": .string("#/components/schemas/\(name)")] }
    static let string: JSON = ["type": "string"]
    static let uuid: JSON = ["type": "string", "format": "uuid"]
    static let dateTime: JSON = ["type": "string", "format": "date-time"]
    static let number: JSON = ["type": "number"]
    static let integer: JSON = ["type": "integer"]
    static let boolean: JSON = ["type": "boolean"]
    static func array(_ items: JSON) -> JSON { ["type": "array", "items": items] }
    static func enumeration(_ values: [String]) -> JSON { ["type": "string", "enum": .array(values.map { .string($0) })] }
    static func nullable(_ type: String) -> JSON { ["type": .array([.string(type), "null"])] }

    /// An object with `properties`, of which `required` must be present.
    static func object(_ properties: [(String, JSON)], required: [String] = []) -> JSON {
        var schema: [String: JSON] = ["type": "object", "properties": .object(Dictionary(properties, uniquingKeysWith: { a, _ in a }))]
        if !required.isEmpty { schema["required"] = .array(required.map { .string($0) }) }
        return .object(schema)
    }

    static func page(_ item: String) -> JSON {
        object([("items", array(ref(item))), ("nextCursor", string)], required: ["items"])
    }

    static let categories = ["productive", "neutral", "unproductive", "uncategorized"]

    static let all: [(String, JSON)] = [
        ("Error", object([("error", object([("code", string), ("message", string), ("requestId", string)], required: ["code", "message"]))],
                         required: ["error"])),
        ("Tokens", object([("accessToken", string), ("refreshToken", string), ("expiresIn", integer), ("tokenType", string)],
                          required: ["accessToken", "refreshToken", "expiresIn"])),
        ("Employee", object([
            ("id", uuid), ("name", string), ("email", string), ("teamId", uuid), ("role", enumeration(["admin", "manager", "employee"])),
            ("timeZone", string), ("status", enumeration(["active", "archived"])), ("externalIds", ["type": "object", "additionalProperties": string]),
            ("managedTeamIds", array(uuid)), ("createdAt", dateTime), ("updatedAt", dateTime),
        ], required: ["id", "name", "email", "role", "status", "createdAt", "updatedAt"])),
        ("Team", object([("id", uuid), ("name", string), ("timeZone", string), ("archived", boolean), ("managerIds", array(uuid)),
                         ("createdAt", dateTime), ("updatedAt", dateTime)], required: ["id", "name", "archived", "managerIds"])),
        ("Organization", object([("name", string), ("timeZone", string), ("workWeek", array(string)), ("publicRanking", boolean)],
                                required: ["name", "timeZone", "workWeek", "publicRanking"])),
        ("Device", object([("id", uuid), ("employeeId", uuid), ("name", string), ("platform", string), ("createdAt", dateTime),
                           ("lastSeenAt", dateTime), ("revokedAt", dateTime), ("pausedAt", dateTime),
                           ("agentVersion", string), ("configVersion", string), ("reportedAt", dateTime)], required: ["id", "employeeId", "name", "platform", "createdAt"])),
        ("EnrolledDevice", object([("device", ref("Device")), ("token", string)], required: ["device", "token"])),
        ("DeviceList", object([("items", array(ref("Device")))], required: ["items"])),
        ("ResetToken", object([("resetToken", string), ("expiresAt", dateTime)], required: ["resetToken", "expiresAt"])),
        ("AccessLogEntry", object([
            ("id", string), ("actorId", uuid), ("subjectId", uuid), ("resource", string),
            ("scope", object([("type", enumeration(["person", "team", "organization"])), ("id", string)], required: ["type"])),
            ("at", dateTime), ("firstAt", dateTime), ("reads", integer),
        ], required: ["id", "actorId", "resource", "scope", "at", "firstAt", "reads"])),
        ("AgentConfig", object([("deviceId", uuid), ("employeeId", uuid), ("version", string), ("paused", boolean), ("trackingEnabled", boolean),
                                ("heartbeatIntervalSeconds", integer), ("pulsetimeSeconds", integer), ("idleThresholdSeconds", integer),
                                ("privateMode", boolean), ("trackOnlyDuringShifts", boolean), ("excluded", array(ref("AgentExclusion")))],
                               required: ["deviceId", "employeeId", "version", "paused", "trackingEnabled", "heartbeatIntervalSeconds",
                                          "pulsetimeSeconds", "idleThresholdSeconds", "privateMode", "trackOnlyDuringShifts", "excluded"])),
        ("BatchResult", object([("accepted", integer), ("duplicates", integer), ("dropped", integer)], required: ["accepted", "duplicates", "dropped"])),
        ("HeartbeatResult", object([("merged", boolean), ("eventId", string), ("timestamp", dateTime), ("duration", number), ("dropped", boolean)],
                                   required: ["merged", "eventId", "timestamp", "duration", "dropped"])),
        ("ActivityEvent", object([("id", string), ("deviceId", uuid), ("employeeId", uuid), ("timestamp", dateTime), ("duration", number),
                                  ("app", string), ("title", string), ("url", string)],
                                 required: ["id", "deviceId", "employeeId", "timestamp", "duration", "app", "title"])),
        ("HourlyRollup", object([
            ("hour", dateTime), ("activeSeconds", number), ("idleSeconds", number), ("workAwaySeconds", number), ("productiveSeconds", number),
            ("neutralSeconds", number), ("unproductiveSeconds", number), ("uncategorizedSeconds", number), ("firstActive", dateTime),
            ("lastActive", dateTime),
            ("apps", array(object([("app", string), ("category", enumeration(categories)), ("seconds", number)], required: ["app", "category", "seconds"]))),
        ], required: ["hour", "activeSeconds", "idleSeconds", "apps"])),
        ("IdlePeriod", object([("id", string), ("deviceId", uuid), ("employeeId", uuid), ("start", dateTime), ("end", dateTime), ("reason", string),
                               ("classification", enumeration(["break", "work_away", "discard"])), ("note", string), ("notePrivate", boolean)],
                              required: ["id", "deviceId", "employeeId", "start", "end", "reason", "notePrivate"])),
        ("Rule", object([("id", string), ("teamId", uuid), ("field", enumeration(["app", "title", "url", "domain"])),
                         ("match", enumeration(["exact", "glob", "regex"])), ("pattern", string), ("category", enumeration(categories)),
                         ("priority", integer), ("createdAt", dateTime), ("updatedAt", dateTime)],
                        required: ["id", "field", "match", "pattern", "category", "priority"])),
        ("RuleInput", object([("teamId", uuid), ("field", enumeration(["app", "title", "url", "domain"])), ("match", enumeration(["exact", "glob", "regex"])),
                              ("pattern", ["type": "string", "minLength": 1, "maxLength": 200]),
                              ("category", enumeration(["productive", "neutral", "unproductive"])),
                              ("priority", ["type": "integer", "minimum": -1000, "maximum": 1000])],
                             required: ["field", "match", "pattern", "category"])),
        ("RebuildJob", object([("id", uuid), ("employeeId", uuid), ("from", dateTime), ("to", dateTime),
                               ("status", enumeration(["pending", "running", "done", "failed"])), ("totalHours", integer), ("doneHours", integer),
                               ("progress", number), ("reason", string), ("createdAt", dateTime), ("startedAt", dateTime), ("finishedAt", dateTime)],
                              required: ["id", "status", "totalHours", "doneHours"])),
        ("SavedRule", object([("rule", ref("Rule")), ("rebuildJob", ref("RebuildJob"))], required: ["rule", "rebuildJob"])),
        ("RuleList", object([("items", array(ref("Rule")))], required: ["items"])),
        ("RulePreview", object([("matches", array(object([("value", string), ("seconds", number), ("currentCategory", enumeration(categories))],
                                                         required: ["value", "seconds", "currentCategory"])))], required: ["matches"])),
        ("CacheStatus", object([("rulesVersion", integer), ("rollupHours", integer), ("events", integer), ("staleHours", integer),
                                ("pendingJobs", integer), ("recentJobs", array(ref("RebuildJob")))], required: ["rulesVersion", "pendingJobs"])),
        ("Dashboard", object([("scope", object([("type", string), ("id", string), ("name", string)], required: ["type", "name"])),
                              ("period", ["type": "object"]), ("totals", ["type": "object"]), ("days", ["type": "array"]),
                              ("topApps", ["type": "array"]), ("heatmap", ["type": "array"])], required: ["scope", "period"])),
        ("Trends", object([("metric", string), ("granularity", string), ("points", ["type": "array"])], required: ["points"])),
        ("TeamMetrics", object([("teamId", uuid), ("rows", ["type": "array"])], required: ["teamId", "rows"])),
        ("Timesheet", object([("timeZone", string), ("from", string), ("to", string), ("rows", ["type": "array"])], required: ["rows"])),
    ]
}

/// The planner's job operations and scheduling insights (`/api/schedule/optimize`, `/api/schedule/insights`).
enum OpenAPIPlanning {
    typealias JSON = OpenAPIDocument.JSON
    typealias Operation = OpenAPIDocument.Operation
    typealias S = OpenAPISchemas

    static let weights: JSON = S.object(["desired", "undesired", "balance", "productive", "locationChange", "stability"].map {
        ($0, ["type": "integer", "minimum": 0, "maximum": 1000] as JSON)
    })
    static let input: JSON = S.object([
        ("teamId", S.uuid), ("locationId", S.uuid), ("from", OpenAPISchedule.dayOrTime), ("to", OpenAPISchedule.dayOrTime),
        ("scope", S.enumeration(["open", "drafts"])), ("seconds", ["type": "integer", "minimum": 1, "maximum": 300]),
        ("unimprovedSeconds", ["type": "integer", "minimum": 1, "maximum": 300]), ("seed", ["type": "integer", "minimum": 0]),
        ("onePerDay", S.boolean), ("weights", weights),
    ], required: ["from", "to"])
    static let job = S.ref("OptimizeJob")

    static let operations: [Operation] = insights + [
        Operation(method: "post", path: "/api/schedule/optimize", summary: "Starts a planner job over a team's or a location's shifts (202)",
                  caller: .manager, body: input, status: 202, response: job),
        Operation(method: "get", path: "/api/schedule/optimize", summary: "The newest planner jobs I may see", caller: .manager,
                  query: [("limit", ["type": "integer", "minimum": 1, "maximum": 200], false)],
                  response: S.object([("items", S.array(job))], required: ["items"])),
        Operation(method: "get", path: "/api/schedule/optimize/{jobId}", summary: "A job: state, progress, best score, and its plan when done",
                  caller: .manager, response: job),
        Operation(method: "post", path: "/api/schedule/optimize/{jobId}/apply", summary: "Writes the plan as drafts (409 when shifts changed)",
                  caller: .manager, response: job),
        Operation(method: "delete", path: "/api/schedule/optimize/{jobId}", summary: "Cancels a queued or running job", caller: .manager,
                  response: job),
    ]

    static let insightsQuery: [(String, JSON, Bool)] = [("teamId", S.uuid, true)] + OpenAPISchedule.range
        + [("table", S.enumeration(["profiles", "staffing", "overtime", "attendance", "starts"]), false)] + OpenAPIDocument.format
    static let demand: JSON = S.object([
        ("locationId", S.uuid), ("skillId", S.uuid), ("weekdays", S.array(S.enumeration(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]))),
        ("from", S.string), ("to", S.string), ("headcount", ["type": "integer", "minimum": 1, "maximum": 1000]),
    ], required: ["from", "to", "headcount"])
    static let insights: [Operation] = [
        Operation(method: "get", path: "/api/schedule/insights",
                  summary: "A team's productive profile, staffing against its templates, overtime risk, attendance patterns, suggested starts",
                  caller: .manager, query: insightsQuery, response: S.ref("Insights"), csv: true),
        Operation(method: "post", path: "/api/schedule/insights", summary: "The same, with demand given as data",
                  caller: .manager, query: insightsQuery, body: S.object([("demand", S.array(demand))], required: ["demand"]),
                  response: S.ref("Insights"), csv: true),
    ]

    static let score: JSON = S.object([("hard", S.integer), ("medium", S.integer), ("soft", S.number)], required: ["hard", "medium", "soft"])
    static let grid: JSON = S.array(S.array(S.number))
    static let profile: JSON = S.object([("employeeId", S.uuid), ("activeHours", grid), ("productiveShare", grid)],
                                        required: ["activeHours", "productiveShare"])
    static let schemas: [(String, JSON)] = [
        ("Insights", S.object([
            ("teamId", S.uuid), ("from", S.string), ("to", S.string), ("timeZone", S.string), ("team", profile), ("people", S.array(profile)),
            ("staffing", S.object([
                ("demandSource", S.enumeration(["templates", "request"])), ("underStaffedHours", S.integer), ("overStaffedHours", S.integer),
                ("matchedHours", S.integer),
                ("gaps", S.array(S.object([("date", S.string), ("hour", S.string), ("locationId", S.uuid), ("skillId", S.uuid),
                                           ("demand", S.integer), ("staffed", S.integer), ("gap", S.integer)]))),
            ])),
            ("overtimeRisk", S.array(S.object([("employeeId", S.uuid), ("week", S.string), ("capHours", S.number), ("scheduledHours", S.number),
                                               ("trackedHours", S.number), ("projectedHours", S.number), ("share", S.number), ("over", S.boolean)]))),
            ("attendance", S.array(S.object([("employeeId", S.uuid), ("shifts", S.integer), ("late", S.integer), ("absent", S.integer),
                                             ("lateRate", S.number), ("absentRate", S.number), ("averageLateMinutes", S.number),
                                             ("mostLateWeekday", S.string), ("chronicLateness", S.boolean), ("chronicAbsence", S.boolean)]))),
            ("suggestedStarts", S.array(S.object([("weekday", S.string), ("start", S.string), ("lengthHours", S.integer),
                                                  ("productiveShare", S.number)]))),
        ], required: ["teamId", "from", "to", "timeZone", "team", "people", "staffing", "overtimeRisk", "attendance", "suggestedStarts"])),
        ("OptimizeJob", S.object([
            ("id", S.uuid), ("status", S.enumeration(["queued", "running", "done", "failed", "cancelled", "applied"])), ("teamId", S.uuid),
            ("locationId", S.uuid), ("from", S.dateTime), ("to", S.dateTime),
            ("request", S.object([("scope", S.string), ("seconds", S.integer), ("unimprovedSeconds", S.integer), ("seed", S.integer),
                                  ("onePerDay", S.boolean), ("weights", weights)])),
            ("progress", S.number), ("bestScore", score), ("steps", S.integer), ("error", S.string), ("requestedBy", S.uuid),
            ("createdAt", S.dateTime), ("startedAt", S.dateTime), ("finishedAt", S.dateTime),
            ("result", S.object([
                ("score", score),
                ("assignments", S.array(S.object([("shiftId", S.uuid), ("employeeId", S.uuid), ("previousEmployeeId", S.uuid),
                                                   ("start", S.dateTime), ("end", S.dateTime)]))),
                ("open", S.array(S.object([("shiftId", S.uuid), ("start", S.dateTime), ("end", S.dateTime), ("skillId", S.uuid),
                                           ("blockedBy", ["type": "object", "additionalProperties": S.array(S.uuid)])]))),
                ("people", S.array(S.object([("employeeId", S.uuid), ("shifts", S.integer), ("hours", S.number), ("desiredHours", S.number),
                                             ("undesiredHours", S.number), ("productiveHours", S.number)]))),
                ("totals", ["type": "object"]),
                ("basedOn", ["type": "object", "additionalProperties": S.integer]),
            ])),
        ], required: ["id", "status", "from", "to", "request", "progress", "steps", "requestedBy", "createdAt"])),
    ]
}

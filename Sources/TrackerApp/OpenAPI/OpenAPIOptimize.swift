/// The planner's job operations and schemas (`/api/schedule/optimize`).
enum OpenAPIOptimize {
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

    static let operations: [Operation] = [
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

    static let score: JSON = S.object([("hard", S.integer), ("medium", S.integer), ("soft", S.number)], required: ["hard", "medium", "soft"])
    static let schemas: [(String, JSON)] = [
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

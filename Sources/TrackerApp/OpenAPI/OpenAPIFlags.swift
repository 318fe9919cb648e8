/// Flags: the list and review workflow (`/api/flags`), rules, re-evaluation, and a person's own (`/api/me/flags`).
enum OpenAPIFlags {
    typealias JSON = OpenAPIDocument.JSON
    typealias Operation = OpenAPIDocument.Operation
    typealias S = OpenAPISchemas

    static let rules = ["low_activity", "after_hours", "excessive_hours", "unproductive_share", "late_start", "early_leave", "absent",
                        "long_idle", "agent_silent"]
    static let states = ["open", "acknowledged", "resolved", "dismissed", "withdrawn"]
    static let severities = ["info", "warning", "critical"]
    static let rule: JSON = S.enumeration(rules)
    static let flag = S.ref("Flag")
    static let page: JSON = S.object([("items", S.array(flag)), ("nextCursor", S.string)], required: ["items"])
    static let listQuery: [(String, JSON, Bool)] = [
        ("teamId", S.uuid, false), ("employeeId", S.uuid, false), ("rule", S.string, false), ("state", S.string, false),
        ("severity", S.string, false), ("from", S.dateTime, false), ("to", S.dateTime, false),
    ] + OpenAPIDocument.paging + OpenAPIDocument.format
    static let note: JSON = S.object([("note", S.string)])
    static let comment: JSON = S.object([("text", S.string)], required: ["text"])
    static let ruleInput: JSON = S.object([
        ("enabled", S.boolean), ("severity", S.enumeration(severities)), ("thresholds", ["type": "object", "additionalProperties": S.number]),
    ], required: ["enabled", "severity"])
    static let ruleView: JSON = S.object([
        ("rule", rule), ("period", S.enumeration(["day", "week", "shift"])), ("enabled", S.boolean), ("severity", S.enumeration(severities)),
        ("thresholds", ["type": "object", "additionalProperties": S.number]),
        ("parameters", S.array(S.object([("name", S.string), ("min", S.number), ("max", S.number), ("defaultValue", S.number), ("unit", S.string)]))),
    ])

    static let operations: [Operation] = [
        Operation(method: "get", path: "/api/flags", summary: "Flags of the people I manage (filters, newest period first)", caller: .manager,
                  query: listQuery, response: page, csv: true),
        Operation(method: "get", path: "/api/flags/{flagId}", summary: "A flag with its evidence and full history", caller: .user, response: flag),
        Operation(method: "post", path: "/api/flags/{flagId}/acknowledge", summary: "open → acknowledged", caller: .manager, body: note, response: flag),
        Operation(method: "post", path: "/api/flags/{flagId}/resolve", summary: "open or acknowledged → resolved", caller: .manager, body: note, response: flag),
        Operation(method: "post", path: "/api/flags/{flagId}/dismiss", summary: "open or acknowledged → dismissed (a note is required)",
                  caller: .manager, body: S.object([("note", S.string)], required: ["note"]), response: flag),
        Operation(method: "put", path: "/api/flags/{flagId}/assignee", summary: "Assigns a reviewer (null unassigns)", caller: .manager,
                  body: S.object([("assigneeId", S.uuid)]), response: flag),
        Operation(method: "post", path: "/api/flags/{flagId}/comments", summary: "Adds a comment", caller: .user, body: comment, response: flag),
        Operation(method: "get", path: "/api/flags/rules", summary: "The organisation's rules and the teams' overrides", caller: .manager,
                  response: S.object([("organization", S.array(ruleView)),
                                      ("teams", S.array(S.object([("teamId", S.uuid), ("rules", S.array(ruleView))])))])),
        Operation(method: "put", path: "/api/flags/rules/{rule}", summary: "Sets a rule for the organisation (admins) or, with teamId, a team",
                  caller: .manager, query: [("teamId", S.uuid, false)], body: ruleInput, response: ruleView),
        Operation(method: "delete", path: "/api/flags/rules/{rule}", summary: "Removes a team's override", caller: .manager,
                  query: [("teamId", S.uuid, true)], status: 204),
        Operation(method: "post", path: "/api/flags/evaluate", summary: "Queues a re-evaluation of every person-day of a range (202)",
                  caller: .manager, body: S.object([("from", OpenAPIDocument.dateParameter), ("to", OpenAPIDocument.dateParameter), ("teamId", S.uuid)],
                                                   required: ["from", "to"]),
                  status: 202, response: S.object([("queued", S.integer)])),
        Operation(method: "get", path: "/api/flags/evaluation", summary: "What waits for the evaluator (person-days queued, changes pending)",
                  caller: .manager, response: S.object([("queued", S.integer), ("changesPending", S.boolean)])),
        Operation(method: "get", path: "/api/me/flags", summary: "Every flag about me", caller: .user,
                  query: [("rule", S.string, false), ("state", S.string, false)] + OpenAPIDocument.paging, response: page),
        Operation(method: "get", path: "/api/me/flags/{flagId}", summary: "A flag about me with its history", caller: .user, response: flag),
        Operation(method: "post", path: "/api/me/flags/{flagId}/comments", summary: "Adds my side as a comment", caller: .user, body: comment,
                  response: flag),
    ]

    static let schemas: [(String, JSON)] = [
        ("Flag", S.object([
            ("id", S.uuid), ("rule", rule), ("employeeId", S.uuid), ("teamId", S.uuid), ("periodKey", S.string), ("periodFrom", S.dateTime),
            ("periodTo", S.dateTime), ("severity", S.enumeration(severities)), ("state", S.enumeration(states)),
            ("evidence", S.object([
                ("observed", S.number), ("baseline", S.number), ("threshold", S.number), ("unit", S.string),
                ("period", S.object([("label", S.string), ("from", S.string), ("to", S.string), ("timeZone", S.string)])),
                ("days", S.array(S.object([("date", S.string), ("value", S.number)]))), ("summary", S.string), ("open", S.string),
            ])),
            ("assigneeId", S.uuid), ("raisedAt", S.dateTime), ("updatedAt", S.dateTime), ("version", S.integer),
            ("history", S.array(S.object([
                ("version", S.integer), ("at", S.dateTime), ("actorId", S.uuid),
                ("kind", S.enumeration(["raised", "withdrawn", "raised_again", "acknowledged", "resolved", "dismissed", "assigned", "comment"])),
                ("fromState", S.enumeration(states)), ("toState", S.enumeration(states)), ("note", S.string),
            ]))),
        ], required: ["id", "rule", "employeeId", "periodKey", "periodFrom", "periodTo", "severity", "state", "evidence", "raisedAt", "updatedAt", "version"])),
    ]
}

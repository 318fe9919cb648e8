/// The schedule area's operations and schemas (`/api/schedule`, `/api/me/schedule`, `/api/employees/{id}/skills`).
enum OpenAPISchedule {
    typealias JSON = OpenAPIDocument.JSON
    typealias Operation = OpenAPIDocument.Operation
    typealias S = OpenAPISchemas

    static let dayOrTime: JSON = ["type": "string", "description": "A date YYYY-MM-DD (local, inclusive) or an RFC 3339 time"]
    static let range: [(String, JSON, Bool)] = [("from", dayOrTime, true), ("to", dayOrTime, true)]
    static let mode: JSON = S.enumeration(["refuse", "warn"])
    static let rules = ["skill", "timeOff", "minRest", "maxHoursPerWeek", "maxShiftsPerWeek", "availability"]
    static let window: JSON = S.object([("from", S.string), ("to", S.string)], required: ["from", "to"])
    static let shiftInput: JSON = S.object([
        ("teamId", S.uuid), ("locationId", S.uuid), ("employeeId", S.uuid), ("start", S.dateTime), ("end", S.dateTime), ("skillId", S.uuid),
        ("breakMinutes", S.integer), ("notes", S.string), ("status", S.enumeration(["draft", "published"])), ("version", S.integer),
    ])
    static let locationInput: JSON = S.object([("name", S.string), ("timeZone", S.string), ("address", S.string),
                                               ("externalId", S.string), ("source", S.enumeration(["local", "connecteam"]))])

    static let templateInput: JSON = S.object([
        ("teamId", S.uuid), ("name", S.string), ("locationId", S.uuid), ("skillId", S.uuid),
        ("weekdays", S.array(S.enumeration(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]))), ("startTime", S.string),
        ("durationMinutes", S.integer), ("breakMinutes", S.integer), ("headcount", S.integer),
    ])

    static let requestStatus: JSON = S.enumeration(["pending", "accepted", "approved", "denied", "declined", "cancelled"])
    static let note: JSON = S.object([("note", S.string)])

    static let operations: [Operation] = requestOperations + [
        Operation(method: "get", path: "/api/schedule/templates", summary: "Shift templates of the teams I plan", caller: .manager,
                  query: [("teamId", S.uuid, false)], response: S.object([("items", S.array(S.ref("ShiftTemplate")))], required: ["items"])),
        Operation(method: "post", path: "/api/schedule/templates", summary: "Creates a template (wall-clock start and duration)", caller: .manager,
                  body: templateInput, status: 201, response: S.ref("ShiftTemplate")),
        Operation(method: "patch", path: "/api/schedule/templates/{templateId}", summary: "Changes a template", caller: .manager,
                  body: templateInput, response: S.ref("ShiftTemplate")),
        Operation(method: "delete", path: "/api/schedule/templates/{templateId}", summary: "Archives a template", caller: .manager,
                  response: S.ref("ShiftTemplate")),
        Operation(method: "post", path: "/api/schedule/generate", summary: "Draft open shifts from templates between two local dates (idempotent)",
                  caller: .manager, body: S.object([("templateIds", S.array(S.uuid)), ("from", OpenAPIDocument.dateParameter),
                                                    ("to", OpenAPIDocument.dateParameter)], required: ["templateIds", "from", "to"]),
                  response: S.object([("created", S.integer), ("shiftIds", S.array(S.uuid)), ("existing", S.integer)], required: ["created", "shiftIds"])),
        Operation(method: "post", path: "/api/schedule/copy-week", summary: "Copies a team's week to another week as drafts", caller: .manager,
                  body: S.object([("teamId", S.uuid), ("from", OpenAPIDocument.dateParameter), ("to", OpenAPIDocument.dateParameter),
                                  ("includeAssignments", S.boolean)], required: ["teamId", "from", "to"]),
                  response: S.object([("created", S.integer), ("shiftIds", S.array(S.uuid)),
                                      ("leftOpen", S.array(S.object([("sourceShiftId", S.uuid), ("shiftId", S.uuid), ("reason", S.string)])))],
                                     required: ["created", "shiftIds", "leftOpen"])),
        Operation(method: "get", path: "/api/schedule", summary: "Shifts of a range as the caller may see them (≤ 62 days)", caller: .user,
                  query: range + [("teamId", S.uuid, false), ("employee", S.uuid, false), ("locationId", S.uuid, false)], response: S.ref("ScheduleView")),
        Operation(method: "get", path: "/api/me/schedule", summary: "My published shifts and the open shifts I may claim", caller: .user,
                  query: range, response: S.ref("ScheduleView")),
        Operation(method: "get", path: "/api/schedule/shifts", summary: "Same as GET /api/schedule", caller: .user,
                  query: range + [("teamId", S.uuid, false), ("employee", S.uuid, false), ("locationId", S.uuid, false)], response: S.ref("ScheduleView")),
        Operation(method: "post", path: "/api/schedule/shifts", summary: "Creates a shift (409 overlap, 422 a refusing rule; warnings listed)",
                  caller: .manager, body: shiftInput, status: 201, response: S.ref("Shift")),
        Operation(method: "get", path: "/api/schedule/shifts/{shiftId}", summary: "One shift", caller: .user, response: S.ref("Shift")),
        Operation(method: "patch", path: "/api/schedule/shifts/{shiftId}", summary: "Changes a shift; `version` required (409 when stale)",
                  caller: .manager, body: shiftInput, response: S.ref("Shift")),
        Operation(method: "delete", path: "/api/schedule/shifts/{shiftId}", summary: "Deletes a shift (409 when `version` is stale)", caller: .manager,
                  query: [("version", S.integer, false)], status: 204),
        Operation(method: "post", path: "/api/schedule/shifts/{shiftId}/claim", summary: "Claims an open published shift (409 when taken)",
                  caller: .user, response: S.ref("Shift")),
        Operation(method: "post", path: "/api/schedule/publish", summary: "Publishes a team's drafts starting in the range", caller: .manager,
                  body: S.object([("teamId", S.uuid), ("from", dayOrTime), ("to", dayOrTime)], required: ["teamId", "from", "to"]),
                  response: S.object([("published", S.integer), ("shiftIds", S.array(S.uuid))], required: ["published", "shiftIds"])),
        Operation(method: "get", path: "/api/schedule/locations", summary: "Locations", caller: .user, query: [("includeArchived", S.boolean, false)],
                  response: S.object([("items", S.array(S.ref("Location")))], required: ["items"])),
        Operation(method: "post", path: "/api/schedule/locations", summary: "Creates a location", caller: .admin, body: locationInput, status: 201,
                  response: S.ref("Location")),
        Operation(method: "patch", path: "/api/schedule/locations/{locationId}", summary: "Changes a location", caller: .admin, body: locationInput,
                  response: S.ref("Location")),
        Operation(method: "delete", path: "/api/schedule/locations/{locationId}", summary: "Archives a location (its shifts keep it)", caller: .admin,
                  response: S.ref("Location")),
        Operation(method: "get", path: "/api/schedule/skills", summary: "The skill catalogue", caller: .user,
                  response: S.object([("items", S.array(S.ref("Skill")))], required: ["items"])),
        Operation(method: "post", path: "/api/schedule/skills", summary: "Adds a skill", caller: .manager,
                  body: S.object([("name", S.string)], required: ["name"]), status: 201, response: S.ref("Skill")),
        Operation(method: "put", path: "/api/employees/{employeeId}/skills", summary: "Replaces a person's skills", caller: .manager,
                  body: S.object([("skillIds", S.array(S.uuid))], required: ["skillIds"]), response: S.ref("ScheduleProfile")),
        Operation(method: "get", path: "/api/schedule/people/{employeeId}/profile", summary: "Skills, limits, availability and day preferences",
                  caller: .user, response: S.ref("ScheduleProfile")),
        Operation(method: "put", path: "/api/schedule/people/{employeeId}/profile",
                  summary: "Changes a profile (limits: managers and admins; availability and dates: also the person)", caller: .user,
                  body: S.object([("maxHoursPerWeek", S.number), ("maxShiftsPerWeek", S.integer), ("minRestHours", S.number),
                                  ("availability", ["type": "object", "additionalProperties": S.array(window)]),
                                  ("desiredDates", S.array(OpenAPIDocument.dateParameter)), ("undesiredDates", S.array(OpenAPIDocument.dateParameter)),
                                  ("unavailableDates", S.array(OpenAPIDocument.dateParameter))]),
                  response: S.ref("ScheduleProfile")),
        Operation(method: "get", path: "/api/schedule/settings", summary: "Scheduling settings", caller: .manager, response: S.ref("ScheduleSettings")),
        Operation(method: "put", path: "/api/schedule/settings", summary: "Changes the settings named in the body", caller: .admin,
                  body: S.ref("ScheduleSettings"), response: S.ref("ScheduleSettings")),
        Operation(method: "put", path: "/api/schedule/settings/teams/{teamId}", summary: "A team's attendance grace (null: the organisation's)",
                  caller: .manager, body: S.object([("graceMinutes", S.integer)]),
                  response: S.object([("teamId", S.uuid), ("graceMinutes", S.integer)], required: ["teamId"])),
        Operation(method: "get", path: "/api/schedule/time-off", summary: "Time-off requests overlapping the range", caller: .user,
                  query: [("employee", S.uuid, false), ("teamId", S.uuid, false), ("from", dayOrTime, false), ("to", dayOrTime, false),
                          ("status", S.enumeration(["pending", "approved", "denied", "cancelled"]), false)],
                  response: S.object([("items", S.array(S.ref("TimeOff")))], required: ["items"])),
        Operation(method: "post", path: "/api/schedule/time-off", summary: "Requests time off", caller: .user,
                  body: S.object([("employeeId", S.uuid), ("from", S.string), ("to", S.string), ("allDay", S.boolean), ("reason", S.string),
                                  ("kind", S.enumeration(["vacation", "sick", "personal", "unpaid", "other"]))], required: ["from"]),
                  status: 201, response: S.ref("TimeOff")),
        Operation(method: "get", path: "/api/schedule/time-off/{timeOffId}", summary: "One request", caller: .user, response: S.ref("TimeOff")),
        Operation(method: "delete", path: "/api/schedule/time-off/{timeOffId}", summary: "Cancels my request", caller: .user, response: S.ref("TimeOff")),
        Operation(method: "post", path: "/api/schedule/time-off/{timeOffId}/approve", summary: "Approves a request (lists the shifts it overlaps)",
                  caller: .manager, body: S.object([("note", S.string)]), response: S.ref("TimeOff")),
        Operation(method: "post", path: "/api/schedule/time-off/{timeOffId}/deny", summary: "Denies a request (a note is required)",
                  caller: .manager, body: S.object([("note", S.string)], required: ["note"]), response: S.ref("TimeOff")),
        Operation(method: "get", path: "/api/schedule/attendance", summary: "Attendance and plan vs tracked (≤ 92 days)", caller: .user,
                  query: range + [("teamId", S.uuid, false), ("employee", S.uuid, false), ("table", S.enumeration(["shifts", "days"]), false)]
                    + OpenAPIDocument.format,
                  response: S.ref("Attendance"), csv: true),
    ]

    static let requestOperations: [Operation] = [
        Operation(method: "get", path: "/api/schedule/requests", summary: "Swap and drop requests I made, was offered, or may decide",
                  caller: .user, query: [("status", requestStatus, false)],
                  response: S.object([("items", S.array(S.ref("ShiftRequest")))], required: ["items"])),
        Operation(method: "post", path: "/api/schedule/requests", summary: "Asks to drop or swap one of my published future shifts", caller: .user,
                  body: S.object([("kind", S.enumeration(["drop", "swap"])), ("shiftId", S.uuid), ("targetEmployeeId", S.uuid),
                                  ("targetShiftId", S.uuid), ("note", S.string)], required: ["kind", "shiftId"]),
                  status: 201, response: S.ref("ShiftRequest")),
        Operation(method: "post", path: "/api/schedule/requests/{requestId}/accept", summary: "The colleague accepts a swap", caller: .user,
                  response: S.ref("ShiftRequest")),
        Operation(method: "post", path: "/api/schedule/requests/{requestId}/decline", summary: "The colleague declines a swap", caller: .user,
                  response: S.ref("ShiftRequest")),
        Operation(method: "post", path: "/api/schedule/requests/{requestId}/approve", summary: "Applies the request under the rules", caller: .manager,
                  body: note, response: S.ref("ShiftRequest")),
        Operation(method: "post", path: "/api/schedule/requests/{requestId}/deny", summary: "Refuses the request (a note is required)",
                  caller: .manager, body: S.object([("note", S.string)], required: ["note"]), response: S.ref("ShiftRequest")),
        Operation(method: "delete", path: "/api/schedule/requests/{requestId}", summary: "Withdraws my request", caller: .user,
                  response: S.ref("ShiftRequest")),
        Operation(method: "post", path: "/api/me/calendar", summary: "A new secret calendar-feed URL for me (the old one stops working)",
                  caller: .user, status: 201, response: S.object([("path", S.string), ("token", S.string)], required: ["path", "token"])),
        Operation(method: "delete", path: "/api/me/calendar", summary: "Revokes my calendar feed", caller: .user, status: 204),
        Operation(method: "get", path: "/api/schedule/calendar/{file}", summary: "My published shifts as iCalendar (`<token>.ics`; the token authenticates)",
                  caller: .anyone),
    ]

    static let warning: JSON = S.object([("rule", S.enumeration(rules)), ("message", S.string)], required: ["rule", "message"])

    static let schemas: [(String, JSON)] = [
        ("ShiftRequest", S.object([
            ("id", S.uuid), ("kind", S.enumeration(["drop", "swap"])), ("shiftId", S.uuid), ("requesterId", S.uuid), ("targetEmployeeId", S.uuid),
            ("targetShiftId", S.uuid), ("status", requestStatus), ("note", S.string), ("decidedBy", S.uuid), ("decisionNote", S.string),
            ("createdAt", S.dateTime), ("updatedAt", S.dateTime), ("warnings", S.array(warning)),
        ], required: ["id", "kind", "shiftId", "requesterId", "status", "createdAt", "updatedAt"])),
        ("ShiftTemplate", S.object([
            ("id", S.uuid), ("teamId", S.uuid), ("name", S.string), ("locationId", S.uuid), ("skillId", S.uuid), ("weekdays", S.array(S.string)),
            ("startTime", S.string), ("durationMinutes", S.integer), ("breakMinutes", S.integer), ("headcount", S.integer), ("archived", S.boolean),
            ("createdAt", S.dateTime), ("updatedAt", S.dateTime),
        ], required: ["id", "teamId", "name", "weekdays", "startTime", "durationMinutes", "breakMinutes", "headcount", "archived", "createdAt", "updatedAt"])),
        ("Shift", S.object([
            ("id", S.uuid), ("teamId", S.uuid), ("locationId", S.uuid), ("employeeId", S.uuid), ("start", S.dateTime), ("end", S.dateTime),
            ("timeZone", S.string), ("localStart", S.string), ("localEnd", S.string), ("skillId", S.uuid), ("breakMinutes", S.integer),
            ("notes", S.string), ("status", S.enumeration(["draft", "published"])), ("version", S.integer), ("source", S.string),
            ("externalId", S.string), ("templateId", S.string), ("createdAt", S.dateTime), ("updatedAt", S.dateTime), ("warnings", S.array(warning)),
        ], required: ["id", "teamId", "start", "end", "timeZone", "localStart", "localEnd", "breakMinutes", "status", "version", "source",
                      "createdAt", "updatedAt"])),
        ("ScheduleView", S.object([("from", S.dateTime), ("to", S.dateTime), ("timeZone", S.string), ("items", S.array(S.ref("Shift")))],
                                  required: ["from", "to", "timeZone", "items"])),
        ("Location", S.object([("id", S.uuid), ("name", S.string), ("timeZone", S.string), ("address", S.string), ("source", S.string),
                               ("externalId", S.string), ("archived", S.boolean), ("createdAt", S.dateTime), ("updatedAt", S.dateTime)],
                              required: ["id", "name", "timeZone", "source", "archived", "createdAt", "updatedAt"])),
        ("Skill", S.object([("id", S.uuid), ("name", S.string)], required: ["id", "name"])),
        ("ScheduleProfile", S.object([
            ("employeeId", S.uuid), ("skills", S.array(S.ref("Skill"))), ("maxHoursPerWeek", S.number), ("maxShiftsPerWeek", S.integer),
            ("minRestHours", S.number), ("availability", ["type": "object", "additionalProperties": S.array(window)]),
            ("desiredDates", S.array(S.string)), ("undesiredDates", S.array(S.string)), ("unavailableDates", S.array(S.string)), ("timeZone", S.string),
        ], required: ["employeeId", "skills", "desiredDates", "undesiredDates", "unavailableDates", "timeZone"])),
        ("ScheduleSettings", S.object([
            ("rules", S.object(rules.map { ($0, mode) })), ("minRestHours", S.number), ("graceMinutes", S.integer),
            ("earlyArrivalMinutes", S.integer), ("overtimeWindowMinutes", S.integer), ("unscheduledThresholdMinutes", S.integer),
        ])),
        ("TimeOff", S.object([
            ("id", S.uuid), ("employeeId", S.uuid), ("from", S.dateTime), ("to", S.dateTime), ("allDay", S.boolean), ("firstDay", S.string),
            ("lastDay", S.string), ("kind", S.string), ("reason", S.string), ("status", S.enumeration(["pending", "approved", "denied", "cancelled"])),
            ("decidedBy", S.uuid), ("decidedAt", S.dateTime), ("decisionNote", S.string), ("source", S.string), ("externalId", S.string),
            ("createdAt", S.dateTime), ("updatedAt", S.dateTime), ("conflictingShiftIds", S.array(S.uuid)),
        ], required: ["id", "employeeId", "from", "to", "allDay", "kind", "status", "source", "createdAt", "updatedAt"])),
        ("Attendance", S.object([
            ("from", S.string), ("to", S.string), ("timeZone", S.string),
            ("shifts", S.array(S.object([
                ("shiftId", S.uuid), ("employeeId", S.uuid), ("employee", S.string), ("teamId", S.uuid), ("date", S.string), ("start", S.dateTime),
                ("end", S.dateTime), ("scheduledMinutes", S.integer), ("activeMinutes", S.integer), ("firstActivity", S.dateTime),
                ("lastActivity", S.dateTime), ("status", S.enumeration(["on_time", "late", "absent", "early_leave", "overtime"])),
                ("statuses", S.array(S.string)), ("lateMinutes", S.integer), ("earlyLeaveMinutes", S.integer), ("overtimeMinutes", S.integer),
                ("inProgress", S.boolean),
            ]))),
            ("days", S.array(S.object([
                ("employeeId", S.uuid), ("employee", S.string), ("date", S.string), ("scheduledMinutes", S.integer), ("trackedMinutes", S.integer),
                ("differenceMinutes", S.integer), ("unscheduledMinutes", S.integer),
            ]))),
            ("totals", ["type": "object"]),
        ], required: ["from", "to", "timeZone", "shifts", "days", "totals"])),
    ]
}

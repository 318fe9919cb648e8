/// Gamification: settings, badges, leaderboards, a person's view and rebuilds (`/api/gamification`), and the
/// caller's own (`/api/me/gamification`).
enum OpenAPIGamification {
    typealias JSON = OpenAPIDocument.JSON
    typealias Operation = OpenAPIDocument.Operation
    typealias S = OpenAPISchemas

    static let date = OpenAPIDocument.dateParameter
    static let settings: JSON = S.object([
        ("enabled", S.boolean), ("individualLeaderboards", S.boolean), ("dailyCap", S.integer), ("defaultGoalMinutes", S.integer),
    ], required: ["enabled", "individualLeaderboards", "dailyCap", "defaultGoalMinutes"])
    static let settingsInput: JSON = S.object([
        ("enabled", S.boolean), ("individualLeaderboards", S.boolean), ("dailyCap", S.integer), ("defaultGoalMinutes", S.integer),
    ])
    static let person = S.ref("GamificationPerson")
    static let queued: JSON = S.object([("queued", S.integer)])

    static let operations: [Operation] = [
        Operation(method: "get", path: "/api/gamification/settings", summary: "Whether gamification is on, and its settings", caller: .user,
                  response: settings),
        Operation(method: "put", path: "/api/gamification/settings", summary: "Turns gamification on or off and sets the cap and default goal",
                  caller: .admin, body: settingsInput, response: settings),
        Operation(method: "get", path: "/api/gamification/badges", summary: "The badge catalogue", caller: .user,
                  response: S.object([("items", S.array(S.object([
                      ("id", S.string), ("name", S.string), ("description", S.string), ("metric", S.string), ("threshold", S.integer),
                      ("period", S.enumeration(["day", "week", "month", "ever"])),
                  ])))])),
        Operation(method: "get", path: "/api/gamification/leaderboard",
                  summary: "Teams by average points; people within a team when individual boards are on (opted-out people never appear)",
                  caller: .user, query: [("period", S.enumeration(["week", "month"]), false), ("date", date, false)],
                  response: S.object([
                      ("period", S.string), ("from", S.string), ("to", S.string),
                      ("teams", S.array(S.object([("rank", S.integer), ("teamId", S.uuid), ("name", S.string), ("participants", S.integer),
                                                  ("averagePoints", S.number)]))),
                      ("individuals", S.array(S.object([("teamId", S.uuid), ("people", S.array(S.object([
                          ("rank", S.integer), ("employeeId", S.uuid), ("name", S.string), ("points", S.integer),
                      ])))]))),
                  ])),
        Operation(method: "get", path: "/api/gamification/people/{employeeId}", summary: "A person's points, streak and badges (404 if they opted out)",
                  caller: .manager, response: person),
        Operation(method: "post", path: "/api/gamification/rebuild", summary: "Scores every person-day of a range again from the data (202)",
                  caller: .admin, body: S.object([("from", date), ("to", date), ("teamId", S.uuid)], required: ["from", "to"]),
                  status: 202, response: queued),
        Operation(method: "get", path: "/api/gamification/rebuild", summary: "What waits to be scored", caller: .manager,
                  response: S.object([("queued", S.integer), ("changesPending", S.boolean)])),
        Operation(method: "get", path: "/api/me/gamification", summary: "My points, streak, badges and progress towards the next", caller: .user,
                  response: person),
        Operation(method: "put", path: "/api/me/gamification", summary: "Opts me out or in, or sets my daily goal", caller: .user,
                  body: S.object([("optedOut", S.boolean), ("goalMinutes", S.integer), ("useDefaultGoal", S.boolean)]), response: person),
        Operation(method: "get", path: "/api/me/gamification/ledger", summary: "Where each of my points came from (at most 92 days)",
                  caller: .user, query: [("from", date, true), ("to", date, false)],
                  response: S.object([("items", S.array(S.object([
                      ("day", S.string), ("key", S.string), ("kind", S.string), ("at", S.dateTime), ("earned", S.integer), ("points", S.integer),
                      ("detail", S.string),
                  ])))])),
    ]

    static let schemas: [(String, JSON)] = [
        ("GamificationPerson", S.object([
            ("employeeId", S.uuid), ("optedOut", S.boolean), ("goalMinutes", S.integer),
            ("today", S.object([("date", S.string), ("points", S.integer), ("productiveMinutes", S.integer), ("goalMinutes", S.integer),
                                ("goalMet", S.boolean)])),
            ("points", S.object([("today", S.integer), ("week", S.integer), ("month", S.integer)])),
            ("streak", S.object([("current", S.integer), ("longest", S.integer)])),
            ("badges", S.array(S.object([("id", S.string), ("name", S.string), ("period", S.string), ("awardedOn", S.string)]))),
            ("next", S.array(S.object([("id", S.string), ("name", S.string), ("description", S.string), ("period", S.string),
                                       ("value", S.integer), ("threshold", S.integer)]))),
        ], required: ["employeeId", "optedOut", "goalMinutes", "today", "points", "streak", "badges", "next"])),
    ]
}

import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// A small Connecteam on a loopback port, speaking what `../shared/connecteam/API-NOTES.md` documents: `X-API-KEY`,
/// the `{requestId, data, paging}` envelope, `limit`/`offset` paging (clamped to `maxPage`, below Connecteam's 500, so
/// tests page), the six `x-ratelimit-*` headers, users, schedulers and their shifts (overlap filter, seconds), time
/// clocks and their time activities (`YYYY-MM-DD` window, no paging). Faults queued with `inject` hit the next
/// requests in order: `429` with a reset header, the `200` + `{"detail":"Too many requests"}` variant, `500`, an
/// answer slower than the client's timeout, malformed JSON, a connection cut mid-body, a `401`.
/// The test suite runs it; `productivity-tracker fake-connecteam` serves it with a demo company so a person can try
/// the sync without an account.
public final class FakeConnecteam: Sendable {
    public struct User: Sendable {
        public var userId: Int, firstName: String, lastName: String, email: String?, modifiedAt: Int64
        public init(_ userId: Int, _ firstName: String, _ lastName: String, email: String?, modifiedAt: Int64 = 1_700_000_000) {
            self.userId = userId; self.firstName = firstName; self.lastName = lastName; self.email = email; self.modifiedAt = modifiedAt
        }
    }

    public struct Shift: Sendable {
        public var id: String, start: Int64, end: Int64, assigned: [Int], published: Bool, unpaidBreakMinutes: Int
        public init(_ id: String, start: Int64, end: Int64, assigned: [Int], published: Bool = true, unpaidBreakMinutes: Int = 0) {
            self.id = id; self.start = start; self.end = end; self.assigned = assigned; self.published = published
            self.unpaidBreakMinutes = unpaidBreakMinutes
        }
    }

    public struct Activity: Sendable {
        public var id: String, userId: Int, start: Int64, end: Int64?
        public init(_ id: String, userId: Int, start: Int64, end: Int64?) { self.id = id; self.userId = userId; self.start = start; self.end = end }
    }

    public struct TimeOffRequest: Sendable {
        public var id: String, userId: Int, policyTypeId: String, allDay: Bool, startDate: String, endDate: String
        public var startTime: String, endTime: String, status: String
        public init(_ id: String, userId: Int, policyTypeId: String = "pt-vac", allDay: Bool = true, startDate: String, endDate: String,
                    startTime: String = "00:00:00", endTime: String = "00:00:00", status: String = "approved") {
            self.id = id; self.userId = userId; self.policyTypeId = policyTypeId; self.allDay = allDay; self.startDate = startDate
            self.endDate = endDate; self.startTime = startTime; self.endTime = endTime; self.status = status
        }
    }

    public enum Fault: Sendable {
        /// No fault: the request is answered normally (to place a later fault after some clean requests).
        case none
        case rateLimited(resetInSeconds: Double)
        case rateLimitedBody
        case serverError
        case slow(Duration)
        case malformed
        case cut
        case unauthorized
    }

    struct State {
        var users: [User] = []
        var shifts: [Int: [Shift]] = [:]
        var activities: [Int: [Activity]] = [:]
        var timeOff: [TimeOffRequest] = []
        var faults: [Fault] = []
        var requests: [String] = []
        var faultsServed = 0
    }

    private let state = Mutex(State())
    public let port: Int
    public let apiKey: String
    public let maxPage: Int
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public init(port: Int, apiKey: String = "fake-connecteam-key-0001", maxPage: Int = 3) {
        self.port = port
        self.apiKey = apiKey
        self.maxPage = maxPage
    }

    /// A demo company around `people` (name, email), as of `now`: one Connecteam user each plus two nobody here knows,
    /// a week of shifts ahead and behind in scheduler 1 (weekdays 09:00–17:00 UTC, every fifth one open), punches in
    /// time clock 1 for the past weekdays (a little early or late), and a few time-off requests.
    public func seedDemo(people: [(name: String, email: String)], now: Date) {
        let today = Int64(now.timeIntervalSince1970 / 86_400) * 86_400, hour: Int64 = 3600
        var users: [User] = [], shifts: [Shift] = [], activities: [Activity] = [], timeOff: [TimeOffRequest] = []
        for (index, person) in people.enumerated() {
            let parts = person.name.split(separator: " ")
            users.append(User(1000 + index, String(parts.first ?? "Demo"), String(parts.dropFirst().joined(separator: " ")), email: person.email))
        }
        users.append(User(9001, "Casey", "Contractor", email: "casey@contractor.example"))
        users.append(User(9002, "Kiosk", "Account", email: nil))
        for offset in -7...7 {
            let day = today + Int64(offset) * 86_400
            let weekday = ((day / 86_400) % 7 + 3) % 7   // 0 = Monday
            guard weekday < 5 else { continue }
            for (index, user) in users.prefix(people.count).enumerated() {
                let open = (index + offset) % 5 == 0
                shifts.append(Shift("d\(offset + 7)-\(index)", start: day + 9 * hour, end: day + 17 * hour, assigned: open ? [] : [user.userId],
                                    unpaidBreakMinutes: 30))
                if offset < 0 && !open {
                    let early = Int64((index * 7 + offset * 3) % 20 - 10) * 60
                    activities.append(Activity("p\(offset + 7)-\(index)", userId: user.userId, start: day + 9 * hour + early,
                                               end: day + 17 * hour + early / 2))
                }
            }
        }
        func date(_ offset: Int64) -> String { Self.date(today + offset * 86_400) }
        for (index, user) in users.prefix(min(3, people.count)).enumerated() {
            timeOff.append(TimeOffRequest("t\(index)", userId: user.userId, policyTypeId: index == 1 ? "pt-sick" : "pt-vac",
                                          startDate: date(Int64(3 + index)), endDate: date(Int64(4 + index)), status: index == 2 ? "pending" : "approved"))
        }
        set(users: users, shifts: [1: shifts], activities: [1: activities], timeOff: timeOff)
    }

    static func date(_ epoch: Int64) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(epoch)))
        return String(format: "%04d-%02d-%02d", c.year ?? 1970, c.month ?? 1, c.day ?? 1)
    }

    public func set(users: [User]? = nil, shifts: [Int: [Shift]]? = nil, activities: [Int: [Activity]]? = nil, timeOff: [TimeOffRequest]? = nil) {
        state.withLock { s in
            if let timeOff { s.timeOff = timeOff }
            if let users { s.users = users }
            if let shifts { s.shifts = shifts }
            if let activities { s.activities = activities }
        }
    }

    /// Queues faults for the next requests, one each, in order.
    public func inject(_ faults: [Fault]) { state.withLock { $0.faults += faults } }
    /// Every request served, as "PATH?QUERY".
    public var requests: [String] { state.withLock { $0.requests } }
    public var faultsServed: Int { state.withLock { $0.faultsServed } }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/me") { request, _ in try await self.answer(request) { _ in ["companyName": "Fake Co", "companyId": "c-1"] } }
        router.get("/users/v1/users") { request, _ in
            try await self.answer(request) { s in
                let since = request.uri.queryParameters.get("modifiedAt").flatMap { Int64($0) } ?? 0
                let users = s.users.filter { $0.modifiedAt > since }.map { u -> [String: Any] in
                    ["userId": u.userId, "firstName": u.firstName, "lastName": u.lastName, "email": u.email as Any, "phoneNumber": "+100",
                     "userType": "user", "isArchived": false, "modifiedAt": u.modifiedAt, "customFields": []]
                }
                return ["users": self.page(users, request)]
            }
        }
        router.get("/scheduler/v1/schedulers") { request, _ in
            try await self.answer(request) { s in
                ["schedulers": s.shifts.keys.sorted().map { ["schedulerId": $0, "name": "Scheduler \($0)", "isArchived": false, "timezone": "UTC"] }]
            }
        }
        router.get("/scheduler/v1/schedulers/:id/shifts") { request, context in
            let id = Int(context.parameters.get("id") ?? "") ?? 0
            return try await self.answer(request, required: ["startTime", "endTime"]) { s in
                let from = request.uri.queryParameters.get("startTime").flatMap { Int64($0) } ?? 0
                let to = request.uri.queryParameters.get("endTime").flatMap { Int64($0) } ?? 0
                let shifts = (s.shifts[id] ?? []).filter { $0.start < to && $0.end > from }.map { sh -> [String: Any] in
                    ["id": sh.id, "title": "Shift", "color": "", "startTime": sh.start, "endTime": sh.end, "timezone": "UTC",
                     "isOpenShift": sh.assigned.isEmpty, "isPublished": sh.published, "assignedUserIds": sh.assigned,
                     "breaks": sh.unpaidBreakMinutes > 0 ? [["id": "b1", "name": "Lunch", "type": "unpaid", "startTime": NSNull(), "duration": sh.unpaidBreakMinutes]] : [],
                     "shiftDetails": ["shiftLayers": []]]
                }
                return ["shifts": self.page(shifts, request)]
            }
        }
        router.get("/time-clock/v1/time-clocks") { request, _ in
            try await self.answer(request) { s in ["timeClocks": s.activities.keys.sorted().map { ["id": $0, "name": "Clock \($0)", "isArchived": false] }] }
        }
        router.get("/time-clock/v1/time-clocks/:id/time-activities") { request, context in
            let id = Int(context.parameters.get("id") ?? "") ?? 0
            return try await self.answer(request, required: ["startDate", "endDate"]) { s in
                let from = Self.epoch(request.uri.queryParameters.get("startDate") ?? ""), to = Self.epoch(request.uri.queryParameters.get("endDate") ?? "") + 86_400
                var byUser: [Int: [[String: Any]]] = [:]
                for a in s.activities[id] ?? [] where a.start >= from && a.start < to {
                    var item: [String: Any] = ["id": a.id, "start": ["timestamp": a.start, "timezone": "UTC", "source": ["type": "mobile"]]]
                    if let end = a.end { item["end"] = ["timestamp": end, "timezone": "UTC", "source": ["type": "mobile"]] }
                    byUser[a.userId, default: []].append(item)
                }
                return ["timeActivitiesByUsers": byUser.keys.sorted().map { ["userId": $0, "shifts": byUser[$0] ?? [], "manualBreaks": []] }]
            }
        }
        router.get("/time-off/v1/policy-types") { request, _ in
            try await self.answer(request) { _ in
                ["policyTypes": [["id": "pt-vac", "name": "Vacation", "policies": []], ["id": "pt-sick", "name": "Sick days", "policies": []]]]
            }
        }
        router.get("/time-off/v1/requests") { request, _ in
            try await self.answer(request, required: ["startDate", "endDate"]) { s in
                let from = request.uri.queryParameters.get("startDate") ?? "", to = request.uri.queryParameters.get("endDate") ?? ""
                let asked = request.uri.queryParameters[values: "statuses"].map(String.init)
                let statuses = asked.isEmpty ? ["approved"] : asked   // Connecteam's quiet default
                let items = s.timeOff.filter { $0.startDate <= to && $0.endDate >= from && statuses.contains($0.status) }.map { r -> [String: Any] in
                    ["id": r.id, "userId": r.userId, "policyTypeId": r.policyTypeId, "isAllDay": r.allDay, "startDate": r.startDate,
                     "endDate": r.endDate, "startTime": r.startTime, "endTime": r.endTime, "timezone": "UTC", "status": r.status,
                     "employeeNote": "", "managerNote": ""]
                }
                return ["requests": self.page(items, request)]
            }
        }
        return router
    }

    /// Serves until cancelled or shut down gracefully (the `fake-connecteam` command).
    public func run(logger: Logger) async throws {
        let app = Application(router: makeRouter(), configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        try await ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)).run()
    }

    /// Serves while `body` runs (tests): returns once the port is listening, shuts down after.
    public func serve<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        var logger = Logger(label: "fake-connecteam")
        logger.logLevel = .error
        let (ready, readySignal) = AsyncStream.makeStream(of: Void.self)
        let app = Application(router: makeRouter(), configuration: .init(address: .hostname("127.0.0.1", port: port)),
                              onServerRunning: { _ in readySignal.yield(); readySignal.finish() }, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            for await _ in ready { break }
            do {
                let value = try await body()
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return value
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
        }
    }

    private func page(_ items: [[String: Any]], _ request: Request) -> [[String: Any]] {
        let limit = min(maxPage, max(1, request.uri.queryParameters.get("limit").flatMap { Int($0) } ?? 10))
        let offset = max(0, request.uri.queryParameters.get("offset").flatMap { Int($0) } ?? 0)
        return Array(items.dropFirst(offset).prefix(limit))
    }

    static func epoch(_ day: String) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let p = day.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3, let date = calendar.date(from: DateComponents(year: p[0], month: p[1], day: p[2])) else { return 0 }
        return Int64(date.timeIntervalSince1970)
    }

    private static let limitHeaders: [(String, String)] = [
        ("x-ratelimit-minute-limit", "100"), ("x-ratelimit-minute-remaining", "99"), ("x-ratelimit-day-limit", "10000"),
        ("x-ratelimit-day-remaining", "9999"),
    ]

    private func headers(remaining: Int = 99, reset: Double? = nil) -> HTTPFields {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        for (name, value) in Self.limitHeaders {
            if let field = HTTPField.Name(name) { fields[field] = name == "x-ratelimit-minute-remaining" ? String(remaining) : value }
        }
        let resetAt = reset ?? (Date().timeIntervalSince1970 + 60).rounded(.up)
        if let minute = HTTPField.Name("x-ratelimit-minute-reset") { fields[minute] = String(Int64(resetAt.rounded(.up))) }
        if let day = HTTPField.Name("x-ratelimit-day-reset") { fields[day] = String(Int64(Date().timeIntervalSince1970) + 86_400) }
        return fields
    }

    /// Checks the key and the required parameters, serves the next fault if one is queued, else the envelope of `data`.
    private func answer(_ request: Request, required: [String] = [], _ data: (State) -> [String: Any]) async throws -> Response {
        let (fault, snapshot) = state.withLock { s -> (Fault?, State) in
            s.requests.append(request.uri.path + "?" + (request.uri.query ?? ""))
            guard !s.faults.isEmpty else { return (nil, s) }
            s.faultsServed += 1
            return (s.faults.removeFirst(), s)
        }
        guard let keyField = HTTPField.Name("X-API-KEY"), request.headers[keyField] == apiKey else {
            return Response(status: .unauthorized, headers: headers(), body: .init(byteBuffer: ByteBuffer(string: #"{"detail":"Invalid API key"}"#)))
        }
        let missing = required.filter { request.uri.queryParameters.get($0) == nil }
        if let first = missing.first {
            let body = #"{"detail":[{"loc":["query",""# + first + #""],"msg":"field required","type":"value_error.missing"}]}"#
            return Response(status: .unprocessableContent, headers: headers(), body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        switch fault {
        case .rateLimited(let reset)?:
            return Response(status: .tooManyRequests, headers: headers(remaining: 0, reset: Date().timeIntervalSince1970 + reset),
                            body: .init(byteBuffer: ByteBuffer(string: #"{"detail":"Too many requests"}"#)))
        case .rateLimitedBody?:
            return Response(status: .ok, headers: headers(remaining: 0, reset: Date().timeIntervalSince1970 + 0.2),
                            body: .init(byteBuffer: ByteBuffer(string: #"{"detail":"Too many requests"}"#)))
        case .serverError?:
            return Response(status: .internalServerError, headers: headers(), body: .init(byteBuffer: ByteBuffer(string: #"{"detail":"boom"}"#)))
        case .unauthorized?:
            return Response(status: .unauthorized, headers: headers(), body: .init(byteBuffer: ByteBuffer(string: #"{"detail":"key disabled"}"#)))
        case .slow(let delay)?:
            try await Task.sleep(for: delay)
        default: break
        }
        let envelope: [String: Any] = ["requestId": UUID().uuidString, "data": data(snapshot), "paging": ["offset": 0]]
        let bytes = try JSONSerialization.data(withJSONObject: envelope)
        switch fault {
        case .malformed?:
            return Response(status: .ok, headers: headers(), body: .init(byteBuffer: ByteBuffer(bytes: bytes.prefix(bytes.count / 2))))
        case .cut?:
            struct Cut: Error {}
            let half = ByteBuffer(bytes: bytes.prefix(bytes.count / 2))
            return Response(status: .ok, headers: headers(), body: ResponseBody(contentLength: bytes.count) { writer in
                try await writer.write(half)
                throw Cut()
            })
        default:
            return Response(status: .ok, headers: headers(), body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}

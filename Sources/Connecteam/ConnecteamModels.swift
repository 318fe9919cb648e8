/// Connecteam's shapes as the sync reads them: only what it uses, every field but the ids optional (Connecteam adds
/// fields without notice and omits keys in updates — "implement flexible schema validation").
enum CT {
    struct Me: Decodable, Sendable { var companyName: String?; var companyId: String? }

    struct Users: Decodable, Sendable { var users: [User] }
    struct User: Decodable, Sendable {
        var userId: Int
        var firstName: String?
        var lastName: String?
        var email: String?
        var isArchived: Bool?
        var modifiedAt: Int64?
        var name: String { [firstName, lastName].compactMap { $0 }.joined(separator: " ") }
    }

    struct Schedulers: Decodable, Sendable { var schedulers: [Scheduler] }
    struct Scheduler: Decodable, Sendable { var schedulerId: Int; var name: String?; var timezone: String? }

    struct Shifts: Decodable, Sendable { var shifts: [Shift] }
    struct Shift: Decodable, Sendable {
        struct Break: Decodable, Sendable { var type: String?; var duration: Int? }
        var id: String
        var startTime: Int64
        var endTime: Int64
        var isOpenShift: Bool?
        var isPublished: Bool?
        var assignedUserIds: [Int]?
        var breaks: [Break]?
        /// Unpaid break minutes (paid breaks are working time).
        var unpaidBreakMinutes: Int { (breaks ?? []).filter { $0.type == "unpaid" }.reduce(0) { $0 + max(0, $1.duration ?? 0) } }
    }

    struct TimeClocks: Decodable, Sendable { var timeClocks: [TimeClock] }
    struct TimeClock: Decodable, Sendable { var id: Int; var name: String? }

    struct TimeActivities: Decodable, Sendable { var timeActivitiesByUsers: [UserActivities] }
    struct UserActivities: Decodable, Sendable { var userId: Int; var shifts: [Activity]? }
    struct Activity: Decodable, Sendable {
        struct Point: Decodable, Sendable { var timestamp: Int64; var timezone: String? }
        var id: String
        var start: Point
        var end: Point?
        var schedulerShiftId: String?
        var jobId: String?
        var modifiedAt: Int64?
    }
}

extension CT {
    struct PolicyTypes: Decodable, Sendable { var policyTypes: [PolicyType] }
    struct PolicyType: Decodable, Sendable { var id: String; var name: String? }

    struct TimeOffRequests: Decodable, Sendable { var requests: [TimeOffRequest] }
    struct TimeOffRequest: Decodable, Sendable {
        var id: String
        var userId: Int
        var policyTypeId: String?
        var isAllDay: Bool?
        var startDate: String
        var endDate: String
        var startTime: String?
        var endTime: String?
        var timezone: String?
        var status: String?
    }
}

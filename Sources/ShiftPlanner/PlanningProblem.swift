/// What the planner assigns: shifts to employees, everything as indices and integers so the search touches no strings,
/// dates or dictionaries. Instants are microseconds since 1970 (UTC), days are UTC day numbers.
public struct PlanningProblem: Sendable {
    public struct Employee: Sendable, Equatable {
        public var id: String
        public var skills: Set<String>
        public var unavailableDays: Set<Int64>
        public var undesiredDays: Set<Int64>
        public var desiredDays: Set<Int64>

        public init(id: String, skills: Set<String>, unavailableDays: Set<Int64> = [], undesiredDays: Set<Int64> = [], desiredDays: Set<Int64> = []) {
            self.id = id
            self.skills = skills
            self.unavailableDays = unavailableDays
            self.undesiredDays = undesiredDays
            self.desiredDays = desiredDays
        }
    }

    public struct Shift: Sendable, Equatable {
        public var id: String
        public var start: Int64
        public var end: Int64
        public var requiredSkill: String
        /// An employee index this shift keeps whatever the search finds (a published or pinned shift).
        public var pinned: Int?

        public init(id: String, start: Int64, end: Int64, requiredSkill: String, pinned: Int? = nil) {
            self.id = id
            self.start = start
            self.end = end
            self.requiredSkill = requiredSkill
            self.pinned = pinned
        }

        public var startDay: Int64 { Time.day(start) }
        public var endDay: Int64 { Time.day(end) }
    }

    public var employees: [Employee]
    public var shifts: [Shift]

    public init(employees: [Employee], shifts: [Shift]) {
        self.employees = employees
        self.shifts = shifts
    }
}

/// Microsecond arithmetic of the quickstart's constraints (whole minutes rounded down, UTC days).
public enum Time {
    public static let minute: Int64 = 60_000_000
    public static let day: Int64 = 86_400 * 1_000_000

    public static func day(_ instant: Int64) -> Int64 { instant >= 0 ? instant / day : (instant - day + 1) / day }

    public static func minutes(_ span: Int64) -> Int64 { span >= 0 ? span / minute : (span - minute + 1) / minute }

    /// Whole minutes of `[start, end]` inside UTC day `d` (`[d 00:00, d 23:59:59.999999]`).
    public static func dayMinutes(start: Int64, end: Int64, day d: Int64) -> Int64 {
        let lo = max(start, d * day), hi = min(end, (d + 1) * day - 1)
        return max(0, hi - lo) / minute
    }
}

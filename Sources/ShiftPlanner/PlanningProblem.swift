/// What the planner assigns: shifts to employees, everything as indices and integers so the search touches no strings,
/// dates or dictionaries. Instants are microseconds since 1970 (UTC); a shift's `day` is the day number its rules
/// count in (UTC for the quickstart, local for the product).
///
/// Two uses share it: the quickstart benchmark (day sets, every shift assigned, Timefold's weights) and the product's
/// planner (intervals from time off and availability, weekly caps, locations, productive hours, the current draft,
/// and shifts left open — a medium level — rather than a broken hard rule).
public struct PlanningProblem: Sendable {
    /// `[start, end)` in microseconds.
    public struct Interval: Sendable, Equatable {
        public var start: Int64
        public var end: Int64
        public init(start: Int64, end: Int64) { self.start = start; self.end = end }

        func overlapMinutes(_ start: Int64, _ end: Int64) -> Int64 {
            Time.minutes(max(0, min(end, self.end) - max(start, self.start)))
        }
    }

    public struct Employee: Sendable, Equatable {
        public var id: String
        public var skills: Set<String>
        /// Quickstart: whole UTC days (minutes of a shift on such a day count).
        public var unavailableDays: Set<Int64>
        public var undesiredDays: Set<Int64>
        public var desiredDays: Set<Int64>
        /// Product: spans the person cannot work (time off, outside availability windows, unavailable dates).
        public var unavailable: [Interval] = []
        public var desired: [Interval] = []
        public var undesired: [Interval] = []
        /// Paid minutes and shifts per planning week (`Shift.week`); nil: no cap.
        public var maxWeeklyMinutes: Int64?
        public var maxWeeklyShifts: Int?
        /// Minimum rest between two shifts in minutes; nil: the rules' default.
        public var minimumRestMinutes: Int64?
        /// Share of active time that was productive, per local hour of the week (0 = Monday 00:00 … 167), in 0…1;
        /// empty: unknown (no fit either way).
        public var productiveProfile: [Double] = []

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
        /// The day "one shift per day" counts it on (default: its UTC start day).
        public var day: Int64
        /// Planning week index (0-based) the weekly caps count it in.
        public var week = 0
        /// Location index, or -1 for none.
        public var location = -1
        /// Its employee in the current draft (re-planning prefers keeping it).
        public var current: Int?
        /// Paid minutes the weekly hour cap counts (default: its length).
        public var paidMinutes: Int64
        /// Offset of its local wall clock from UTC at its start, for the productive-hours fit.
        public var utcOffset: Int64 = 0
        /// False for a shift that is only context (a person's other shifts around the range): the rules see it, the
        /// per-person totals of an explanation do not count it.
        public var inRange = true

        public init(id: String, start: Int64, end: Int64, requiredSkill: String, pinned: Int? = nil) {
            self.id = id
            self.start = start
            self.end = end
            self.requiredSkill = requiredSkill
            self.pinned = pinned
            day = Time.day(start)
            paidMinutes = Time.minutes(end - start)
        }

        public var startDay: Int64 { Time.day(start) }
        public var endDay: Int64 { Time.day(end) }
    }

    /// Scales of the soft terms (integers so that every score is exact and the same on every machine).
    public struct Weights: Sendable, Equatable {
        /// Per minute of a shift on a desired / undesired span.
        public var desired: Int64 = 1
        public var undesired: Int64 = 1
        /// Per unit of Timefold's load-balance unfairness (over shift counts).
        public var balance: Int64 = 1
        /// Per expected productive minute (shift minutes × the person's productive share at that hour).
        public var productive: Int64 = 0
        /// Per extra location a person works at in one week, counted as 60 minutes.
        public var locationChange: Int64 = 0
        /// Per minute of a shift given to someone else than in the current draft.
        public var stability: Int64 = 0

        public init(desired: Int64 = 1, undesired: Int64 = 1, balance: Int64 = 1, productive: Int64 = 0, locationChange: Int64 = 0, stability: Int64 = 0) {
            self.desired = desired
            self.undesired = undesired
            self.balance = balance
            self.productive = productive
            self.locationChange = locationChange
            self.stability = stability
        }
    }

    public struct Rules: Sendable, Equatable {
        public var minimumRestMinutes: Int64 = 600
        public var onePerDay = true
        /// Leave a shift open (a medium penalty) rather than break a hard rule.
        public var allowUnassigned = false
        public var weights = Weights()
        public init(minimumRestMinutes: Int64 = 600, onePerDay: Bool = true, allowUnassigned: Bool = false, weights: Weights = Weights()) {
            self.minimumRestMinutes = minimumRestMinutes
            self.onePerDay = onePerDay
            self.allowUnassigned = allowUnassigned
            self.weights = weights
        }
    }

    public var employees: [Employee]
    public var shifts: [Shift]
    public var rules: Rules
    public var weeks: Int
    public var locations: Int

    public init(employees: [Employee], shifts: [Shift], rules: Rules = Rules()) {
        self.employees = employees
        self.shifts = shifts
        self.rules = rules
        weeks = (shifts.map(\.week).max() ?? 0) + 1
        locations = (shifts.map(\.location).max() ?? -1) + 1
    }

    func restMinutes(_ e: Int) -> Int64 { employees[e].minimumRestMinutes ?? rules.minimumRestMinutes }

    /// Whether location changes are scored: weighted, more than one location, and a person × week × location table
    /// of reasonable size (beyond 4 M cells the term is left out rather than the memory spent).
    var scoresLocationChanges: Bool {
        rules.weights.locationChange != 0 && locations > 1 && employees.count * weeks * locations <= 4_000_000
    }
}

/// Microsecond arithmetic of the quickstart's constraints (whole minutes rounded down, UTC days).
public enum Time {
    public static let minute: Int64 = 60_000_000
    public static let hour: Int64 = 60 * minute
    public static let day: Int64 = 86_400 * 1_000_000

    public static func day(_ instant: Int64) -> Int64 { instant >= 0 ? instant / day : (instant - day + 1) / day }

    public static func minutes(_ span: Int64) -> Int64 { span >= 0 ? span / minute : (span - minute + 1) / minute }

    /// Whole minutes of `[start, end]` inside UTC day `d` (`[d 00:00, d 23:59:59.999999]`).
    public static func dayMinutes(start: Int64, end: Int64, day d: Int64) -> Int64 {
        let lo = max(start, d * day), hi = min(end, (d + 1) * day - 1)
        return max(0, hi - lo) / minute
    }
}

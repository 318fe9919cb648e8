/// Streaks of workdays meeting the daily goal. A day that is not a workday (outside the organisation's work week)
/// or is covered by approved time off neither counts nor breaks a streak; today does not break it before it ends.
/// Pure: dates are local `YYYY-MM-DD`.
public enum Streaks {
    public struct Summary: Sendable, Equatable, Codable {
        public var current: Int
        public var longest: Int
        public init(current: Int, longest: Int) {
            self.current = current
            self.longest = longest
        }
    }

    public struct Calendar: Sendable {
        /// Days the goal was met.
        public var goalMet: Set<String>
        /// Workdays by weekday, 0 = Monday.
        public var workWeek: Set<Int>
        /// Days covered by approved time off.
        public var timeOff: Set<String>
        public var weekday: @Sendable (String) -> Int?
        public init(goalMet: Set<String>, workWeek: Set<Int>, timeOff: Set<String>, weekday: @escaping @Sendable (String) -> Int?) {
            self.goalMet = goalMet
            self.workWeek = workWeek
            self.timeOff = timeOff
            self.weekday = weekday
        }

        func counts(_ date: String) -> Bool {
            guard let day = weekday(date) else { return false }
            return workWeek.contains(day) && !timeOff.contains(date)
        }
    }

    /// The streak as it stood at the end of each of `dates` (ascending, consecutive), walking forward.
    public static func running(_ dates: [String], today: String, _ calendar: Calendar) -> [(date: String, streak: Int)] {
        var streak = 0
        var result: [(String, Int)] = []
        for date in dates {
            if calendar.counts(date) {
                if calendar.goalMet.contains(date) {
                    streak += 1
                } else if date != today {
                    streak = 0
                }
            }
            result.append((date, streak))
        }
        return result
    }

    public static func summary(_ dates: [String], today: String, _ calendar: Calendar) -> Summary {
        let walk = running(dates, today: today, calendar)
        return Summary(current: walk.last?.streak ?? 0, longest: walk.map(\.streak).max() ?? 0)
    }

    /// 0 = Monday … 6 = Sunday, for a local date `YYYY-MM-DD`.
    public static func weekday(_ date: String) -> Int? {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return ((CivilDays.days(year: parts[0], month: parts[1], day: parts[2]) % 7) + 7 + 3) % 7
    }
}

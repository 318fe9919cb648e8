/// Badges: a catalogue defined as data (what is counted, how much, over which period), awarded at most once per
/// period on the day the count reached the threshold, and the progress towards those not yet earned. Pure.
public enum Badges {
    public enum Metric: String, Sendable, Codable, CaseIterable {
        case focusBlocks = "focus_blocks"
        case goalDays = "goal_days"
        case healthyBreaks = "healthy_breaks"
        case onTimeStarts = "on_time_starts"
        case points
        /// The goal streak reached (not summed: the highest value in the period).
        case streak
    }

    public enum Period: String, Sendable, Codable, CaseIterable {
        case day, week, month, ever
    }

    public struct Badge: Sendable, Codable, Equatable {
        public var id: String
        public var name: String
        public var description: String
        public var metric: Metric
        public var threshold: Int
        public var period: Period
    }

    /// The catalogue. Adding a badge is adding a line; a changed threshold applies at the next evaluation.
    public static let catalogue: [Badge] = [
        Badge(id: "first_focus", name: "First focus", description: "Your first focus block", metric: .focusBlocks, threshold: 1, period: .ever),
        Badge(id: "deep_day", name: "Deep day", description: "Three focus blocks in one day", metric: .focusBlocks, threshold: 3, period: .day),
        Badge(id: "deep_week", name: "Deep week", description: "Ten focus blocks in a week", metric: .focusBlocks, threshold: 10, period: .week),
        Badge(id: "goal_week", name: "Goal week", description: "The daily goal met on five days of a week", metric: .goalDays, threshold: 5, period: .week),
        Badge(id: "well_rested", name: "Well rested", description: "Ten healthy breaks in a week", metric: .healthyBreaks, threshold: 10, period: .week),
        Badge(id: "punctual", name: "Punctual", description: "Five shifts started on time in a week", metric: .onTimeStarts, threshold: 5, period: .week),
        Badge(id: "month_300", name: "Steady month", description: "300 points in a month", metric: .points, threshold: 300, period: .month),
        Badge(id: "streak_5", name: "Five in a row", description: "A goal streak of five workdays", metric: .streak, threshold: 5, period: .ever),
        Badge(id: "streak_20", name: "Twenty in a row", description: "A goal streak of twenty workdays", metric: .streak, threshold: 20, period: .ever),
    ]

    /// What one day contributed.
    public struct Tally: Sendable, Equatable {
        public var date: String
        public var focusBlocks = 0
        public var goalMet = false
        public var healthyBreaks = 0
        public var onTimeStarts = 0
        public var points = 0
        /// The goal streak at the end of the day.
        public var streak = 0
        public init(date: String) { self.date = date }

        func value(_ metric: Metric) -> Int {
            switch metric {
            case .focusBlocks: focusBlocks
            case .goalDays: goalMet ? 1 : 0
            case .healthyBreaks: healthyBreaks
            case .onTimeStarts: onTimeStarts
            case .points: points
            case .streak: streak
            }
        }
    }

    public struct Award: Sendable, Equatable, Codable {
        public var badgeId: String
        /// The period it was earned for: a date, an ISO week (`2026-W10`), a month (`2026-03`) or `ever`.
        public var period: String
        public var awardedOn: String
        public init(badgeId: String, period: String, awardedOn: String) {
            self.badgeId = badgeId
            self.period = period
            self.awardedOn = awardedOn
        }
    }

    public struct Progress: Sendable, Equatable, Codable {
        public var badgeId: String
        public var period: String
        public var value: Int
        public var threshold: Int
        public init(badgeId: String, period: String, value: Int, threshold: Int) {
            self.badgeId = badgeId
            self.period = period
            self.value = value
            self.threshold = threshold
        }
    }

    /// The key of the period of `kind` holding `date`.
    public static func periodKey(_ date: String, _ kind: Period) -> String {
        switch kind {
        case .day: return date
        case .month: return String(date.prefix(7))
        case .ever: return "ever"
        case .week:
            let parts = date.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { return date }
            return isoWeek(CivilDays.days(year: parts[0], month: parts[1], day: parts[2]))
        }
    }

    /// ISO 8601 week of a day number (days since 1970-01-01, a Thursday): the week belongs to the year of its Thursday.
    static func isoWeek(_ day: Int) -> String {
        let weekday = ((day % 7) + 7 + 3) % 7  // 0 = Monday
        let thursday = day - weekday + 3
        let year = CivilDays.date(thursday).year
        let week = (thursday - CivilDays.days(year: year, month: 1, day: 1)) / 7 + 1
        let digits = week < 10 ? "0\(week)" : "\(week)"
        return "\(year)-W\(digits)"
    }

    /// Every award the tallies (ascending dates) earn.
    public static func awards(_ tallies: [Tally], catalogue: [Badge] = catalogue) -> [Award] {
        var result: [Award] = []
        for badge in catalogue {
            var totals: [String: Int] = [:]
            var awarded = Set<String>()
            for tally in tallies {
                let key = periodKey(tally.date, badge.period)
                let value = tally.value(badge.metric)
                let total = badge.metric == .streak ? max(totals[key] ?? 0, value) : (totals[key] ?? 0) + value
                totals[key] = total
                if total >= badge.threshold, !awarded.contains(key) {
                    awarded.insert(key)
                    result.append(Award(badgeId: badge.id, period: key, awardedOn: tally.date))
                }
            }
        }
        return result
    }

    /// For each badge not yet earned in the period holding `today`: how far along it is.
    public static func progress(_ tallies: [Tally], today: String, currentStreak: Int, awards: [Award],
                                catalogue: [Badge] = catalogue) -> [Progress] {
        catalogue.compactMap { badge in
            let key = periodKey(today, badge.period)
            guard !awards.contains(where: { $0.badgeId == badge.id && $0.period == key }) else { return nil }
            let inPeriod = tallies.filter { periodKey($0.date, badge.period) == key }
            let value = badge.metric == .streak ? currentStreak : inPeriod.reduce(0) { $0 + $1.value(badge.metric) }
            return Progress(badgeId: badge.id, period: key, value: value, threshold: badge.threshold)
        }
    }
}

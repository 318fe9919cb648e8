/// Points for one person-day, each entry with where it came from and an idempotent key (re-evaluating the day gives
/// the same keys): focus blocks, healthy breaks, on-time shift starts and the daily goal, in the order they were
/// earned, with the daily cap applied in that order (an entry past the cap is kept, with the points it lost).
public enum PointsLedger {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case focusBlock = "focus_block"
        case healthyBreak = "healthy_break"
        case onTimeStart = "on_time_start"
        case dailyGoal = "daily_goal"

        public var points: Int {
            switch self {
            case .focusBlock: 10
            case .healthyBreak: 5
            case .onTimeStart: 5
            case .dailyGoal: 20
            }
        }
    }

    public struct Entry: Sendable, Equatable, Codable {
        public var key: String
        public var kind: Kind
        /// When it was earned (epoch ms): a block's or break's end, a shift's start, the day's end for the goal.
        public var at: Int64
        /// Before the cap.
        public var earned: Int
        /// After the cap.
        public var points: Int
        /// What earned it, for the person to read (`focus 09:12–10:05`, minutes, the shift).
        public var detail: String
    }

    /// An on-time start: the shift's id and start.
    public struct OnTime: Sendable, Equatable {
        public var shiftID: String
        public var start: Int64
        public init(shiftID: String, start: Int64) {
            self.shiftID = shiftID
            self.start = start
        }
    }

    public struct Day: Sendable {
        public var date: String
        public var end: Int64
        public var focus: [DayHabits.Stretch]
        public var breaks: [DayHabits.Stretch]
        public var onTime: [OnTime]
        public var productiveMs: Int64
        public var goalMs: Int64
        public init(date: String, end: Int64, focus: [DayHabits.Stretch], breaks: [DayHabits.Stretch], onTime: [OnTime],
                    productiveMs: Int64, goalMs: Int64) {
            self.date = date
            self.end = end
            self.focus = focus
            self.breaks = breaks
            self.onTime = onTime
            self.productiveMs = productiveMs
            self.goalMs = goalMs
        }

        public var goalMet: Bool { goalMs > 0 && productiveMs >= goalMs }
    }

    public static func entries(_ day: Day, cap: Int) -> [Entry] {
        var earned: [Entry] = []
        for block in day.focus {
            earned.append(Entry(key: "focus:\(block.start)", kind: .focusBlock, at: block.end, earned: Kind.focusBlock.points, points: 0,
                                detail: "\(block.length / 60_000) minutes of focus"))
        }
        for rest in day.breaks {
            earned.append(Entry(key: "break:\(rest.start)", kind: .healthyBreak, at: rest.start, earned: Kind.healthyBreak.points, points: 0,
                                detail: "a \(rest.length / 60_000)-minute break after a long stretch of work"))
        }
        for shift in day.onTime {
            earned.append(Entry(key: "on_time:\(shift.shiftID)", kind: .onTimeStart, at: shift.start, earned: Kind.onTimeStart.points,
                                points: 0, detail: "started shift \(shift.shiftID) on time"))
        }
        if day.goalMet {
            earned.append(Entry(key: "goal:\(day.date)", kind: .dailyGoal, at: day.end, earned: Kind.dailyGoal.points, points: 0,
                                detail: "\(day.productiveMs / 60_000) productive minutes, goal \(day.goalMs / 60_000)"))
        }
        earned.sort { ($0.at, $0.key) < ($1.at, $1.key) }
        var left = max(0, cap)
        for index in earned.indices {
            let granted = min(earned[index].earned, left)
            earned[index].points = granted
            left -= granted
        }
        return earned
    }
}

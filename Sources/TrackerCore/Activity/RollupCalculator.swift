/// An activity interval of one employee (from any of their devices), with its category already decided.
public struct ActivityInterval: Sendable, Equatable {
    public var start: Int64
    public var end: Int64
    public var app: String
    public var category: ProductivityCategory
    /// Breaks ties between overlapping intervals deterministically.
    public var tieBreaker: String

    public init(start: Int64, end: Int64, app: String, category: ProductivityCategory, tieBreaker: String) {
        self.start = start
        self.end = end
        self.app = app
        self.category = category
        self.tieBreaker = tieBreaker
    }
}

public struct IdleInterval: Sendable, Equatable {
    public var start: Int64
    public var end: Int64
    /// nil: not classified yet (counts as idle, like a break).
    public var classification: IdleClassification?

    public init(start: Int64, end: Int64, classification: IdleClassification?) {
        self.start = start
        self.end = end
        self.classification = classification
    }
}

/// One employee's hour, in milliseconds.
public struct HourRollup: Sendable, Equatable {
    public var active: Int64 = 0
    public var idle: Int64 = 0
    public var workAway: Int64 = 0
    public var productive: Int64 = 0
    public var neutral: Int64 = 0
    public var unproductive: Int64 = 0
    public var uncategorized: Int64 = 0
    /// Computer-active milliseconds per app, with the app's category.
    public var apps: [String: AppTime] = [:]

    public struct AppTime: Sendable, Equatable {
        public var millis: Int64
        public var category: ProductivityCategory

        public init(millis: Int64, category: ProductivityCategory) {
            self.millis = millis
            self.category = category
        }
    }

    public init() {}

    public var isEmpty: Bool { active == 0 && idle == 0 && workAway == 0 }
}

/// The definition of the rollups, as a pure function of raw intervals. Ingest and rebuilds both call it, so
/// "maintained on ingest" and "recomputed from scratch" cannot disagree.
///
/// For every instant of the hour:
/// - inside an idle period classified `discard` → not counted;
/// - else inside one classified `work_away` → active (work away from the computer);
/// - else inside an unclassified or `break` idle period → idle;
/// - else covered by activity (any device) → active, attributed to the covering interval that started last
///   (the most recent focus change; ties by `tieBreaker`). Two devices at once count once: the union.
public enum RollupCalculator {
    public static func compute(hourStart: Int64, activities: [ActivityInterval], idle: [IdleInterval]) -> HourRollup {
        let hourEnd = hourStart + HourBucket.millis
        let acts = activities.compactMap { a -> ActivityInterval? in
            var a = a
            a.start = max(a.start, hourStart)
            a.end = min(a.end, hourEnd)
            return a.end > a.start ? a : nil
        }
        let idles = idle.compactMap { i -> IdleInterval? in
            var i = i
            i.start = max(i.start, hourStart)
            i.end = min(i.end, hourEnd)
            return i.end > i.start ? i : nil
        }
        var points = Set<Int64>()
        for a in acts { points.insert(a.start); points.insert(a.end) }
        for i in idles { points.insert(i.start); points.insert(i.end) }
        let sorted = points.sorted()
        var rollup = HourRollup()
        guard sorted.count > 1 else { return rollup }

        for index in 0..<(sorted.count - 1) {
            let from = sorted[index], to = sorted[index + 1]
            let length = to - from
            var discard = false, away = false, idleHere = false
            for i in idles where i.start <= from && i.end >= to {
                switch i.classification {
                case .discard: discard = true
                case .workAway: away = true
                case .break, nil: idleHere = true
                }
            }
            if discard { continue }
            if away {
                rollup.workAway += length
                rollup.active += length
                continue
            }
            if idleHere {
                rollup.idle += length
                continue
            }
            var winner: ActivityInterval?
            for a in acts where a.start <= from && a.end >= to {
                if let w = winner, (w.start, w.tieBreaker) >= (a.start, a.tieBreaker) { continue }
                winner = a
            }
            guard let winner else { continue }
            rollup.active += length
            switch winner.category {
            case .productive: rollup.productive += length
            case .neutral: rollup.neutral += length
            case .unproductive: rollup.unproductive += length
            case .uncategorized: rollup.uncategorized += length
            }
            rollup.apps[winner.app, default: .init(millis: 0, category: winner.category)].millis += length
        }
        return rollup
    }
}

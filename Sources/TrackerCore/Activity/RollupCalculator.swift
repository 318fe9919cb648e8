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
    /// First and last active instant of the hour (epoch ms), for "first/last activity" trends.
    public var firstActive: Int64?
    public var lastActive: Int64?
    /// The latest instant of the hour covered by any interval (activity or idle, counted or not): nothing in the
    /// hour's raw data reaches past it, so time appended after it by the one event ending there changes the hour
    /// only by that time (`RollupWriter.appendDelta`). nil when nothing covers the hour.
    public var coveredUntil: Int64?
    /// Computer-active milliseconds per app and category (one app can be productive in one window and not in another).
    public var apps: [AppKey: Int64] = [:]

    public struct AppKey: Sendable, Hashable, Comparable {
        public var app: String
        public var category: ProductivityCategory

        public init(app: String, category: ProductivityCategory) {
            self.app = app
            self.category = category
        }

        public static func < (a: AppKey, b: AppKey) -> Bool { (a.app, a.category.rawValue) < (b.app, b.category.rawValue) }
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
        var rollup = HourRollup()
        // Sweep line over boundary points: O(n log n) in the number of intervals (a dense hour has thousands).
        enum Kind: Int { case discard = 0, workAway = 1, idle = 2 }
        var idleChanges: [(at: Int64, kind: Int, delta: Int)] = []
        for i in idle {
            let start = max(i.start, hourStart), end = min(i.end, hourEnd)
            guard end > start else { continue }
            let kind: Kind = switch i.classification {
            case .discard: .discard
            case .workAway: .workAway
            case .break, nil: .idle
            }
            rollup.cover(until: end)
            idleChanges.append((start, kind.rawValue, 1))
            idleChanges.append((end, kind.rawValue, -1))
        }
        // Geometry uses the part inside the hour; attribution uses the real start (an event begun before the
        // hour is still an older focus change than one begun inside it).
        var acts: [(start: Int64, end: Int64, interval: ActivityInterval)] = []
        acts.reserveCapacity(activities.count)
        for a in activities {
            let start = max(a.start, hourStart), end = min(a.end, hourEnd)
            if end > start {
                acts.append((start, end, a))
                rollup.cover(until: end)
            }
        }
        acts.sort { $0.start < $1.start }
        idleChanges.sort { $0.at < $1.at }
        var points = acts.flatMap { [$0.start, $0.end] } + idleChanges.map(\.at)
        points.sort()
        guard points.count > 1 else { return rollup }

        var idleDepth = [0, 0, 0]
        var nextIdle = 0, nextAct = 0
        // Max-heap of covering activities by (start, tieBreaker); expired ones are dropped lazily from the top.
        var heap = ActivityHeap()
        var previous = points[0]
        for point in points.dropFirst() where point > previous {
            let from = previous, to = point
            previous = point
            while nextIdle < idleChanges.count, idleChanges[nextIdle].at <= from {
                idleDepth[idleChanges[nextIdle].kind] += idleChanges[nextIdle].delta
                nextIdle += 1
            }
            while nextAct < acts.count, acts[nextAct].start <= from {
                heap.push(acts[nextAct].interval)
                nextAct += 1
            }
            let length = to - from
            if idleDepth[Kind.discard.rawValue] > 0 { continue }
            if idleDepth[Kind.workAway.rawValue] > 0 {
                rollup.workAway += length
                rollup.active += length
                rollup.markActive(from, to)
                continue
            }
            if idleDepth[Kind.idle.rawValue] > 0 {
                rollup.idle += length
                continue
            }
            while let top = heap.top, top.end <= from { heap.pop() }
            guard let winner = heap.top else { continue }
            rollup.active += length
            rollup.markActive(from, to)
            switch winner.category {
            case .productive: rollup.productive += length
            case .neutral: rollup.neutral += length
            case .unproductive: rollup.unproductive += length
            case .uncategorized: rollup.uncategorized += length
            }
            rollup.apps[HourRollup.AppKey(app: winner.app, category: winner.category), default: 0] += length
        }
        return rollup
    }
}

extension HourRollup {
    mutating func cover(until end: Int64) {
        coveredUntil = max(coveredUntil ?? end, end)
    }

    mutating func markActive(_ from: Int64, _ to: Int64) {
        firstActive = min(firstActive ?? from, from)
        lastActive = max(lastActive ?? to, to)
    }
}

/// A binary max-heap of activity intervals ordered by (start, tieBreaker): the top is the latest focus change.
struct ActivityHeap {
    private var items: [ActivityInterval] = []

    var top: ActivityInterval? { items.first }

    private static func above(_ a: ActivityInterval, _ b: ActivityInterval) -> Bool {
        (a.start, a.tieBreaker) > (b.start, b.tieBreaker)
    }

    mutating func push(_ item: ActivityInterval) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.above(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() {
        guard !items.isEmpty else { return }
        items.swapAt(0, items.count - 1)
        items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var best = parent
            if left < items.count, Self.above(items[left], items[best]) { best = left }
            if right < items.count, Self.above(items[right], items[best]) { best = right }
            if best == parent { return }
            items.swapAt(parent, best)
            parent = best
        }
    }
}

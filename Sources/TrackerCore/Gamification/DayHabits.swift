/// Healthy habits read from the shape of a day — events and idle reports, not hourly totals: focus blocks and
/// healthy breaks. Pure; times in epoch milliseconds.
public enum DayHabits {
    /// What an activity event counted as (its productivity category under the rules).
    public struct ActivitySpan: Sendable, Equatable {
        public var start: Int64
        public var end: Int64
        public var category: ProductivityCategory
        public init(start: Int64, end: Int64, category: ProductivityCategory) {
            self.start = start
            self.end = end
            self.category = category
        }
    }

    /// An idle report, with what the person said it was (nil: not classified, a break).
    public struct IdleSpan: Sendable, Equatable {
        public var start: Int64
        public var end: Int64
        public var classification: IdleClassification?
        public init(start: Int64, end: Int64, classification: IdleClassification?) {
            self.start = start
            self.end = end
            self.classification = classification
        }
    }

    public struct Stretch: Sendable, Equatable, Codable {
        public var start: Int64
        public var end: Int64
        public var length: Int64 { end - start }
        public init(start: Int64, end: Int64) {
            self.start = start
            self.end = end
        }
    }

    /// A focus block is at least this long…
    public static let focusMinimumMs: Int64 = 25 * 60_000
    /// …with no stretch of idle (a gap without activity, or reported idle) longer than this inside. Exactly this
    /// long is still continuous.
    public static let maxGapMs: Int64 = 2 * 60_000
    /// A break is healthy after at least this much continuous work…
    public static let longWorkMs: Int64 = 90 * 60_000
    /// …and when it lasts at least this long (and the person comes back the same day).
    public static let breakMinimumMs: Int64 = 5 * 60_000

    /// Stretches of continuous productive activity of at least 25 minutes: productive events with gaps of at most
    /// 2 minutes between them (neutral or uncategorised time counts as gap), ended by any unproductive event and by
    /// reported idle over 2 minutes (work away from the computer is not idle).
    public static func focusBlocks(activity: [ActivitySpan], idle: [IdleSpan]) -> [Stretch] {
        let relevant = activity.filter { $0.end > $0.start && ($0.category == .productive || $0.category == .unproductive) }
            .sorted { ($0.start, $0.category == .unproductive ? 0 : 1) < ($1.start, $1.category == .unproductive ? 0 : 1) }
        var runs: [Stretch] = []
        var current: Stretch?
        var blockedUntil = Int64.min
        for span in relevant {
            if span.category == .unproductive {
                if let run = current { runs.append(Stretch(start: run.start, end: min(run.end, span.start))) }
                current = nil
                blockedUntil = max(blockedUntil, span.end)
                continue
            }
            let start = max(span.start, blockedUntil)
            guard start < span.end else { continue }
            if let run = current, start - run.end <= maxGapMs {
                current = Stretch(start: run.start, end: max(run.end, span.end))
            } else {
                if let run = current { runs.append(run) }
                current = Stretch(start: start, end: span.end)
            }
        }
        if let run = current { runs.append(run) }
        return split(runs, by: breakers(idle)).filter { $0.length >= focusMinimumMs }
    }

    /// Breaks of at least 5 minutes taken after at least 90 minutes of continuous work (any activity, or work
    /// away from the computer, with gaps of at most 2 minutes), where the person came back to work afterwards.
    public static func healthyBreaks(activity: [ActivitySpan], idle: [IdleSpan]) -> [Stretch] {
        var spans = activity.filter { $0.end > $0.start }.map { Stretch(start: $0.start, end: $0.end) }
        spans += idle.filter { $0.classification == .workAway && $0.end > $0.start }.map { Stretch(start: $0.start, end: $0.end) }
        spans.sort { $0.start < $1.start }
        var runs: [Stretch] = []
        for span in spans {
            if let last = runs.last, span.start - last.end <= maxGapMs {
                runs[runs.count - 1].end = max(last.end, span.end)
            } else {
                runs.append(span)
            }
        }
        let work = split(runs, by: breakers(idle))
        var breaks: [Stretch] = []
        for (run, next) in zip(work, work.dropFirst()) where run.length >= longWorkMs && next.start - run.end >= breakMinimumMs {
            breaks.append(Stretch(start: run.end, end: next.start))
        }
        return breaks
    }

    /// Reported idle that ends continuity: longer than 2 minutes, and not work away from the computer.
    static func breakers(_ idle: [IdleSpan]) -> [Stretch] {
        idle.filter { $0.classification != .workAway && $0.end - $0.start > maxGapMs }
            .map { Stretch(start: $0.start, end: $0.end) }.sorted { $0.start < $1.start }
    }

    /// `runs` with every `breaker` cut out of them.
    static func split(_ runs: [Stretch], by breakers: [Stretch]) -> [Stretch] {
        guard !breakers.isEmpty else { return runs }
        var result: [Stretch] = []
        for run in runs {
            var start = run.start
            for breaker in breakers where breaker.end > start && breaker.start < run.end {
                if breaker.start > start { result.append(Stretch(start: start, end: breaker.start)) }
                start = max(start, breaker.end)
            }
            if start < run.end { result.append(Stretch(start: start, end: run.end)) }
        }
        return result
    }
}

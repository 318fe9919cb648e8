import Foundation
import TrackerCore

/// One person's day as an agent would report it: focus events (one per window switch) and the idle periods between
/// them (lunch, short breaks). Pure: the same persona, date and random stream give the same day.
struct DemoDay: Sendable {
    struct Event: Sendable, Equatable {
        var start: Date
        var seconds: Double
        var app: String
        var title: String
        var url: String?
    }

    struct Idle: Sendable, Equatable {
        var start: Date
        var end: Date
        var reason: String
    }

    var events: [Event] = []
    var idle: [Idle] = []
}

enum DemoDayPlanner {
    /// Mean time on one window before switching (seconds); sets how many events a day has (≈ 450 on a workday).
    static let meanFocusSeconds = 50.0

    /// Plans `date` (`YYYY-MM-DD`, the person's local day). Nothing at or after `until` is reported (today's day is
    /// cut at the present).
    static func plan(_ persona: DemoPersona, date: String, until: Date, random: inout SeededRandom) -> DemoDay {
        guard let zone = TimeZone(identifier: persona.timeZone), let midnight = localMidnight(date, zone) else { return DemoDay() }
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = zone
        let weekday = calendar.component(.weekday, from: midnight)   // 1 Sunday … 7 Saturday
        let weekend = weekday == 1 || weekday == 7
        // Days off: weekends for most; a few sick or holiday days for everyone.
        if weekend && !(persona.worksWeekends && weekday == 7 && random.chance(0.6)) { return DemoDay() }
        if !weekend && random.chance(0.03) { return DemoDay() }

        let startMinute = persona.startMinute + random.normal(mean: 0, sd: 12)
        let length = weekend ? 180 + 120 * random.unit() : persona.dayMinutes + random.normal(mean: 0, sd: 30)
        let start = midnight.addingTimeInterval(startMinute * 60)
        let end = start.addingTimeInterval(length * 60)

        // Blocks that interrupt focus work, in order: lunch and breaks are gaps (idle), meetings are one long event.
        var blocks: [(start: Date, end: Date, meeting: Bool)] = []
        var kept: [(start: Date, end: Date, meeting: Bool)] = []
        if !weekend {
            // Lunch around 12:20, late starters a little later; it is never given up for a meeting.
            let usual = midnight.addingTimeInterval((12 * 60 + 20 + random.normal(mean: 0, sd: 20)) * 60)
            let lunch = max(usual, start.addingTimeInterval(2.5 * 3600))
            if lunch < end.addingTimeInterval(-3600) {
                kept.append((lunch, lunch.addingTimeInterval((30 + 30 * random.unit()) * 60), false))
            }
            let meetings = Int(random.exponential(mean: persona.meetingsPerDay).rounded())
            for _ in 0..<min(meetings, 4) {
                let at = start.addingTimeInterval(random.unit() * (end.timeIntervalSince(start) - 3600))
                let minutes = random.pick([25.0, 30, 45, 60])
                blocks.append((at, at.addingTimeInterval(minutes * 60), true))
            }
        }
        for _ in 0..<(weekend ? 1 : 2 + Int(random.next() % 3)) {
            let at = start.addingTimeInterval(random.unit() * end.timeIntervalSince(start))
            blocks.append((at, at.addingTimeInterval((4 + 11 * random.unit()) * 60), false))
        }
        // A block overlapping one already kept (lunch first, then in order of time) is dropped.
        blocks.sort { $0.start < $1.start }
        for block in blocks where block.start >= start && block.end <= end {
            if kept.contains(where: { block.start < $0.end && $0.start < block.end }) { continue }
            kept.append(block)
        }
        kept.sort { $0.start < $1.start }

        var day = DemoDay()
        var cursor = start
        var nextBlock = 0
        func emit(_ event: DemoDay.Event) {
            guard event.start < until else { return }
            var event = event
            event.seconds = min(event.seconds, until.timeIntervalSince(event.start))
            day.events.append(event)
        }
        while cursor < end {
            if nextBlock < kept.count, cursor >= kept[nextBlock].start {
                let block = kept[nextBlock]
                nextBlock += 1
                if block.meeting {
                    let activity = persona.kind.meetingApp
                    emit(.init(start: cursor, seconds: block.end.timeIntervalSince(cursor), app: activity.app,
                               title: fill(random.pick(activity.titles), &random), url: activity.url.map { fill($0, &random) }))
                } else if block.start < until {
                    day.idle.append(.init(start: cursor, end: min(block.end, until), reason: random.chance(0.8) ? "afk" : "locked"))
                }
                cursor = block.end
                continue
            }
            let limit = nextBlock < kept.count ? min(kept[nextBlock].start, end) : end
            let seconds = min(max(3, random.exponential(mean: meanFocusSeconds)), 20 * 60, limit.timeIntervalSince(cursor))
            let activity = pickActivity(persona, &random)
            emit(.init(start: cursor, seconds: (seconds * 1000).rounded() / 1000, app: activity.app,
                       title: fill(random.pick(activity.titles), &random), url: activity.url.map { fill($0, &random) }))
            cursor = cursor.addingTimeInterval(seconds)
        }
        return day
    }

    static func pickActivity(_ persona: DemoPersona, _ random: inout SeededRandom) -> DemoCatalog.Activity {
        if random.chance(persona.focus) { return random.pick(weighted: persona.kind.work) }
        if random.chance(0.7) { return random.pick(weighted: DemoCatalog.common) }
        return random.pick(weighted: DemoCatalog.distractions)
    }

    /// Replaces each `#` with a small number, so titles vary the way real ones do.
    static func fill(_ pattern: String, _ random: inout SeededRandom) -> String {
        guard pattern.contains("#") else { return pattern }
        return pattern.split(separator: "#", omittingEmptySubsequences: false)
            .joined(separator: String(1 + random.next() % 400))
    }

    static func localMidnight(_ date: String, _ zone: TimeZone) -> Date? {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }
}

import Foundation
import TrackerCore

/// How one demo person works: when they start, how long they stay, how focused they are, whether they work
/// weekends. Drawn once per person from the seed.
struct DemoPersona: Sendable {
    var kind: DemoCatalog.TeamKind
    var timeZone: String
    /// Usual start, minutes after local midnight.
    var startMinute: Double
    /// Usual time from arrival to leaving, in minutes (lunch and breaks included).
    var dayMinutes: Double
    /// Share of non-meeting time spent on the team's work rather than chat, mail or distractions.
    var focus: Double
    var meetingsPerDay: Double
    var worksWeekends: Bool
    var lateStarter: Bool

    static func draw(kind: DemoCatalog.TeamKind, remote: Bool, random: inout SeededRandom) -> DemoPersona {
        let late = random.chance(0.12)
        let start = late ? random.normal(mean: 10 * 60 + 40, sd: 20) : random.normal(mean: 8 * 60 + 45, sd: 25)
        let focus = random.chance(0.1) ? 0.45 + 0.15 * random.unit() : 0.62 + 0.2 * random.unit()
        return DemoPersona(
            kind: kind,
            timeZone: remote ? random.pick(DemoCatalog.remoteZones) : kind.zone,
            startMinute: min(max(start, 6 * 60), 12 * 60),
            dayMinutes: min(max(random.normal(mean: 8.6 * 60, sd: 35), 6 * 60), 10.5 * 60),
            focus: focus,
            meetingsPerDay: kind.name == "Sales" ? 2.5 : (kind.name == "Finance" ? 1 : 1.6),
            worksWeekends: random.chance(0.06),
            lateStarter: late
        )
    }
}

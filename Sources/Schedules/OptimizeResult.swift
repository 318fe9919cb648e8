import Foundation
import ShiftPlanner
import TrackerCore

/// A finished job's plan, explaining itself: each shift the planner could change with its new and previous person,
/// each shift left open with the rule that blocks every candidate, each person's load and preferences met, and the
/// totals per constraint. `basedOn` holds every shift it read at its version (apply refuses when one changed).
public struct OptimizeResult: Codable, Sendable, Equatable {
    public struct Assignment: Codable, Sendable, Equatable {
        public var shiftId: String
        public var employeeId: String?
        public var previousEmployeeId: String?
        public var start: Date
        public var end: Date
    }

    public struct OpenShift: Codable, Sendable, Equatable {
        public var shiftId: String
        public var start: Date
        public var end: Date
        public var skillId: String?
        /// Rule → the people it blocks (`skill`, `unavailable`, `overlap`, `one_per_day`, `rest`, `weekly_hours`,
        /// `weekly_shifts`).
        public var blockedBy: [String: [String]]
    }

    public struct Person: Codable, Sendable, Equatable {
        public var employeeId: String
        public var shifts: Int
        public var hours: Double
        public var desiredHours: Double
        public var undesiredHours: Double
        /// Hours expected to be productive (shift hours × the person's productive share at those hours).
        public var productiveHours: Double
    }

    public struct Totals: Codable, Sendable, Equatable {
        public var requiredSkill: Int64
        public var overlapMinutes: Int64
        public var restMinutes: Int64
        public var oneShiftPerDay: Int64
        public var unavailableMinutes: Int64
        public var weeklyMinutesOver: Int64
        public var weeklyShiftsOver: Int64
        public var desiredMinutes: Int64
        public var undesiredMinutes: Int64
        public var productiveMinutes: Int64
        public var locationChanges: Int64
        public var changedShifts: Int
        public var unfairness: Double
        public var openShifts: Int
    }

    public var score: OptimizeJob.Score
    public var assignments: [Assignment]
    public var open: [OpenShift]
    public var people: [Person]
    public var totals: Totals
    public var basedOn: [String: Int64]

    init(_ loaded: OptimizeProblem, assignment: [Int]) {
        let problem = loaded.problem, explained = PlanExplanation(problem, assignment: assignment)
        func id(_ e: Int?) -> String? { e.flatMap { $0 >= 0 && $0 < problem.employees.count ? problem.employees[$0].id : nil } }
        score = OptimizeJob.Score(explained.score)
        assignments = loaded.movable.map { s in
            let record = loaded.records[s]
            return Assignment(shiftId: record.id, employeeId: id(assignment[s]), previousEmployeeId: record.employeeId,
                              start: Date(epochMillis: record.start), end: Date(epochMillis: record.end))
        }
        let movable = Set(loaded.movable)
        open = explained.open.filter { movable.contains($0.shift) }.map { o in
            let record = loaded.records[o.shift]
            var blocked: [String: [String]] = [:]
            for (blocker, people) in o.blockedBy { blocked[blocker.rawValue] = people.compactMap { id($0) }.sorted() }
            return OpenShift(shiftId: record.id, start: Date(epochMillis: record.start), end: Date(epochMillis: record.end),
                             skillId: record.skillId, blockedBy: blocked)
        }
        func hours(_ minutes: Int64) -> Double { (Double(minutes) / 60 * 100).rounded() / 100 }
        people = explained.people.enumerated().map { e, p in
            Person(employeeId: problem.employees[e].id, shifts: p.shifts, hours: hours(p.paidMinutes), desiredHours: hours(p.desiredMinutes),
                   undesiredHours: hours(p.undesiredMinutes), productiveHours: hours(p.productiveMinutes))
        }
        totals = Totals(requiredSkill: explained.requiredSkill, overlapMinutes: explained.overlapMinutes, restMinutes: explained.restMinutes,
                        oneShiftPerDay: explained.oneShiftPerDay, unavailableMinutes: explained.unavailableMinutes,
                        weeklyMinutesOver: explained.weeklyMinutesOver, weeklyShiftsOver: explained.weeklyShiftsOver,
                        desiredMinutes: explained.desiredMinutes, undesiredMinutes: explained.undesiredMinutes,
                        productiveMinutes: explained.productiveMinutes, locationChanges: explained.locationChanges,
                        changedShifts: explained.changedShifts, unfairness: (explained.unfairness * 1000).rounded() / 1000,
                        openShifts: open.count)
        basedOn = loaded.fingerprint
    }
}

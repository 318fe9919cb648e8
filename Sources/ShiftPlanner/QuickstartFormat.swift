import Foundation
import TrackerCore

/// The instance and solution files of Timefold's employee-scheduling quickstart, as `shared/scheduling/FORMAT.md`
/// defines them (the benchmark mode's input and output). Parsing only: the caller reads and writes the files.
public enum QuickstartFormat {
    struct Instance: Decodable {
        struct Employee: Decodable {
            let id: String
            let skills: [String]?
            let unavailableDates: [String]?
            let undesiredDates: [String]?
            let desiredDates: [String]?
        }
        struct Shift: Decodable {
            let id: String
            let start: String
            let end: String
            let requiredSkill: String
        }
        let name: String
        let employees: [Employee]
        let shifts: [Shift]
    }

    public struct FormatError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The instance's name and its problem.
    public static func problem(from data: Data) throws -> (name: String, problem: PlanningProblem) {
        let instance = try JSONDecoder().decode(Instance.self, from: data)
        func days(_ dates: [String]?, _ field: String) throws -> Set<Int64> {
            Set(try (dates ?? []).map { try day($0, field) })
        }
        let employees = try instance.employees.map { e in
            PlanningProblem.Employee(id: e.id, skills: Set(e.skills ?? []), unavailableDays: try days(e.unavailableDates, "unavailableDates"),
                                     undesiredDays: try days(e.undesiredDates, "undesiredDates"), desiredDays: try days(e.desiredDates, "desiredDates"))
        }
        let shifts = try instance.shifts.map { s in
            let start = try instant(s.start, "start"), end = try instant(s.end, "end")
            guard end > start else { throw FormatError(description: "shift \(s.id): end must be after start") }
            return PlanningProblem.Shift(id: s.id, start: start, end: end, requiredSkill: s.requiredSkill)
        }
        guard !employees.isEmpty || shifts.isEmpty else { throw FormatError(description: "shifts but no employees") }
        return (instance.name, PlanningProblem(employees: employees, shifts: shifts))
    }

    /// The solution file: every shift with its employee, the solver's own score and its improvement trace.
    public static func solution(instance: String, problem: PlanningProblem, result: Solver.Result, seconds: Double, solver: String) throws -> Data {
        let explanation = PlanExplanation(problem, assignment: result.assignment)
        var object: [String: Any] = [
            "instance": instance, "solver": solver, "seconds": seconds,
            "assignments": zip(problem.shifts, result.assignment).map { shift, e in
                ["shiftId": shift.id, "employeeId": e >= 0 ? problem.employees[e].id : NSNull()] as [String: Any]
            },
            "reportedScore": explanation.scoreText,
            "improvements": result.improvements.map { ["t": ($0.seconds * 1000).rounded() / 1000, "score": "\($0.score.hard)hard/\($0.score.soft)soft"] },
            "steps": result.steps,
        ]
        object["explanation"] = [
            "requiredSkill": explanation.requiredSkill, "noOverlappingShifts": explanation.overlapMinutes,
            "atLeast10HoursBetweenTwoShifts": explanation.restMinutes, "oneShiftPerDay": explanation.oneShiftPerDay,
            "unavailableEmployee": explanation.unavailableMinutes, "undesiredDayForEmployee": explanation.undesiredMinutes,
            "desiredDayForEmployee": explanation.desiredMinutes, "balance": explanation.unfairness,
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    /// `YYYY-MM-DD` → UTC day number.
    static func day(_ text: String, _ field: String) throws -> Int64 {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int64(parts[0]), let m = Int64(parts[1]), let d = Int64(parts[2]), (1...12).contains(m), (1...31).contains(d)
        else { throw FormatError(description: "\(field): \(text) is not a YYYY-MM-DD date") }
        return Int64(CivilDays.days(year: Int(y), month: Int(m), day: Int(d)))
    }

    /// RFC 3339 (`2026-03-02T06:00:00Z`, fractions and offsets allowed) → microseconds since 1970, UTC.
    static func instant(_ text: String, _ field: String) throws -> Int64 {
        let bad = FormatError(description: "\(field): \(text) is not an RFC 3339 time")
        let chars = Array(text.utf8)
        guard chars.count >= 20, chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: "t") else { throw bad }
        let date = try day(String(decoding: chars[0..<10], as: UTF8.self), field)
        func number(_ range: Range<Int>) throws -> Int64 {
            guard range.upperBound <= chars.count, let n = Int64(String(decoding: chars[range], as: UTF8.self)) else { throw bad }
            return n
        }
        let h = try number(11..<13), mi = try number(14..<16), sec = try number(17..<19)
        guard h < 24, mi < 60, sec < 61 else { throw bad }
        var index = 19, micros: Int64 = 0
        if index < chars.count, chars[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < chars.count, (48...57).contains(chars[index]) {
                if digits < 6 { micros = micros * 10 + Int64(chars[index] - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { throw bad }
            for _ in digits..<max(digits, 6) { micros *= 10 }
        }
        var offset: Int64 = 0
        guard index < chars.count else { throw bad }
        switch chars[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"): guard index + 1 == chars.count else { throw bad }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == chars.count else { throw bad }
            let sign: Int64 = chars[index] == UInt8(ascii: "+") ? 1 : -1
            offset = sign * (try number((index + 1)..<(index + 3)) * 60 + number((index + 4)..<(index + 6)))
        default: throw bad
        }
        return ((date * 86_400 + h * 3600 + mi * 60 + sec - offset * 60) * 1_000_000) + micros
    }
}

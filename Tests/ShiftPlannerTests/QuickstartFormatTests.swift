import Foundation
import Testing
@testable import ShiftPlanner

@Suite("Quickstart instance format")
struct QuickstartFormatTests {
    @Test("RFC 3339 times with fractions and offsets; dates; bad input is refused by name")
    func times() throws {
        #expect(try QuickstartFormat.instant("2026-03-02T06:00:00Z", "start") == (20_514 * 86_400 + 6 * 3600) * 1_000_000)
        #expect(try QuickstartFormat.instant("2026-03-02T07:00:00.5+01:00", "start") == (20_514 * 86_400 + 6 * 3600) * 1_000_000 + 500_000)
        #expect(try QuickstartFormat.day("1970-01-01", "d") == 0 && QuickstartFormat.day("1969-12-31", "d") == -1)
        for bad in ["2026-03-02 06:00:00Z", "2026-03-02T06:00:00", "2026-13-02T06:00:00Z", "2026-03-02T25:00:00Z", "2026-03-02T06:00:00.Z", "x"] {
            #expect(throws: QuickstartFormat.FormatError.self) { try QuickstartFormat.instant(bad, "start") }
        }
    }

    @Test("an instance reads into the problem and a solution writes every shift with the solver's score")
    func roundTrip() async throws {
        let json = """
            {"name":"tiny","employees":[{"id":"Ann","skills":["Nurse"],"unavailableDates":["2026-03-03"],"desiredDates":["2026-03-02"],"extra":1}],
             "shifts":[{"id":"0","start":"2026-03-02T06:00:00Z","end":"2026-03-02T14:00:00Z","location":"A","requiredSkill":"Nurse"}]}
            """
        let (name, problem) = try QuickstartFormat.problem(from: Data(json.utf8))
        #expect(name == "tiny" && problem.shifts.count == 1 && problem.employees[0].unavailableDays == [20_515])
        let result = await solved(problem, options: .init(steps: 10, threads: 1))
        let written = try JSONSerialization.jsonObject(with: QuickstartFormat.solution(instance: name, problem: problem, result: result, seconds: 1, solver: "test")) as? [String: Any]
        #expect((written?["assignments"] as? [[String: String]])?.first == ["shiftId": "0", "employeeId": "Ann"])
        #expect(written?["reportedScore"] as? String == "0hard/480soft")
        #expect(throws: QuickstartFormat.FormatError.self) {
            try QuickstartFormat.problem(from: Data(#"{"name":"x","employees":[],"shifts":[{"id":"0","start":"2026-03-02T06:00:00Z","end":"2026-03-02T06:00:00Z","requiredSkill":"N"}]}"#.utf8))
        }
    }
}

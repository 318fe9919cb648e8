import Foundation
import TestSupport
import Testing
import TrackerCore
import TrackerHTTP

/// `POST /api/system/maintenance`: analyze, vacuum and a full rollup rebuild run in the background with progress, on
/// both engines.
@Suite("Maintenance", .timeLimit(.minutes(3)))
struct MaintenanceTests {
    struct Task: Decodable {
        let id: String, kind: String, status: String, doneSteps: Int, totalSteps: Int, progress: Double
        let bytesBefore: Int64?, bytesAfter: Int64?, rebuildJobId: String?, error: String?
    }

    static func finished(_ f: IdentityFixture, _ id: String) async throws -> Task {
        for _ in 0..<600 {
            let task = try await f.api.decode(Task.self, .get, "/api/system/maintenance/\(id)", token: f.admin.accessToken)
            if task.status == "done" || task.status == "failed" { return task }
            try await _Concurrency.Task.sleep(for: .milliseconds(100))
        }
        Issue.record("maintenance task \(id) did not finish")
        throw CancellationError()
    }

    @Test("analyze gathers statistics for every table; vacuum gives space back; a rollup rebuild is followed to its end",
          arguments: TestEngine.available)
    func tasks(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings()).test { client in
            let f = try await IdentityFixture.make(client)
            let bad = try await f.api.call(.post, "/api/system/maintenance", token: f.admin.accessToken, json: jsonBody(["task": "defragment"]))
            #expect(bad.status == .badRequest && bad.text.contains("task"))
            #expect(try await f.api.call(.post, "/api/system/maintenance", token: f.managerA.accessToken,
                                         json: jsonBody(["task": "analyze"])).status == .forbidden)

            // A colleague's large activity, then their erasure: free pages for the vacuum to give back.
            let device = try await f.enrolDevice(for: f.otherEmployee)
            let start = Date().addingTimeInterval(-6 * 3600)
            for batch in 0..<4 {
                let events = (0..<500).map { i -> [String: Any] in
                    ["id": UUID().uuidString, "timestamp": RFC3339.format(start.addingTimeInterval(Double(batch * 500 + i) * 10)), "duration": 10,
                     "app": "App \(i % 7)", "title": "A long window title that takes room \(batch)-\(i) " + String(repeating: "x", count: 200)]
                }
                try await f.api.call(.post, "/api/activities", token: device, json: jsonBody(["events": events]))
            }
            #expect(try await f.api.call(.post, "/api/activities", token: f.deviceToken, json: jsonBody(["events": [[
                "id": UUID().uuidString, "timestamp": RFC3339.format(start), "duration": 600, "app": "Editor", "title": "kept"]]])).status == .ok)
            #expect(try await f.api.call(.post, "/api/system/erasures", token: f.admin.accessToken, json: jsonBody([
                "employeeId": f.otherEmployee.id, "confirm": f.otherEmployee.email, "reason": "make room"])).status == .ok)

            let analyze = try await f.api.decode(Task.self, .post, "/api/system/maintenance", token: f.admin.accessToken,
                                                 json: jsonBody(["task": "analyze"]), expect: .accepted)
            #expect(analyze.kind == "analyze" && (analyze.status == "queued" || analyze.status == "running"))
            let analyzed = try await Self.finished(f, analyze.id)
            #expect(analyzed.status == "done" && analyzed.totalSteps > 50 && analyzed.doneSteps == analyzed.totalSteps && analyzed.progress == 1)
            let withStats = try await waitUntil(timeout: .seconds(10)) {
                (Int(try await f.api.call(.get, "/test/analyzed").text) ?? 0) >= 10
            }
            #expect(withStats != nil, "ANALYZE left no statistics")

            let vacuum = try await f.api.decode(Task.self, .post, "/api/system/maintenance", token: f.admin.accessToken,
                                                json: jsonBody(["task": "vacuum"]), expect: .accepted)
            let vacuumed = try await Self.finished(f, vacuum.id)
            #expect(vacuumed.status == "done" && vacuumed.doneSteps == vacuumed.totalSteps, "\(vacuumed.error ?? "")")
            if engine == .sqlite {
                #expect((vacuumed.bytesAfter ?? .max) < (vacuumed.bytesBefore ?? 0), "VACUUM gave no space back")
            }

            let rebuild = try await f.api.decode(Task.self, .post, "/api/system/maintenance", token: f.admin.accessToken,
                                                 json: jsonBody(["task": "rebuild-rollups"]), expect: .accepted)
            let rebuilt = try await Self.finished(f, rebuild.id)
            #expect(rebuilt.status == "done" && rebuilt.totalSteps > 0 && rebuilt.doneSteps == rebuilt.totalSteps)
            let job = try #require(rebuilt.rebuildJobId)
            #expect(try await f.api.call(.get, "/api/cache/jobs/\(job)", token: f.admin.accessToken).text.contains("\"done\""))
            #expect(try await f.api.call(.get, "/test/org-rollup-drift").text.hasPrefix("0 of"))
            #expect(try await f.api.call(.get, "/test/org-app-drift").text.hasPrefix("0 of"))

            struct List: Decodable { let items: [Task] }
            let listed = try await f.api.decode(List.self, .get, "/api/system/maintenance", token: f.admin.accessToken).items
            #expect(listed.map(\.id) == [rebuild.id, vacuum.id, analyze.id])
        }
    }
}

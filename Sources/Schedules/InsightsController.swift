import Auth
import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `GET /api/schedule/insights?teamId=&from=&to=&format=json|csv&table=…` (demand from the team's templates), and
/// `POST` with `{"demand": [...]}` (demand given as data).
struct InsightsController {
    let insights: InsightsService

    enum Table: String, CaseIterable { case profiles, staffing, overtime, attendance, starts }
    struct Body: Decodable { var demand: [InsightsService.DemandInput]? }

    func addRoutes(to schedule: RouterGroup<AppRequestContext>) {
        schedule.get("insights") { request, context -> Response in
            try await answer(request, context, user: try context.requireManagerOrAdmin(), demand: nil)
        }
        schedule.post("insights") { request, context -> Response in
            let user = try context.requireManagerOrAdmin()
            let body = try await request.decodeJSON(as: Body.self, context: context)
            guard let demand = body.demand else { throw SimpleAppError.invalid("demand", "is required (or use GET for the team's templates)") }
            return try await answer(request, context, user: user, demand: demand)
        }
    }

    private func answer(_ request: Request, _ context: AppRequestContext, user: UserIdentity, demand: [InsightsService.DemandInput]?) async throws -> Response {
        let csv = try CSVDownload.wanted(request)
        guard let table = Table(rawValue: request.text("table") ?? "profiles") else {
            throw SimpleAppError.invalid("table", "must be one of " + Table.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let report = try await insights.report(teamID: request.text("teamId"), from: request.text("from"), to: request.text("to"),
                                               demand: demand, by: user)
        guard csv else { return try report.response(from: request, context: context) }
        return CSVDownload.response(Self.csv(report, table), filename: "insights-\(table.rawValue)-\(report.from)-\(report.to)")
    }

    static func csv(_ r: InsightsReport, _ table: Table) -> String {
        func n(_ x: Double) -> String { String(x) }
        switch table {
        case .profiles:
            var rows: [[String]] = []
            for p in [r.team] + r.people {
                for d in 0..<7 {
                    for h in 0..<24 {
                        rows.append([p.employeeId == nil ? "team" : "person", p.employeeId ?? r.teamId, Weekday.names[d], String(format: "%02d:00", h),
                                     n(p.activeHours[d][h]), n(p.productiveShare[d][h])])
                    }
                }
            }
            return CSV.document(header: ["scope", "id", "weekday", "hour", "active_hours", "productive_share"], rows: rows)
        case .staffing:
            return CSV.document(header: ["date", "hour", "location_id", "skill_id", "demand", "staffed", "gap"], rows: r.staffing.gaps.map {
                [$0.date, $0.hour, $0.locationId ?? "", $0.skillId ?? "", String($0.demand), String($0.staffed), String($0.gap)]
            })
        case .overtime:
            return CSV.document(header: ["employee_id", "week", "cap_hours", "scheduled_hours", "tracked_hours", "projected_hours", "share", "over"],
                                rows: r.overtimeRisk.map {
                [$0.employeeId, $0.week, n($0.capHours), n($0.scheduledHours), n($0.trackedHours), n($0.projectedHours), n($0.share), $0.over ? "true" : "false"]
            })
        case .attendance:
            return CSV.document(header: ["employee_id", "shifts", "late", "absent", "late_rate", "absent_rate", "average_late_minutes",
                                         "most_late_weekday", "chronic_lateness", "chronic_absence"], rows: r.attendance.map {
                [$0.employeeId, String($0.shifts), String($0.late), String($0.absent), n($0.lateRate), n($0.absentRate), n($0.averageLateMinutes),
                 $0.mostLateWeekday ?? "", $0.chronicLateness ? "true" : "false", $0.chronicAbsence ? "true" : "false"]
            })
        case .starts:
            return CSV.document(header: ["weekday", "start", "length_hours", "productive_share"], rows: r.suggestedStarts.map {
                [$0.weekday, $0.start, String($0.lengthHours), n($0.productiveShare)]
            })
        }
    }
}

extension InsightsReport: ResponseCodable {}

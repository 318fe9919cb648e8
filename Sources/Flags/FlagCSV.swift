import Foundation
import TrackerHTTP

/// The flag list as CSV: one row per flag with its evidence's numbers.
enum FlagCSV {
    static let header = ["id", "rule", "severity", "state", "employeeId", "teamId", "period", "periodFrom", "periodTo", "timeZone",
                         "observed", "baseline", "threshold", "unit", "summary", "assigneeId", "raisedAt", "updatedAt"]

    static func document(_ flags: [Flag]) -> String {
        CSV.document(header: header, rows: flags.map { flag in
            [flag.id, flag.rule.rawValue, flag.severity.rawValue, flag.state.rawValue, flag.employeeId, flag.teamId ?? "",
             flag.evidence.period.label, flag.evidence.period.from, flag.evidence.period.to, flag.evidence.period.timeZone,
             CSVDownload.number(flag.evidence.observed), CSVDownload.number(flag.evidence.baseline), CSVDownload.number(flag.evidence.threshold),
             flag.evidence.unit, flag.evidence.summary, flag.assigneeId ?? "", RFC3339.format(flag.raisedAt), RFC3339.format(flag.updatedAt)]
        })
    }
}

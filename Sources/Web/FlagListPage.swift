import Flags
import Foundation

/// A list of flags with the state filter: who, which rule, which period, how severe, where it stands, and the
/// one-sentence summary of its evidence.
struct FlagListPage {
    let title: String
    let flags: [Flag]
    let names: [String: String]
    let filter: FlagPages.StateFilter
    let next: String?
    let path: String
    let showPerson: Bool

    var body: HTML {
        let options = FormControls.options(FlagPages.StateFilter.choices, selected: filter.key)
        let rows = flags.map { flag -> HTML in
            let person: HTML = showPerson ? "<td>\(names[flag.employeeId] ?? "")</td>" : ""
            return """
            <tr data-flag="\(flag.id)">\(person)<td><a href="/flags/\(flag.id)">\(Self.ruleName(flag.rule))</a></td><td>\(flag.evidence.period.label)</td>
            <td><span class="badge \(flag.severity == .info ? "" : "open")">\(flag.severity.rawValue)</span></td><td>\(flag.state.rawValue)</td>
            <td>\(flag.evidence.summary)</td></tr>
            """
        }
        let more: HTML = next.map { "<p><a class=\"button secondary\" href=\"\(path)?\(DashboardPage.queryString([("state", filter.key), ("cursor", $0)]))\">Next page</a></p>" } ?? ""
        return """
        <h1>\(title)</h1>
        <form class="period" method="get" aria-label="Filter"><label>Show <select name="state">\(options)</select></label><button type="submit">Show</button></form>
        <section class="panel">\(flags.isEmpty ? "<p class=\"muted\">No flags here.</p>" : """
        <table><thead><tr>\(showPerson ? "<th>Person</th>" : "" as HTML)<th>Rule</th><th>Period</th><th>Severity</th><th>State</th><th>What happened</th></tr></thead>
        <tbody>\(rows)</tbody></table>
        """ as HTML)\(more)</section>
        """
    }

    static func ruleName(_ rule: FlagRule) -> String {
        switch rule {
        case .lowActivity: "Low activity"
        case .afterHours: "After hours"
        case .excessiveHours: "Excessive hours"
        case .unproductiveShare: "Unproductive share"
        case .lateStart: "Late start"
        case .earlyLeave: "Early leave"
        case .absent: "Absent"
        case .longIdle: "Long idle"
        case .agentSilent: "Agent silent"
        }
    }
}

import Flags
import Foundation

/// One flag: its evidence (the numbers, the days behind them), its history, the review steps a reviewer may take
/// from where it stands, and comments (the person it is about may comment too).
struct FlagDetailPage {
    let flag: Flag
    let names: [String: String]
    let csrf: String
    let mayReview: Bool

    var body: HTML {
        let evidence = flag.evidence
        let days = (evidence.days ?? []).map { "<tr><td>\($0.date)</td><td class=\"num\">\(Self.number($0.value)) \(evidence.unit)</td></tr>" as HTML }
        let history = (flag.history ?? []).map { event -> HTML in
            let who = event.actorId.map { names[$0] ?? "" } ?? "The evaluator"
            return "<li><span class=\"muted\">\(Formatting.moment(event.at, zone: .gmt)) UTC</span> · \(who): \(event.kind.rawValue.replacingOccurrences(of: "_", with: " "))\(event.note.map { " — \($0)" } ?? "")</li>"
        }
        return """
        <h1>\(FlagListPage.ruleName(flag.rule)) <span class="muted">· \(names[flag.employeeId] ?? "") · \(evidence.period.label)</span></h1>
        <p><span class="badge \(flag.severity == .info ? "" : "open")">\(flag.severity.rawValue)</span> <strong data-state>\(flag.state.rawValue)</strong>
        \(flag.assigneeId.map { " · assigned to \(names[$0] ?? "")" } ?? "")</p>
        <section class="panel" aria-labelledby="ev-h"><h2 id="ev-h">What happened</h2><p>\(evidence.summary)</p>
        <table><tbody><tr><td>Observed</td><td class="num">\(Self.number(evidence.observed)) \(evidence.unit)</td></tr>
        <tr><td>Threshold</td><td class="num">\(Self.number(evidence.threshold)) \(evidence.unit)</td></tr>
        \(evidence.baseline.map { "<tr><td>The person's usual</td><td class=\"num\">\(Self.number($0)) \(evidence.unit)</td></tr>" as HTML } ?? "")
        <tr><td>Period</td><td class="num">\(evidence.period.from) – \(evidence.period.to) (\(evidence.period.timeZone))</td></tr></tbody></table>
        \(days.isEmpty ? "" : "<details><summary>The days behind it</summary><table><tbody>\(days)</tbody></table></details>" as HTML)
        <p><a href="/dashboard/employee/\(flag.employeeId)?\(DashboardPage.queryString(dashboardQuery))">The person's dashboard for this \(flag.rule.period == .week ? "week" : "day")</a></p></section>
        \(mayReview ? review : "")
        <section class="panel" aria-labelledby="hist-h"><h2 id="hist-h">History</h2><ul>\(history)</ul>
        <form class="stack" method="post" action="/flags/\(flag.id)/comments">\(FormControls.csrf(csrf))
        <label>Comment <textarea name="text" rows="3" maxlength="4000" required></textarea></label><button type="submit">Add comment</button></form></section>
        """
    }

    /// The steps allowed from the current state (open → acknowledged → resolved | dismissed); dismissing needs a note.
    private var review: HTML {
        let steps: [(FlagService.Step, String)] = switch flag.state {
        case .open: [(.acknowledge, "Acknowledge"), (.resolve, "Resolve"), (.dismiss, "Dismiss")]
        case .acknowledged: [(.resolve, "Resolve"), (.dismiss, "Dismiss")]
        default: []
        }
        guard !steps.isEmpty else { return "" }
        let forms = steps.map { step, label -> HTML in
            """
            <form class="row" method="post" action="/flags/\(flag.id)/\(step.rawValue)">\(FormControls.csrf(csrf))
            <label>Note\(step == .dismiss ? " (required)" : "") <input name="note" maxlength="4000"\(step == .dismiss ? HTML(raw: " required") : "")></label>
            <button type="submit"\(step == .dismiss ? HTML(raw: " class=\"secondary\"") : "")>\(label)</button></form>
            """
        }
        return "<section class=\"panel\" aria-labelledby=\"rev-h\"><h2 id=\"rev-h\">Review</h2>\(forms)</section>"
    }

    /// The evidence's local start date (`2026-12-03T10:00:00-05:00` → `2026-12-03`) as a dashboard period.
    private var dashboardQuery: [(String, String)] {
        [("period", flag.rule.period == .week ? "week" : "day"), ("date", String(flag.evidence.period.from.prefix(10)))]
    }

    static func number(_ value: Double) -> String {
        value.rounded() == value ? String(Int(max(-1e15, min(value, 1e15)))) : String(format: "%.1f", value)
    }
}

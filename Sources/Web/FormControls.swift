/// Pieces every form repeats: the session's form token, a select's options, the period picker.
enum FormControls {
    /// The hidden field `WebCSRF` checks on every post.
    static func csrf(_ token: String) -> HTML { "<input type=\"hidden\" name=\"_csrf\" value=\"\(token)\">" }

    /// `<option>`s with `selected` on the one whose value is `selected`.
    static func options(_ items: [(value: String, label: String)], selected: String?) -> HTML {
        HTML.join(items.map { item -> HTML in
            "<option value=\"\(item.value)\"\(item.value == selected ? HTML(raw: " selected") : "")>\(item.label)</option>"
        })
    }

    /// Teams as options (value: id).
    static func teamOptions(_ teams: [(id: String, name: String)], selected: String?) -> HTML {
        options(teams.map { ($0.id, $0.name) }, selected: selected)
    }

    /// The period picker of the dashboards and the metrics table (the script shows "To" only for a custom range).
    static func periodPicker(_ query: DashboardPage.Query, from: String, to: String, hidden: HTML = "") -> HTML {
        let periods = ["day", "week", "month", "custom"].map { ($0, $0.capitalized) }
        return """
        <form class="period" method="get" aria-label="Period">\(hidden)
        <label>Period <select name="period">\(options(periods, selected: query.period))</select></label>
        <label>\(query.period == "custom" ? "From" : "Date") <input type="date" name="date" value="\(query.date ?? from)"></label>
        <label data-custom-only>To <input type="date" name="to" value="\(query.to ?? to)"></label>
        <button type="submit">Show</button>
        </form>
        """
    }
}

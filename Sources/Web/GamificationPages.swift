import Auth
import Foundation
import Gamification
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `/points`: one's own points, goal, streak and badges, and the leaderboards (teams always; people within a team
/// only where the organisation turned that on). When gamification is off the page says so instead of failing.
struct GamificationPages: Sendable {
    let shared: WebShared
    let gamification: GamificationService

    func addRoutes(to pages: RouterGroup<AppRequestContext>) {
        pages.get("points") { request, context -> Response in
            let viewer = try await shared.viewer(context)
            let q = request.uri.queryParameters
            guard let period = GamificationService.BoardPeriod(rawValue: q.nonEmpty("period") ?? "week") else {
                throw SimpleAppError.invalid("period", "must be week or month")
            }
            let mine: GamificationService.PersonView, board: GamificationService.Leaderboard
            do {
                mine = try await gamification.mine(by: viewer.user)
                board = try await gamification.leaderboard(period: period, date: q.nonEmpty("date"), by: viewer.user)
            } catch GamificationError.off {
                return shared.layout.page("Points", viewer: viewer, current: "/points", """
                <h1>Points</h1><p class="notice">Gamification is off for this organisation; an administrator can turn it on (<code>PUT /api/gamification/settings</code>).</p>
                """)
            }
            return shared.layout.page("Points", viewer: viewer, current: "/points", Self.body(mine, board, period: period, viewer: viewer))
        }
    }

    static func body(_ mine: GamificationService.PersonView, _ board: GamificationService.Leaderboard, period: GamificationService.BoardPeriod, viewer: WebViewer) -> HTML {
        let badges = mine.badges.map { "<li><strong>\($0.name)</strong> <span class=\"muted\">\($0.period), \($0.awardedOn)</span></li>" as HTML }
        let next = mine.next.prefix(6).map { badge -> HTML in
            let value = max(0, min(badge.value, badge.threshold))
            return """
            <li><strong>\(badge.name)</strong> — \(badge.description)<br><progress max="\(max(1, badge.threshold))" value="\(value)" aria-label="\(badge.name)">\(value)</progress>
            <span class="muted">\(badge.value) of \(badge.threshold)</span></li>
            """
        }
        let teams = board.teams.map { row -> HTML in
            "<tr\(row.teamId == viewer.user.teamID ? HTML(raw: " class=\"mine\"") : "")><td class=\"num\">\(row.rank)</td><td>\(row.name)</td><td class=\"num\">\(row.participants)</td><td class=\"num\">\(String(format: "%.1f", row.averagePoints))</td></tr>"
        }
        let people = board.individuals.map { team -> HTML in
            let name = board.teams.first { $0.teamId == team.teamId }?.name ?? "Team"
            let rows = team.people.map { "<tr><td class=\"num\">\($0.rank)</td><td>\($0.name)</td><td class=\"num\">\($0.points)</td></tr>" as HTML }
            return "<section class=\"panel\"><h2>\(name)</h2><table><thead><tr><th class=\"num\">#</th><th>Person</th><th class=\"num\">Points</th></tr></thead><tbody>\(rows)</tbody></table></section>"
        }
        let periods = FormControls.options([("week", "This week"), ("month", "This month")], selected: period.rawValue)
        return """
        <h1>Points</h1>
        \(mine.optedOut ? "<p class=\"notice\">You opted out: colleagues do not see you on any board.</p>" : "" as HTML)
        <div class="cards">
        <div class="card"><div class="label">Today</div><div class="value" data-points="today">\(mine.points.today)</div>
        <div class="muted">\(Formatting.duration(Double(mine.today.productiveMinutes) * 60)) productive of a \(Formatting.duration(Double(mine.goalMinutes) * 60)) goal\(mine.today.goalMet ? " — met" : "")</div></div>
        <div class="card"><div class="label">This week / month</div><div class="value" data-points="week">\(mine.points.week)</div><div class="muted">\(mine.points.month) this month</div></div>
        <div class="card"><div class="label">Streak</div><div class="value">\(mine.streak.current) days</div><div class="muted">longest \(mine.streak.longest)</div></div>
        </div>
        <div class="grid2">
        <section class="panel"><h2>My badges</h2>\(badges.isEmpty ? "<p class=\"muted\">None yet.</p>" : "<ul>\(badges)</ul>" as HTML)</section>
        <section class="panel"><h2>Next badges</h2>\(next.isEmpty ? "<p class=\"muted\">Nothing in reach.</p>" : "<ul>\(next)</ul>" as HTML)</section>
        </div>
        <form class="period" method="get" aria-label="Leaderboard period"><label>Leaderboard <select name="period">\(periods)</select></label><button type="submit">Show</button></form>
        <section class="panel"><h2>Teams · \(board.from) – \(board.to)</h2><table><thead><tr><th class="num">#</th><th>Team</th><th class="num">People</th>
        <th class="num">Average points</th></tr></thead><tbody>\(teams)</tbody></table></section>
        \(people)
        """
    }
}

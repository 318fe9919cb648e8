import Auth
import Foundation
import TrackerCore
import TrackerStore

/// Leaderboards by week or month: teams by their members' average points, always; people within a team only when
/// the organisation turned individual boards on, and only for those who may see that team (its members, its
/// managers, administrators). Whoever opted out is left out of both — their points do not even move an average.
extension GamificationService {
    public struct Leaderboard: Codable, Sendable {
        public struct TeamRow: Codable, Sendable {
            public var rank: Int
            public var teamId: String
            public var name: String
            public var participants: Int
            public var averagePoints: Double
        }
        public struct PersonRow: Codable, Sendable {
            public var rank: Int
            public var employeeId: String
            public var name: String
            public var points: Int
        }
        public struct TeamBoard: Codable, Sendable {
            public var teamId: String
            public var people: [PersonRow]
        }
        public var period: String
        public var from: String
        public var to: String
        public var teams: [TeamRow]
        /// Empty unless individual leaderboards are on.
        public var individuals: [TeamBoard]
    }

    public enum BoardPeriod: String, Sendable {
        case week, month
    }

    public func leaderboard(period: BoardPeriod, date: String?, by user: UserIdentity) async throws -> Leaderboard {
        let settings = try await requireEnabled()
        let organization = try await directory.organization()
        let zone = TimeZone(identifier: organization.timeZone) ?? .gmt
        let anchor = date ?? LocalPeriod.localDate(time.now, in: zone)
        let days = try LocalPeriod.make(kind: period == .week ? .week : .month, anchor: anchor, timeZone: zone, anchorField: "date").days
        guard let from = days.first?.date, let to = days.last?.date else { throw SimpleAppError.invalid("date", "is not a date") }
        let (points, optedOut) = try await database.withConnection { db in
            (try await GamificationStore.points(from: from, to: to, db), try await GamificationStore.optedOut(db))
        }
        let people = try await directory.activeEmployees(teamIDs: nil).filter { $0.teamId != nil && !optedOut.contains($0.id) }
        let byTeam = Dictionary(grouping: people, by: { $0.teamId ?? "" })
        let teams = try await directory.teams(ids: Set(byTeam.keys), includeArchived: false, after: nil, limit: 10_000)
        var teamRows = teams.compactMap { team -> Leaderboard.TeamRow? in
            guard let members = byTeam[team.id], !members.isEmpty else { return nil }
            let total = members.reduce(0) { $0 + (points[$1.id] ?? 0) }
            let average = (Double(total) / Double(members.count) * 10).rounded() / 10
            return .init(rank: 0, teamId: team.id, name: team.name, participants: members.count, averagePoints: average)
        }
        teamRows.sort { ($1.averagePoints, $0.name, $0.teamId) < ($0.averagePoints, $1.name, $1.teamId) }
        Self.rank(&teamRows, by: \.averagePoints)

        var boards: [Leaderboard.TeamBoard] = []
        if settings.individualLeaderboards {
            let visible: [String] = switch user.role {
            case .admin: teamRows.map(\.teamId)
            case .manager: teamRows.map(\.teamId).filter { user.managedTeams.contains($0) || $0 == user.teamID }
            case .employee: teamRows.map(\.teamId).filter { $0 == user.teamID }
            }
            for teamID in visible {
                var rows = (byTeam[teamID] ?? []).map { Leaderboard.PersonRow(rank: 0, employeeId: $0.id, name: $0.name, points: points[$0.id] ?? 0) }
                rows.sort { ($1.points, $0.name, $0.employeeId) < ($0.points, $1.name, $1.employeeId) }
                Self.rank(&rows, by: \.points)
                boards.append(.init(teamId: teamID, people: rows))
            }
        }
        return Leaderboard(period: period.rawValue, from: from, to: to, teams: teamRows, individuals: boards)
    }

    /// Competition ranking (1, 2, 2, 4) of rows already sorted best first.
    static func rank<Row, Value: Equatable>(_ rows: inout [Row], by value: KeyPath<Row, Value>) where Row: RankedRow {
        for index in rows.indices {
            rows[index].rank = index > 0 && rows[index][keyPath: value] == rows[index - 1][keyPath: value] ? rows[index - 1].rank : index + 1
        }
    }
}

protocol RankedRow { var rank: Int { get set } }
extension GamificationService.Leaderboard.TeamRow: RankedRow {}
extension GamificationService.Leaderboard.PersonRow: RankedRow {}

import Foundation
import SQLKit
import TrackerCore
import TrackerStore

/// `DirectoryRepository` over SQLKit; the same SQL on SQLite and PostgreSQL.
public struct SQLDirectoryRepository: DirectoryRepository {
    private let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    // MARK: organisation

    public func organization() async throws -> Organization {
        try await database.withConnection { db in
            guard let row = try await db.select().columns("name", "time_zone", "work_week", "public_ranking")
                .from("organization").where("id", .equal, 1).first()
            else { return Organization(name: "My organisation", timeZone: "UTC", workWeek: ["mon", "tue", "wed", "thu", "fri"], publicRanking: false) }
            return Organization(
                name: try row.decode(column: "name", as: String.self),
                timeZone: try row.decode(column: "time_zone", as: String.self),
                workWeek: try row.decode(column: "work_week", as: String.self).split(separator: ",").map(String.init),
                publicRanking: try row.decode(column: "public_ranking", as: Int.self) != 0
            )
        }
    }

    public func saveOrganization(_ organization: Organization, at: Date) async throws {
        try await database.withTransaction { db in
            try await db.update("organization")
                .set("name", to: organization.name)
                .set("time_zone", to: organization.timeZone)
                .set("work_week", to: organization.workWeek.joined(separator: ","))
                .set("public_ranking", to: organization.publicRanking ? 1 : 0)
                .set("updated_at", to: Int(at.timeIntervalSince1970))
                .where("id", .equal, 1)
                .run()
        }
    }

    // MARK: teams

    private static let teamColumns = ["id", "name", "name_key", "time_zone", "archived_at", "created_at", "updated_at"]

    public func team(id: String) async throws -> Team? {
        try await database.withConnection { db in
            guard let row = try await db.select().columns(Self.teamColumns).from("teams").where("id", .equal, id).first()
            else { return nil }
            let managers = try await Self.managers(of: [id], db: db)
            return try Self.team(row, managers: managers[id] ?? [])
        }
    }

    public func teams(ids: Set<String>?, includeArchived: Bool, after: [String]?, limit: Int) async throws -> [Team] {
        if let ids, ids.isEmpty { return [] }
        return try await database.withConnection { db in
            var query = db.select().columns(Self.teamColumns).from("teams")
            if let ids { query = query.where("id", .in, Array(ids)) }
            if !includeArchived { query = query.where("archived_at", .is, SQLLiteral.null) }
            if let after, after.count == 2 {
                query = query.where { group in
                    group.where("name_key", .greaterThan, after[0])
                        .orWhere { $0.where("name_key", .equal, after[0]).where("id", .greaterThan, after[1]) }
                }
            }
            let rows = try await query.orderBy("name_key").orderBy("id").limit(limit).all()
            let teamIDs = try rows.map { try $0.decode(column: "id", as: String.self) }
            let managers = try await Self.managers(of: teamIDs, db: db)
            return try rows.map { row in
                let id = try row.decode(column: "id", as: String.self)
                return try Self.team(row, managers: managers[id] ?? [])
            }
        }
    }

    public func insertTeam(_ team: Team) async throws {
        try await database.withTransaction { db in
            let taken = try await db.select().column("id").from("teams").where("name_key", .equal, Self.nameKey(team.name)).first()
            guard taken == nil else { throw DirectoryError.teamNameTaken }
            try await db.insert(into: "teams").columns(Self.teamColumns).values(
                SQLBind(team.id), SQLBind(team.name), SQLBind(Self.nameKey(team.name)), SQLBind(team.timeZone),
                SQLBind(team.archived ? Int(team.updatedAt.timeIntervalSince1970) : nil),
                SQLBind(Int(team.createdAt.timeIntervalSince1970)), SQLBind(Int(team.updatedAt.timeIntervalSince1970))
            ).run()
        }
    }

    public func updateTeam(_ team: Team) async throws {
        try await database.withTransaction { db in
            let taken = try await db.select().column("id").from("teams")
                .where("name_key", .equal, Self.nameKey(team.name)).where("id", .notEqual, team.id).first()
            guard taken == nil else { throw DirectoryError.teamNameTaken }
            try await db.update("teams")
                .set("name", to: team.name).set("name_key", to: Self.nameKey(team.name))
                .set("time_zone", to: team.timeZone)
                .set("archived_at", to: team.archived ? Int(team.updatedAt.timeIntervalSince1970) : nil)
                .set("updated_at", to: Int(team.updatedAt.timeIntervalSince1970))
                .where("id", .equal, team.id).run()
        }
    }

    public func setManagers(teamID: String, employeeIDs: [String]) async throws {
        try await database.withTransaction { db in
            try await db.delete(from: "team_managers").where("team_id", .equal, teamID).run()
            for employeeID in Set(employeeIDs) {
                try await db.insert(into: "team_managers").columns("team_id", "employee_id")
                    .values(SQLBind(teamID), SQLBind(employeeID)).run()
            }
        }
    }

    static func nameKey(_ name: String) -> String { name.lowercased() }

    private static func team(_ row: any SQLRow, managers: [String]) throws -> Team {
        Team(
            id: try row.decode(column: "id", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            timeZone: try row.decode(column: "time_zone", as: String?.self),
            archived: try row.decode(column: "archived_at", as: Int?.self) != nil,
            managerIds: managers.sorted(),
            createdAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "created_at", as: Int.self))),
            updatedAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "updated_at", as: Int.self)))
        )
    }

    private static func managers(of teamIDs: [String], db: any SQLDatabase) async throws -> [String: [String]] {
        guard !teamIDs.isEmpty else { return [:] }
        let rows = try await db.select().columns("team_id", "employee_id").from("team_managers")
            .where("team_id", .in, teamIDs).all()
        var result: [String: [String]] = [:]
        for row in rows {
            result[try row.decode(column: "team_id", as: String.self), default: []]
                .append(try row.decode(column: "employee_id", as: String.self))
        }
        return result
    }

    // MARK: employees

    private static let employeeColumns = [
        "id", "name", "email", "team_id", "role", "time_zone", "archived_at", "created_at", "updated_at",
    ]

    /// One round trip (this runs on every authenticated request): the person joined with their external ids and
    /// managed teams, one row per combination (a handful at most).
    public func employee(id: String) async throws -> Employee? {
        try await database.withConnection { db in
            let rows = try await db.raw("""
                SELECT \(unsafeRaw: Self.employeeColumns.map { "e.\($0)" }.joined(separator: ", ")),
                       x.system AS x_system, x.external_id AS x_id, m.team_id AS m_team
                FROM employees e
                LEFT JOIN employee_external_ids x ON x.employee_id = e.id
                LEFT JOIN team_managers m ON m.employee_id = e.id
                WHERE e.id = \(bind: id)
                """).all()
            guard let first = rows.first else { return nil }
            var external: [String: String] = [:]
            var managed: Set<String> = []
            for row in rows {
                if let system = try row.decode(column: "x_system", as: String?.self), let value = try row.decode(column: "x_id", as: String?.self) {
                    external[system] = value
                }
                if let team = try row.decode(column: "m_team", as: String?.self) { managed.insert(team) }
            }
            return try Self.employee(first, external: external, managed: Array(managed))
        }
    }

    public func credentials(email: String) async throws -> (employee: Employee, passwordHash: String?)? {
        try await database.withConnection { db in
            guard let row = try await db.select().columns(Self.employeeColumns + ["password_hash"]).from("employees")
                .where("email_key", .equal, FieldValidation.emailKey(email)).first()
            else { return nil }
            let employee = try await Self.employees([row], db: db)[0]
            return (employee, try row.decode(column: "password_hash", as: String?.self))
        }
    }

    public func passwordHash(employeeID: String) async throws -> String? {
        try await database.withConnection { db in
            try await db.select().column("password_hash").from("employees").where("id", .equal, employeeID).first()?
                .decode(column: "password_hash", as: String?.self)
        }
    }

    public func employees(teamIDs: Set<String>?, includeArchived: Bool, after: [String]?, limit: Int) async throws -> [Employee] {
        if let teamIDs, teamIDs.isEmpty { return [] }
        return try await database.withConnection { db in
            var query = db.select().columns(Self.employeeColumns).from("employees")
            if let teamIDs { query = query.where("team_id", .in, Array(teamIDs)) }
            if !includeArchived { query = query.where("archived_at", .is, SQLLiteral.null) }
            if let after, after.count == 2 {
                query = query.where { group in
                    group.where("email_key", .greaterThan, after[0])
                        .orWhere { $0.where("email_key", .equal, after[0]).where("id", .greaterThan, after[1]) }
                }
            }
            let rows = try await query.orderBy("email_key").orderBy("id").limit(limit).all()
            return try await Self.employees(rows, db: db)
        }
    }

    public func insertEmployee(_ employee: Employee, passwordHash: String?) async throws {
        try await database.withTransaction { db in
            try await Self.checkUnique(employee, db: db)
            try await db.insert(into: "employees")
                .columns(Self.employeeColumns + ["email_key", "password_hash"])
                .values(
                    SQLBind(employee.id), SQLBind(employee.name), SQLBind(employee.email), SQLBind(employee.teamId),
                    SQLBind(employee.role.rawValue), SQLBind(employee.timeZone),
                    SQLBind(employee.status == .archived ? Int(employee.updatedAt.timeIntervalSince1970) : nil),
                    SQLBind(Int(employee.createdAt.timeIntervalSince1970)), SQLBind(Int(employee.updatedAt.timeIntervalSince1970)),
                    SQLBind(FieldValidation.emailKey(employee.email)), SQLBind(passwordHash)
                ).run()
            try await Self.writeExternalIDs(employee, db: db)
            try await Self.recordMembership(employee.id, from: nil, to: employee.teamId, at: employee.createdAt, db: db)
        }
    }

    /// Team membership over time: the access log resolves a team view to the people in the team when it was read.
    static func recordMembership(_ employeeID: String, from old: String?, to new: String?, at: Date, db: any SQLDatabase) async throws {
        guard old != new else { return }
        let seconds = Int64(at.timeIntervalSince1970)
        if old != nil {
            try await db.update("team_membership_history").set("to_at", to: seconds)
                .where("employee_id", .equal, employeeID).where("to_at", .is, SQLLiteral.null).run()
        }
        if let new {
            try await db.insert(into: "team_membership_history").columns("employee_id", "team_id", "from_at", "to_at")
                .values(SQLBind(employeeID), SQLBind(new), SQLBind(seconds), SQLLiteral.null).run()
        }
    }

    public func updateEmployee(_ employee: Employee) async throws {
        try await database.withTransaction { db in
            try await Self.checkUnique(employee, db: db)
            let previousTeam = try await db.select().column("team_id").from("employees").where("id", .equal, employee.id).first()?
                .decode(column: "team_id", as: String?.self)
            try await Self.recordMembership(employee.id, from: previousTeam, to: employee.teamId, at: employee.updatedAt, db: db)
            try await db.update("employees")
                .set("name", to: employee.name).set("email", to: employee.email)
                .set("email_key", to: FieldValidation.emailKey(employee.email))
                .set("team_id", to: employee.teamId).set("role", to: employee.role.rawValue)
                .set("time_zone", to: employee.timeZone)
                .set("archived_at", to: employee.status == .archived ? Int(employee.updatedAt.timeIntervalSince1970) : nil)
                .set("updated_at", to: Int(employee.updatedAt.timeIntervalSince1970))
                .where("id", .equal, employee.id).run()
            try await db.delete(from: "employee_external_ids").where("employee_id", .equal, employee.id).run()
            try await Self.writeExternalIDs(employee, db: db)
            if employee.status == .archived {
                // Archiving ends every session and device token for good: setting the person active again must not
                // bring old tokens back (they sign in and enrol their agents anew).
                let at = Int(employee.updatedAt.timeIntervalSince1970)
                try await db.update("refresh_tokens").set("revoked_at", to: at)
                    .where("employee_id", .equal, employee.id).where("revoked_at", .is, SQLLiteral.null).run()
                try await db.update("devices").set("revoked_at", to: at)
                    .where("employee_id", .equal, employee.id).where("revoked_at", .is, SQLLiteral.null).run()
            }
            if employee.role != .manager {
                // Only managers manage teams; demoting removes the assignments.
                try await db.delete(from: "team_managers").where("employee_id", .equal, employee.id).run()
            }
        }
    }

    public func setPasswordHash(employeeID: String, hash: String, at: Date) async throws {
        try await database.withTransaction { db in
            try await db.update("employees").set("password_hash", to: hash)
                .set("updated_at", to: Int(at.timeIntervalSince1970))
                .where("id", .equal, employeeID).run()
        }
    }

    public func managedTeams(employeeID: String) async throws -> Set<String> {
        try await database.withConnection { db in
            let rows = try await db.select().column("team_id").from("team_managers").where("employee_id", .equal, employeeID).all()
            return Set(try rows.map { try $0.decode(column: "team_id", as: String.self) })
        }
    }

    public func effectiveTimeZone(employeeID: String) async throws -> String? {
        try await database.withConnection { db in
            guard let row = try await db.raw("""
                SELECT e.time_zone AS own, t.time_zone AS team, o.time_zone AS org
                FROM employees e LEFT JOIN teams t ON t.id = e.team_id LEFT JOIN organization o ON o.id = 1
                WHERE e.id = \(bind: employeeID)
                """).first() else { return nil }
            return try row.decode(column: "own", as: String?.self) ?? row.decode(column: "team", as: String?.self)
                ?? row.decode(column: "org", as: String?.self) ?? "UTC"
        }
    }

    public func activeAdminCount() async throws -> Int {
        try await activeCount(role: .admin)
    }

    public func activeEmployeeCount() async throws -> Int {
        try await activeCount(role: nil)
    }

    private func activeCount(role: Role?) async throws -> Int {
        try await database.withConnection { db in
            var query = db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("employees")
                .where("archived_at", .is, SQLLiteral.null)
            if let role { query = query.where("role", .equal, role.rawValue) }
            return try await query.first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    private static func checkUnique(_ employee: Employee, db: any SQLDatabase) async throws {
        let sameEmail = try await db.select().column("id").from("employees")
            .where("email_key", .equal, FieldValidation.emailKey(employee.email)).where("id", .notEqual, employee.id).first()
        guard sameEmail == nil else { throw DirectoryError.emailTaken }
        for (system, externalID) in employee.externalIds {
            let other = try await db.select().column("employee_id").from("employee_external_ids")
                .where("system", .equal, system).where("external_id", .equal, externalID)
                .where("employee_id", .notEqual, employee.id).first()
            guard other == nil else { throw DirectoryError.externalIdTaken(system: system) }
        }
    }

    private static func writeExternalIDs(_ employee: Employee, db: any SQLDatabase) async throws {
        for (system, externalID) in employee.externalIds.sorted(by: { $0.key < $1.key }) {
            try await db.insert(into: "employee_external_ids").columns("employee_id", "system", "external_id")
                .values(SQLBind(employee.id), SQLBind(system), SQLBind(externalID)).run()
        }
    }

    /// Rows → employees, with their external ids and managed teams fetched in two queries for the whole set.
    private static func employees(_ rows: [any SQLRow], db: any SQLDatabase) async throws -> [Employee] {
        let ids = try rows.map { try $0.decode(column: "id", as: String.self) }
        guard !ids.isEmpty else { return [] }
        var external: [String: [String: String]] = [:]
        for row in try await db.select().columns("employee_id", "system", "external_id").from("employee_external_ids")
            .where("employee_id", .in, ids).all() {
            external[try row.decode(column: "employee_id", as: String.self), default: [:]][try row.decode(column: "system", as: String.self)] =
                try row.decode(column: "external_id", as: String.self)
        }
        var managed: [String: [String]] = [:]
        for row in try await db.select().columns("employee_id", "team_id").from("team_managers")
            .where("employee_id", .in, ids).all() {
            managed[try row.decode(column: "employee_id", as: String.self), default: []].append(try row.decode(column: "team_id", as: String.self))
        }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: String.self)
            return try employee(row, external: external[id] ?? [:], managed: managed[id] ?? [])
        }
    }

    private static func employee(_ row: any SQLRow, external: [String: String], managed: [String]) throws -> Employee {
        Employee(
            id: try row.decode(column: "id", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            email: try row.decode(column: "email", as: String.self),
            teamId: try row.decode(column: "team_id", as: String?.self),
            role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .employee,
            timeZone: try row.decode(column: "time_zone", as: String?.self),
            status: try row.decode(column: "archived_at", as: Int?.self) == nil ? .active : .archived,
            externalIds: external,
            managedTeamIds: managed.sorted(),
            createdAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "created_at", as: Int.self))),
            updatedAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "updated_at", as: Int.self)))
        )
    }
}

/// Migration 7 (issue 9): the access log at bounded cost. One row per reader, resource, scope (a person, a team or
/// the organisation) and hour, counting the reads in it — an organisation dashboard over 10,000 people writes one
/// row, not 10,000. Who was in a team when it was viewed comes from the team-membership history, so a person
/// still sees exactly who looked at their data and when. Existing per-person entries are folded into the new shape.
enum AccessViewSchema {
    static let statements: [String] = [
        """
        CREATE TABLE access_views (
            id TEXT PRIMARY KEY,
            actor_id TEXT NOT NULL,
            resource TEXT NOT NULL,
            scope_type TEXT NOT NULL,
            scope_id TEXT NOT NULL,
            window_start BIGINT NOT NULL,
            first_at BIGINT NOT NULL,
            last_at BIGINT NOT NULL,
            reads INTEGER NOT NULL,
            UNIQUE (actor_id, resource, scope_type, scope_id, window_start)
        )
        """,
        "CREATE INDEX access_views_scope ON access_views(scope_type, scope_id, last_at)",
        "CREATE INDEX access_views_actor ON access_views(actor_id, last_at)",
        "CREATE INDEX access_views_last ON access_views(last_at)",
        """
        INSERT INTO access_views (id, actor_id, resource, scope_type, scope_id, window_start, first_at, last_at, reads)
        SELECT MIN(id), actor_id, resource, 'person', subject_id, (at / 3600) * 3600, MIN(at), MAX(at), COUNT(*)
        FROM access_log GROUP BY actor_id, resource, subject_id, (at / 3600) * 3600
        """,
        "DROP TABLE access_log",
        """
        CREATE TABLE team_membership_history (
            employee_id TEXT NOT NULL,
            team_id TEXT NOT NULL,
            from_at BIGINT NOT NULL,
            to_at BIGINT
        )
        """,
        "CREATE INDEX team_membership_history_employee ON team_membership_history(employee_id, team_id)",
        "INSERT INTO team_membership_history (employee_id, team_id, from_at, to_at) SELECT id, team_id, created_at, NULL FROM employees WHERE team_id IS NOT NULL",
    ]
}

/// Migration 13 (issue 13, flags): owned by Flags.
///
/// `flag_rules`: a rule's settings (enabled, severity, thresholds as JSON) for the organisation (`scope` =
/// `organization`) or one team (`scope` = the team id), which overrides the organisation's. `flags`: one per (rule,
/// person, period) — re-evaluation updates the row, never adds one; `period_key` is a local date, an ISO week
/// (`2026-W48`) or `shift:<id>`; `version` counts the flag's history entries. `flag_events`: the history (raised,
/// withdrawn, raised again, every review step, assignments, comments), `actor_id` null for the evaluator.
/// `flag_dirty`: person-days waiting for evaluation — a queue that survives restarts and is shared by instances
/// (a lease, not a transaction, while one evaluates; `generation` moves when a day is marked again meanwhile).
/// `flag_sweep`: how far the time-driven sweep has come. Fixed text: never edit once released.
enum FlagSchema {
    static let statements = [
        """
        CREATE TABLE flag_rules (
            scope TEXT NOT NULL,
            rule TEXT NOT NULL,
            settings TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (scope, rule)
        )
        """,
        """
        CREATE TABLE flags (
            id TEXT PRIMARY KEY,
            rule TEXT NOT NULL,
            employee_id TEXT NOT NULL,
            team_id TEXT,
            period_key TEXT NOT NULL,
            period_from BIGINT NOT NULL,
            period_to BIGINT NOT NULL,
            severity TEXT NOT NULL,
            state TEXT NOT NULL,
            evidence TEXT NOT NULL,
            assignee_id TEXT,
            raised_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            version BIGINT NOT NULL,
            UNIQUE (rule, employee_id, period_key)
        )
        """,
        "CREATE INDEX flags_by_period ON flags(period_from, id)",
        "CREATE INDEX flags_by_employee ON flags(employee_id, period_from)",
        "CREATE INDEX flags_by_team ON flags(team_id, period_from)",
        """
        CREATE TABLE flag_events (
            flag_id TEXT NOT NULL,
            version BIGINT NOT NULL,
            at_ms BIGINT NOT NULL,
            actor_id TEXT,
            kind TEXT NOT NULL,
            from_state TEXT,
            to_state TEXT,
            note TEXT,
            PRIMARY KEY (flag_id, version)
        )
        """,
        """
        CREATE TABLE flag_dirty (
            employee_id TEXT NOT NULL,
            day TEXT NOT NULL,
            generation BIGINT NOT NULL,
            lease_until BIGINT NOT NULL,
            PRIMARY KEY (employee_id, day)
        )
        """,
        "CREATE INDEX flag_dirty_by_lease ON flag_dirty(lease_until)",
        """
        CREATE TABLE flag_sweep (
            id TEXT PRIMARY KEY,
            swept_to BIGINT NOT NULL
        )
        """,
        "INSERT INTO flag_sweep (id, swept_to) VALUES ('flags', 0)",
    ]
}

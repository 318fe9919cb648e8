/// Organisation, teams, employees, devices, tokens and the access log (identity and access).
/// Times are epoch seconds; ids are UUID strings; `*_key` columns hold normalised values for case-insensitive
/// uniqueness (the same on both engines, no collation tricks).
enum IdentitySchema {
    static let statements: [String] = [
        """
        CREATE TABLE organization (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            time_zone TEXT NOT NULL,
            work_week TEXT NOT NULL,
            public_ranking INTEGER NOT NULL DEFAULT 0,
            updated_at BIGINT NOT NULL
        )
        """,
        "INSERT INTO organization (id, name, time_zone, work_week, public_ranking, updated_at) VALUES (1, 'My organisation', 'UTC', 'mon,tue,wed,thu,fri', 0, 0)",
        """
        CREATE TABLE teams (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            time_zone TEXT,
            archived_at BIGINT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE employees (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            email_key TEXT NOT NULL UNIQUE,
            team_id TEXT REFERENCES teams(id),
            role TEXT NOT NULL,
            time_zone TEXT,
            password_hash TEXT,
            archived_at BIGINT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX employees_team ON employees(team_id)",
        """
        CREATE TABLE team_managers (
            team_id TEXT NOT NULL REFERENCES teams(id),
            employee_id TEXT NOT NULL REFERENCES employees(id),
            PRIMARY KEY (team_id, employee_id)
        )
        """,
        "CREATE INDEX team_managers_employee ON team_managers(employee_id)",
        """
        CREATE TABLE employee_external_ids (
            employee_id TEXT NOT NULL REFERENCES employees(id),
            system TEXT NOT NULL,
            external_id TEXT NOT NULL,
            PRIMARY KEY (system, external_id)
        )
        """,
        "CREATE INDEX employee_external_ids_employee ON employee_external_ids(employee_id)",
        """
        CREATE TABLE devices (
            id TEXT PRIMARY KEY,
            employee_id TEXT NOT NULL REFERENCES employees(id),
            name TEXT NOT NULL,
            platform TEXT NOT NULL,
            secret_hash TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            last_seen_at BIGINT,
            revoked_at BIGINT
        )
        """,
        "CREATE INDEX devices_employee ON devices(employee_id)",
        """
        CREATE TABLE refresh_tokens (
            id TEXT PRIMARY KEY,
            family_id TEXT NOT NULL,
            employee_id TEXT NOT NULL REFERENCES employees(id),
            secret_hash TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            rotated_at BIGINT,
            revoked_at BIGINT
        )
        """,
        "CREATE INDEX refresh_tokens_family ON refresh_tokens(family_id)",
        "CREATE INDEX refresh_tokens_employee ON refresh_tokens(employee_id)",
        """
        CREATE TABLE password_reset_tokens (
            id TEXT PRIMARY KEY,
            employee_id TEXT NOT NULL REFERENCES employees(id),
            secret_hash TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            used_at BIGINT
        )
        """,
        """
        CREATE TABLE access_log (
            id TEXT PRIMARY KEY,
            actor_id TEXT NOT NULL,
            subject_id TEXT NOT NULL,
            resource TEXT NOT NULL,
            at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX access_log_subject ON access_log(subject_id, at)",
        "CREATE INDEX access_log_actor ON access_log(actor_id, at)",
        """
        CREATE TABLE login_throttle (
            key TEXT PRIMARY KEY,
            failures INTEGER NOT NULL,
            last_failure_at BIGINT NOT NULL,
            locked_until BIGINT
        )
        """,
    ]
}

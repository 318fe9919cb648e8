/// Activity events, idle periods, productivity rules, hourly rollups (the cache) and rebuild jobs.
/// Times are epoch milliseconds (`*_ms`) except where noted. `*_segments` index each event / idle period under
/// every UTC hour it touches, so recomputing one hour reads exactly the rows of that hour.
enum ActivitySchema {
    static let statements: [String] = [
        """
        CREATE TABLE activity_events (
            device_id TEXT NOT NULL,
            id TEXT NOT NULL,
            employee_id TEXT NOT NULL,
            start_ms BIGINT NOT NULL,
            end_ms BIGINT NOT NULL,
            app TEXT NOT NULL,
            title TEXT NOT NULL,
            url TEXT,
            received_at BIGINT NOT NULL,
            PRIMARY KEY (device_id, id)
        )
        """,
        "CREATE INDEX activity_events_employee ON activity_events(employee_id, start_ms)",
        "CREATE INDEX activity_events_device ON activity_events(device_id, start_ms)",
        """
        CREATE TABLE activity_segments (
            employee_id TEXT NOT NULL,
            hour_start BIGINT NOT NULL,
            device_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            PRIMARY KEY (device_id, event_id, hour_start)
        )
        """,
        "CREATE INDEX activity_segments_hour ON activity_segments(employee_id, hour_start)",
        """
        CREATE TABLE idle_periods (
            device_id TEXT NOT NULL,
            id TEXT NOT NULL,
            employee_id TEXT NOT NULL,
            start_ms BIGINT NOT NULL,
            end_ms BIGINT NOT NULL,
            reason TEXT NOT NULL,
            classification TEXT,
            note TEXT,
            note_private INTEGER NOT NULL DEFAULT 0,
            received_at BIGINT NOT NULL,
            PRIMARY KEY (device_id, id)
        )
        """,
        "CREATE INDEX idle_periods_employee ON idle_periods(employee_id, start_ms)",
        """
        CREATE TABLE idle_segments (
            employee_id TEXT NOT NULL,
            hour_start BIGINT NOT NULL,
            device_id TEXT NOT NULL,
            idle_id TEXT NOT NULL,
            PRIMARY KEY (device_id, idle_id, hour_start)
        )
        """,
        "CREATE INDEX idle_segments_hour ON idle_segments(employee_id, hour_start)",
        """
        CREATE TABLE productivity_rules (
            id TEXT PRIMARY KEY,
            team_id TEXT REFERENCES teams(id),
            field TEXT NOT NULL,
            match_kind TEXT NOT NULL,
            pattern TEXT NOT NULL,
            category TEXT NOT NULL,
            priority INTEGER NOT NULL,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE TABLE rules_version (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)",
        "INSERT INTO rules_version (id, version) VALUES (1, 0)",
        """
        CREATE TABLE hourly_rollups (
            employee_id TEXT NOT NULL,
            hour_start BIGINT NOT NULL,
            active_ms BIGINT NOT NULL,
            idle_ms BIGINT NOT NULL,
            work_away_ms BIGINT NOT NULL,
            productive_ms BIGINT NOT NULL,
            neutral_ms BIGINT NOT NULL,
            unproductive_ms BIGINT NOT NULL,
            uncategorized_ms BIGINT NOT NULL,
            first_active_ms BIGINT,
            last_active_ms BIGINT,
            rules_version BIGINT NOT NULL,
            PRIMARY KEY (employee_id, hour_start)
        )
        """,
        "CREATE INDEX hourly_rollups_hour ON hourly_rollups(hour_start)",
        """
        CREATE TABLE hourly_app_rollups (
            employee_id TEXT NOT NULL,
            hour_start BIGINT NOT NULL,
            app TEXT NOT NULL,
            category TEXT NOT NULL,
            ms BIGINT NOT NULL,
            PRIMARY KEY (employee_id, hour_start, app, category)
        )
        """,
        """
        CREATE TABLE rebuild_jobs (
            id TEXT PRIMARY KEY,
            employee_id TEXT,
            from_hour BIGINT NOT NULL,
            to_hour BIGINT NOT NULL,
            status TEXT NOT NULL,
            total_hours INTEGER NOT NULL DEFAULT 0,
            done_hours INTEGER NOT NULL DEFAULT 0,
            reason TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            started_at BIGINT,
            finished_at BIGINT,
            error TEXT
        )
        """,
        "CREATE INDEX rebuild_jobs_status ON rebuild_jobs(status, created_at)",
    ]
}

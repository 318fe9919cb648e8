/// Migration 10 (issue 11, schedules): locations, skills, people's scheduling profiles, time off, shifts, settings,
/// the notification outbox, shift templates, calendar-feed tokens and swap/drop requests. Instants are epoch
/// milliseconds (`*_ms`), bookkeeping times epoch seconds.
///
/// Every row that can come from another system (Connecteam) carries `source` (`local` for our own) and
/// `external_id`, unique per source, so an importer upserts by external id and never touches our own rows.
/// `shifts.version` is the optimistic-concurrency counter: every change bumps it, a stale update is refused.
/// Fixed text: never edit once released.
enum ScheduleSchema {
    /// The outbox is read in `seq` order (rows of one millisecond keep the order they were written in): an
    /// auto-numbered key, spelled per engine.
    static let sqlite = statements(sequenceColumn: "INTEGER PRIMARY KEY")
    static let postgres = statements(sequenceColumn: "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY")

    static func statements(sequenceColumn: String) -> [String] { [
        """
        CREATE TABLE schedule_locations (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            time_zone TEXT NOT NULL,
            address TEXT,
            source TEXT NOT NULL DEFAULT 'local',
            external_id TEXT,
            archived_at BIGINT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX schedule_locations_external ON schedule_locations(source, external_id)",
        """
        CREATE TABLE schedule_skills (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE employee_skills (
            employee_id TEXT NOT NULL REFERENCES employees(id),
            skill_id TEXT NOT NULL REFERENCES schedule_skills(id),
            PRIMARY KEY (employee_id, skill_id)
        )
        """,
        "CREATE INDEX employee_skills_skill ON employee_skills(skill_id)",
        """
        CREATE TABLE schedule_profiles (
            employee_id TEXT PRIMARY KEY REFERENCES employees(id),
            max_week_minutes INTEGER,
            max_week_shifts INTEGER,
            min_rest_minutes INTEGER,
            availability TEXT,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE schedule_day_preferences (
            employee_id TEXT NOT NULL REFERENCES employees(id),
            day TEXT NOT NULL,
            kind TEXT NOT NULL,
            PRIMARY KEY (employee_id, day)
        )
        """,
        """
        CREATE TABLE time_off (
            id TEXT PRIMARY KEY,
            employee_id TEXT NOT NULL REFERENCES employees(id),
            start_ms BIGINT NOT NULL,
            end_ms BIGINT NOT NULL,
            all_day INTEGER NOT NULL,
            first_day TEXT,
            last_day TEXT,
            kind TEXT NOT NULL,
            reason TEXT,
            status TEXT NOT NULL,
            decided_by TEXT,
            decided_at BIGINT,
            decision_note TEXT,
            source TEXT NOT NULL DEFAULT 'local',
            external_id TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX time_off_employee ON time_off(employee_id, start_ms)",
        "CREATE INDEX time_off_status ON time_off(status, start_ms)",
        "CREATE UNIQUE INDEX time_off_external ON time_off(source, external_id)",
        """
        CREATE TABLE shifts (
            id TEXT PRIMARY KEY,
            team_id TEXT NOT NULL REFERENCES teams(id),
            location_id TEXT REFERENCES schedule_locations(id),
            employee_id TEXT REFERENCES employees(id),
            start_ms BIGINT NOT NULL,
            end_ms BIGINT NOT NULL,
            skill_id TEXT REFERENCES schedule_skills(id),
            break_minutes INTEGER NOT NULL DEFAULT 0,
            notes TEXT,
            status TEXT NOT NULL,
            version BIGINT NOT NULL,
            template_id TEXT,
            source TEXT NOT NULL DEFAULT 'local',
            external_id TEXT,
            created_by TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX shifts_employee ON shifts(employee_id, start_ms)",
        "CREATE INDEX shifts_team ON shifts(team_id, start_ms)",
        "CREATE INDEX shifts_location ON shifts(location_id, start_ms)",
        "CREATE INDEX shifts_start ON shifts(start_ms)",
        "CREATE UNIQUE INDEX shifts_external ON shifts(source, external_id)",
        """
        CREATE TABLE schedule_settings (
            scope TEXT PRIMARY KEY,
            body TEXT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE schedule_outbox (
            seq \(sequenceColumn),
            id TEXT NOT NULL UNIQUE,
            created_ms BIGINT NOT NULL,
            event TEXT NOT NULL,
            team_id TEXT,
            shift_id TEXT,
            payload TEXT NOT NULL,
            delivered_at BIGINT
        )
        """,
        "CREATE INDEX schedule_outbox_pending ON schedule_outbox(delivered_at, seq)",
        """
        CREATE TABLE shift_templates (
            id TEXT PRIMARY KEY,
            team_id TEXT NOT NULL REFERENCES teams(id),
            name TEXT NOT NULL,
            location_id TEXT REFERENCES schedule_locations(id),
            skill_id TEXT REFERENCES schedule_skills(id),
            weekdays TEXT NOT NULL,
            start_time TEXT NOT NULL,
            duration_minutes INTEGER NOT NULL,
            break_minutes INTEGER NOT NULL DEFAULT 0,
            headcount INTEGER NOT NULL DEFAULT 1,
            archived_at BIGINT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX shift_templates_team ON shift_templates(team_id)",
        "CREATE INDEX shifts_template ON shifts(template_id, start_ms)",
        """
        CREATE TABLE calendar_tokens (
            employee_id TEXT PRIMARY KEY REFERENCES employees(id),
            token_hash TEXT NOT NULL UNIQUE,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE shift_requests (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            shift_id TEXT NOT NULL REFERENCES shifts(id) ON DELETE CASCADE,
            requester_id TEXT NOT NULL REFERENCES employees(id),
            target_employee_id TEXT REFERENCES employees(id),
            target_shift_id TEXT REFERENCES shifts(id) ON DELETE CASCADE,
            status TEXT NOT NULL,
            note TEXT,
            decided_by TEXT,
            decision_note TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX shift_requests_shift ON shift_requests(shift_id)",
        "CREATE INDEX shift_requests_requester ON shift_requests(requester_id, created_at)",
        "CREATE INDEX shift_requests_target ON shift_requests(target_employee_id, created_at)",
    ] }
}

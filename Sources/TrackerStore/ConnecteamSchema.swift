/// Migration 18 (issue 14, Connecteam): owned by Connecteam.
///
/// - `connecteam_settings`: one row — the API key (stored, never returned), base URL, which schedulers and time
///   clocks to sync, the window and interval, the team open shifts go to; the secret path token of our webhook URL
///   and the optional secret Connecteam signs webhook bodies with.
/// - `connecteam_lock`: one row leased by the instance running a sync, so only one runs at a time across instances
///   (a crashed holder's lease runs out).
/// - `connecteam_runs`: every sync — trigger, start and end, outcome, counts per kind, errors and retries seen.
/// - `connecteam_cursors`: how far an incremental kind got (users: the newest `modifiedAt` committed), moved only
///   after the page it covers committed.
/// - `connecteam_people`: what each Connecteam user is to us — matched (by id or email), unmatched or in conflict.
/// - `connecteam_clocked`: clocked time (time-clock shift activities), per activity, linked to our person; an
///   activity still clocked in has no end.
/// Fixed text: never edit once released.
enum ConnecteamSchema {
    static let statements = [
        """
        CREATE TABLE connecteam_settings (
            id INTEGER PRIMARY KEY,
            settings TEXT NOT NULL,
            api_key TEXT,
            webhook_token TEXT,
            webhook_secret TEXT,
            updated_by TEXT,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE TABLE connecteam_lock (id INTEGER PRIMARY KEY, holder TEXT, lease_until BIGINT NOT NULL)",
        "INSERT INTO connecteam_lock (id, holder, lease_until) VALUES (1, NULL, 0)",
        """
        CREATE TABLE connecteam_runs (
            id TEXT PRIMARY KEY,
            trigger TEXT NOT NULL,
            started_at BIGINT NOT NULL,
            finished_at BIGINT,
            status TEXT NOT NULL,
            counts TEXT NOT NULL,
            errors TEXT NOT NULL
        )
        """,
        "CREATE INDEX connecteam_runs_started ON connecteam_runs(started_at)",
        "CREATE TABLE connecteam_cursors (kind TEXT PRIMARY KEY, value BIGINT NOT NULL)",
        """
        CREATE TABLE connecteam_people (
            user_id BIGINT PRIMARY KEY,
            name TEXT NOT NULL,
            email TEXT,
            employee_id TEXT,
            state TEXT NOT NULL,
            detail TEXT,
            seen_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE connecteam_clocked (
            id TEXT PRIMARY KEY,
            time_clock_id BIGINT NOT NULL,
            user_id BIGINT NOT NULL,
            employee_id TEXT,
            start_ms BIGINT NOT NULL,
            end_ms BIGINT,
            scheduler_shift_id TEXT,
            job_id TEXT,
            modified_at BIGINT,
            synced_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX connecteam_clocked_person ON connecteam_clocked(employee_id, start_ms)",
        "CREATE INDEX connecteam_clocked_clock ON connecteam_clocked(time_clock_id, start_ms)",
    ]
}

/// Migration 15 (issue 13, gamification): owned by Gamification.
///
/// `gamification_settings`: one row — off by default; individual leaderboards off; the daily points cap and the
/// default daily goal (productive minutes). `gamification_members`: a person's choices (opted out; their own goal).
/// Derived, rebuilt from events, rollups and shifts at any time: `gamification_points` (the ledger: one row per
/// idempotent entry key of a person-day, earned before and points after the daily cap), `gamification_days` (each
/// person-day's totals, which streaks, badges and leaderboards read) and `gamification_badges` (one award per
/// badge and period). `gamification_dirty`: person-days waiting for evaluation (a leased queue, as `flag_dirty`).
/// Fixed text: never edit once released.
enum GamificationSchema {
    static let statements = [
        """
        CREATE TABLE gamification_settings (
            id INTEGER PRIMARY KEY,
            enabled INTEGER NOT NULL,
            individual_leaderboards INTEGER NOT NULL,
            daily_cap INTEGER NOT NULL,
            default_goal_minutes INTEGER NOT NULL,
            updated_by TEXT,
            updated_at BIGINT NOT NULL
        )
        """,
        "INSERT INTO gamification_settings (id, enabled, individual_leaderboards, daily_cap, default_goal_minutes, updated_at) VALUES (1, 0, 0, 60, 240, 0)",
        """
        CREATE TABLE gamification_members (
            employee_id TEXT PRIMARY KEY,
            opted_out INTEGER NOT NULL,
            goal_minutes INTEGER,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE gamification_points (
            employee_id TEXT NOT NULL,
            day TEXT NOT NULL,
            entry_key TEXT NOT NULL,
            kind TEXT NOT NULL,
            at_ms BIGINT NOT NULL,
            earned INTEGER NOT NULL,
            points INTEGER NOT NULL,
            detail TEXT NOT NULL,
            PRIMARY KEY (employee_id, entry_key)
        )
        """,
        "CREATE INDEX gamification_points_by_day ON gamification_points(employee_id, day, at_ms)",
        """
        CREATE TABLE gamification_days (
            employee_id TEXT NOT NULL,
            day TEXT NOT NULL,
            productive_ms BIGINT NOT NULL,
            goal_ms BIGINT NOT NULL,
            focus_blocks INTEGER NOT NULL,
            healthy_breaks INTEGER NOT NULL,
            on_time_starts INTEGER NOT NULL,
            points INTEGER NOT NULL,
            PRIMARY KEY (employee_id, day)
        )
        """,
        "CREATE INDEX gamification_days_by_day ON gamification_days(day, employee_id)",
        """
        CREATE TABLE gamification_badges (
            employee_id TEXT NOT NULL,
            badge_id TEXT NOT NULL,
            period TEXT NOT NULL,
            awarded_on TEXT NOT NULL,
            PRIMARY KEY (employee_id, badge_id, period)
        )
        """,
        """
        CREATE TABLE gamification_dirty (
            employee_id TEXT NOT NULL,
            day TEXT NOT NULL,
            generation BIGINT NOT NULL,
            lease_until BIGINT NOT NULL,
            PRIMARY KEY (employee_id, day)
        )
        """,
        "CREATE INDEX gamification_dirty_by_lease ON gamification_dirty(lease_until)",
    ]
}

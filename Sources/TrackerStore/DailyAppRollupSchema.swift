/// Time per app and category per person per UTC day, kept by delta with every hourly app rollup write. A 30-day
/// "top apps" reads about 30 daily rows per app instead of ~300 hourly ones: whole UTC days inside the range come
/// from here, the partial days at either end from the hourly rows.
enum DailyAppRollupSchema {
    static let statements: [String] = [
        """
        CREATE TABLE daily_app_rollups (
            employee_id TEXT NOT NULL,
            day_start BIGINT NOT NULL,
            app TEXT NOT NULL,
            category TEXT NOT NULL,
            ms BIGINT NOT NULL,
            PRIMARY KEY (employee_id, day_start, app, category)
        )
        """,
        """
        INSERT INTO daily_app_rollups (employee_id, day_start, app, category, ms)
        SELECT employee_id, (hour_start / 86400000) * 86400000, app, category, SUM(ms)
        FROM hourly_app_rollups GROUP BY employee_id, (hour_start / 86400000) * 86400000, app, category
        """,
    ]
}

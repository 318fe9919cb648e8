/// Organisation-wide time per app and category per UTC day, kept by delta with every daily app rollup change (the
/// same transaction), so the organisation's "top apps" reads a few dozen rows a day instead of every person's: on
/// 1,000 people a week's organisation dashboard summed ~100,000 rows (p99 104 ms, `scripts/bench web`).
/// `shard` is the first hex digit of the employee id, as in `org_hourly_rollups`.
enum OrganizationAppRollupSchema {
    static let statements: [String] = [
        """
        CREATE TABLE org_daily_app_rollups (
            day_start BIGINT NOT NULL,
            shard TEXT NOT NULL,
            app TEXT NOT NULL,
            category TEXT NOT NULL,
            ms BIGINT NOT NULL,
            PRIMARY KEY (day_start, shard, app, category)
        )
        """,
        // Existing rollups (databases created before this migration).
        """
        INSERT INTO org_daily_app_rollups (day_start, shard, app, category, ms)
        SELECT day_start, substr(employee_id, 1, 1), app, category, SUM(ms)
        FROM daily_app_rollups GROUP BY day_start, substr(employee_id, 1, 1), app, category
        """,
    ]
}

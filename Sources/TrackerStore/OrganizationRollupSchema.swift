/// Organisation-wide totals per UTC hour, kept by delta with every employee rollup write, so organisation figures
/// (team vs organisation, the organisation dashboard) cost the same whatever the organisation's size.
/// `shard` is the first hex digit of the employee id: concurrent writers for different people rarely update the
/// same row (PostgreSQL row locks), and readers sum at most 16 rows per hour.
public enum OrganizationRollupSchema {
    /// The additive measures, shared with the hourly rollups (same column names).
    public static let measures = ["active_ms", "idle_ms", "work_away_ms", "productive_ms", "neutral_ms", "unproductive_ms", "uncategorized_ms"]

    static let statements: [String] = [
        """
        CREATE TABLE org_hourly_rollups (
            hour_start BIGINT NOT NULL,
            shard TEXT NOT NULL,
            \(measures.map { "\($0) BIGINT NOT NULL" }.joined(separator: ",\n    "))
            , PRIMARY KEY (hour_start, shard)
        )
        """,
        // Existing rollups (databases created before this migration).
        """
        INSERT INTO org_hourly_rollups (hour_start, shard, \(measures.joined(separator: ", ")))
        SELECT hour_start, substr(employee_id, 1, 1), \(measures.map { "SUM(\($0))" }.joined(separator: ", "))
        FROM hourly_rollups GROUP BY hour_start, substr(employee_id, 1, 1)
        """,
    ]
}

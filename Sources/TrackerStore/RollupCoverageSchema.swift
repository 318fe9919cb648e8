/// Migration 8 (issue 10, fast heartbeat path): how far each employee-hour's raw data reaches
/// (`HourRollup.coveredUntil`). Rows written before it have NULL, which the delta path treats as unknown: the
/// first write to such an hour recomputes it from its raw rows and fills the column in.
enum RollupCoverageSchema {
    static let statements: [String] = [
        "ALTER TABLE hourly_rollups ADD COLUMN covered_until_ms BIGINT",
    ]
}

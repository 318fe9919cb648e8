/// Migration 11 (issue 11, attendance kept by delta): the change marks the rollup writer leaves for its consumers,
/// and attendance's materialised results (owned by Schedules) that those marks keep current.
///
/// `rollup_marks`: a person's time range whose rollups (or, for attendance, whose published shifts) changed since
/// the consumer last looked; `claimed` is set by a consumer inside its refresh transaction, so a mark written while
/// it works stays for the next refresh. `attendance_shifts`: presence around each published assigned shift that has
/// any (window = the shift widened by the arrival and overtime windows). `attendance_unscheduled`: hours with active
/// time that no published shift's window touches. `attendance_state`: the windows the rows were computed with — a
/// settings change (or the first read after this migration) rebuilds them. Fixed text: never edit once released.
enum AttendanceCacheSchema {
    /// SQLite keeps these tables as their key's B-tree (one lookup per row read, not an index and then the row).
    static let sqlite = statements(keyed: " WITHOUT ROWID")
    static let postgres = statements(keyed: "")

    static func statements(keyed storage: String) -> [String] { [
        """
        CREATE TABLE rollup_marks (
            consumer TEXT NOT NULL,
            employee_id TEXT NOT NULL,
            from_ms BIGINT NOT NULL,
            to_ms BIGINT NOT NULL,
            claimed INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (consumer, employee_id, from_ms, to_ms)
        )
        """ + storage,
        """
        CREATE TABLE attendance_shifts (
            shift_id TEXT PRIMARY KEY,
            employee_id TEXT NOT NULL,
            window_from BIGINT NOT NULL,
            window_to BIGINT NOT NULL,
            first_ms BIGINT,
            last_ms BIGINT,
            inside INTEGER NOT NULL,
            active_ms BIGINT NOT NULL
        )
        """ + storage,
        "CREATE INDEX attendance_shifts_employee ON attendance_shifts(employee_id, window_from)",
        """
        CREATE TABLE attendance_unscheduled (
            employee_id TEXT NOT NULL,
            hour_start BIGINT NOT NULL,
            active_ms BIGINT NOT NULL,
            PRIMARY KEY (employee_id, hour_start)
        )
        """ + storage,
        """
        CREATE TABLE attendance_state (
            id TEXT PRIMARY KEY,
            early_ms BIGINT NOT NULL,
            overtime_ms BIGINT NOT NULL,
            built_at BIGINT NOT NULL
        )
        """,
        "INSERT INTO attendance_state (id, early_ms, overtime_ms, built_at) VALUES ('attendance', -1, -1, 0)",
    ] }
}

/// Migration 12 (issue 12, the shift planner): optimisation jobs, owned by Schedules. A job is the request (scope,
/// range, time limit, weights as JSON), its state, the best score so far and, when done, the plan with its
/// explanation and the versions of the shifts it was computed from (apply refuses when one changed). `heartbeat_at`
/// is written by the instance running the job every few seconds; a running job whose heartbeat stopped was
/// interrupted (a restart, a crash) and is marked failed. Fixed text: never edit once released.
enum OptimizeSchema {
    static let statements = [
        """
        CREATE TABLE optimize_jobs (
            id TEXT PRIMARY KEY,
            requested_by TEXT NOT NULL,
            team_id TEXT,
            location_id TEXT,
            team_ids TEXT NOT NULL,
            from_ms BIGINT NOT NULL,
            to_ms BIGINT NOT NULL,
            request TEXT NOT NULL,
            status TEXT NOT NULL,
            cancel_requested INTEGER NOT NULL DEFAULT 0,
            best_hard BIGINT,
            best_medium BIGINT,
            best_soft DOUBLE PRECISION,
            steps BIGINT NOT NULL DEFAULT 0,
            result TEXT,
            error TEXT,
            created_at BIGINT NOT NULL,
            started_at BIGINT,
            heartbeat_at BIGINT,
            finished_at BIGINT
        )
        """,
        "CREATE INDEX optimize_jobs_status ON optimize_jobs(status, created_at)",
    ]
}

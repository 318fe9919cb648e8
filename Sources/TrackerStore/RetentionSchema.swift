/// Migration 17 (issue 14, retention and privacy).
///
/// - `purge_horizons` (Activities): per kind of raw data, the cutoff (epoch ms) before which a retention run has
///   deleted it. Rollups of those hours are kept, so no rebuild or reclassification may recompute an hour before it
///   (that would rebuild the hour from nothing and wipe the kept totals).
/// - `erasure_audit` (SystemControl): one row per erased person — who erased whom, when, why, and how many rows of
///   each kind went. It holds the erased person's id and nothing else of theirs, so it survives the erasure.
/// Fixed text: never edit once released.
enum RetentionSchema {
    static let statements = [
        "CREATE TABLE purge_horizons (what TEXT PRIMARY KEY, before_ms BIGINT NOT NULL)",
        """
        CREATE TABLE erasure_audit (
            id TEXT PRIMARY KEY,
            erased_at BIGINT NOT NULL,
            subject_id TEXT NOT NULL,
            actor_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            counts TEXT NOT NULL
        )
        """,
        "CREATE INDEX erasure_audit_at ON erasure_audit(erased_at)",
    ]
}

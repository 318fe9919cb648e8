import SQLKit
import TrackerCore

/// Where retention has deleted raw activity (events, idle periods) up to. Their rollups stay, so nothing may
/// recompute an hour that starts before the first whole hour after the horizon: it would be rebuilt from what is
/// left and lose the kept totals. Read inside the caller's transaction, so a purge that commits first is seen.
enum PurgeHorizon {
    static let activity = "activity"

    /// The first hour start (epoch ms) that may be recomputed from raw rows; 0 when nothing was ever purged.
    static func firstRecomputableHour(_ db: any SQLDatabase) async throws -> Int64 {
        let row = try await db.raw("SELECT before_ms FROM purge_horizons WHERE what = \(bind: activity)").first()
        guard let before = try row?.decode(column: "before_ms", as: Int64.self) else { return 0 }
        let floor = HourBucket.floor(before)
        return floor == before ? before : floor + HourBucket.millis
    }

    /// Moves the horizon to `cutoff` unless it is already later. Committed before anything is deleted.
    static func advance(_ db: any SQLDatabase, to cutoff: Int64) async throws {
        try await db.raw("""
            INSERT INTO purge_horizons (what, before_ms) VALUES (\(bind: activity), \(bind: cutoff))
            ON CONFLICT (what) DO UPDATE SET before_ms =
                CASE WHEN excluded.before_ms > purge_horizons.before_ms THEN excluded.before_ms ELSE purge_horizons.before_ms END
            """).run()
    }
}

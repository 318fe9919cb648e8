/// One kind of data that a retention run deletes once it is older than its period. The feature that owns the table
/// implements it; the retention service (SystemControl) knows no table, only these parts.
public protocol RetentionPart: Sendable {
    /// Its name in previews, run results and logs ("events", "idle periods", "idle notes", "access log").
    var name: String { get }
    /// How long it is kept, in days; 0 keeps it forever.
    var keepDays: Int { get }
    /// How many rows a purge at `cutoff` (epoch milliseconds) would remove now.
    func count(before cutoff: Int64) async throws -> Int
    /// Removes what ended at or before `cutoff` (epoch milliseconds), in bounded transactions so ingest keeps
    /// flowing; stops early when `shouldStop` says so (what is gone stays gone; the next run goes on). Returns how many.
    func purge(before cutoff: Int64, shouldStop: @Sendable () -> Bool) async throws -> Int
}

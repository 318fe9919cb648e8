import SQLKit
import TrackerCore

/// The client's event id as the event store keeps it: ids are UUIDs (`FieldValidation.id`), stored as their two
/// big-endian 64-bit halves — 16 bytes in the row and in the deduplication index instead of 36 characters.
/// Migration 9 converts old ids with the same layout.
enum ClientID {
    static func halves(_ id: String) -> (hi: Int64, lo: Int64)? {
        UUIDText.bits(id).map { (Int64(bitPattern: $0.hi), Int64(bitPattern: $0.lo)) }
    }

    /// The id in a row's `client_hi` / `client_lo` columns (nil for events without one: heartbeats).
    static func decode(_ row: any SQLRow) throws -> String? {
        guard let hi = try row.decode(column: "client_hi", as: Int64?.self),
              let lo = try row.decode(column: "client_lo", as: Int64?.self) else { return nil }
        return text(hi: hi, lo: lo)
    }

    /// The lowercase UUID text of stored halves.
    static func text(hi: Int64, lo: Int64) -> String {
        UUIDText.text(hi: UInt64(bitPattern: hi), lo: UInt64(bitPattern: lo))
    }
}

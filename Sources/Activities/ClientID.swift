import Foundation
import SQLKit

/// The client's event id as the event store keeps it: ids are UUIDs (`FieldValidation.id`), stored as their two
/// big-endian 64-bit halves — 16 bytes in the row and in the deduplication index instead of 36 characters.
/// Migration 9 converts old ids with the same layout.
enum ClientID {
    static func halves(_ id: String) -> (hi: Int64, lo: Int64)? {
        guard let uuid = UUID(uuidString: id) else { return nil }
        let b = uuid.uuid
        let hi = [b.0, b.1, b.2, b.3, b.4, b.5, b.6, b.7].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let lo = [b.8, b.9, b.10, b.11, b.12, b.13, b.14, b.15].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return (Int64(bitPattern: hi), Int64(bitPattern: lo))
    }

    /// The id in a row's `client_hi` / `client_lo` columns (nil for events without one: heartbeats).
    static func decode(_ row: any SQLRow) throws -> String? {
        guard let hi = try row.decode(column: "client_hi", as: Int64?.self),
              let lo = try row.decode(column: "client_lo", as: Int64?.self) else { return nil }
        return text(hi: hi, lo: lo)
    }

    /// The lowercase UUID text of stored halves.
    static func text(hi: Int64, lo: Int64) -> String {
        func bytes(_ value: Int64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: value) >> (56 - 8 * $0)) } }
        let b = bytes(hi) + bytes(lo)
        let uuid = UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
        return uuid.uuidString.lowercased()
    }
}

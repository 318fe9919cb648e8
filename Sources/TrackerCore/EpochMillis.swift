import Foundation

/// The server's time unit in storage and rollups: whole milliseconds since 1970.
extension Date {
    public var epochMillis: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
    public init(epochMillis: Int64) { self.init(timeIntervalSince1970: Double(epochMillis) / 1000) }
}

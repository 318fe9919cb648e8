import Foundation

public protocol DeviceRepository: Sendable {
    func insert(_ device: Device, secretHash: String) async throws
    func device(id: String) async throws -> Device?
    /// The device and its secret hash, for token checks.
    func credentials(id: String) async throws -> (device: Device, secretHash: String)?
    func devices(employeeID: String) async throws -> [Device]
    func revoke(id: String, at: Date) async throws
    func touch(id: String, at: Date) async throws
}

import Foundation

public protocol DeviceRepository: Sendable {
    func insert(_ device: Device, secretHash: String) async throws
    func device(id: String) async throws -> Device?
    /// The device, its secret hash and whether its owner is active (not archived), for token checks: one read,
    /// as it runs on every agent request.
    func credentials(id: String) async throws -> (device: Device, secretHash: String, ownerActive: Bool)?
    func devices(employeeID: String) async throws -> [Device]
    func revoke(id: String, at: Date) async throws
    func touch(id: String, at: Date) async throws
    /// Pauses (`at`, by whom) or resumes (nil) a device.
    func setPaused(id: String, at: Date?, by actor: String?) async throws
    /// What the agent last said about itself.
    func report(id: String, agentVersion: String?, appliedConfig: String?, at: Date) async throws
    /// People with a live device seen since `since`, with when: of `employeeIDs`, or (nil) everyone not archived.
    func lastSeen(since: Date, employeeIDs: [String]?) async throws -> [(employee: String, lastSeen: Date)]
}

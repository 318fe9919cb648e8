import Foundation
import TrackerCore

/// Creating the first administrator (and later ones) from the command line.
public struct AdminBootstrap: Sendable {
    private let directory: DirectoryService

    public init(directory: DirectoryService) {
        self.directory = directory
    }

    /// Creates an active administrator with a password; 409 when the email is taken.
    public func createAdmin(email: String, name: String, password: String) async throws -> Employee {
        try await directory.createEmployee(DirectoryService.NewEmployee(
            name: name, email: email, teamId: nil, role: .admin, timeZone: nil, password: password, externalIds: nil
        ))
    }
}

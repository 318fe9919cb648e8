import HummingbirdBcrypt
import NIOPosix

/// bcrypt off the cooperative thread pool: one hash at cost 12 takes a few hundred milliseconds of CPU, which
/// would otherwise stall every other request on the same executor thread.
public struct PasswordHasher: Sendable {
    public let cost: Int
    /// A real hash at this cost of a random string nobody knows (computed once, when the hasher is built).
    private let dummyHash: String

    public init(cost: Int) {
        precondition((4...31).contains(cost), "bcrypt cost must be 4...31")
        self.cost = cost
        self.dummyHash = Bcrypt.hash("no-account-\(UInt64.random(in: .min ... .max))", cost: UInt8(cost))
    }

    public func hash(_ password: String) async throws -> String {
        let cost = UInt8(self.cost)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Spends the same time as a real check when there is no account, so response time does not reveal
    /// whether an email exists.
    public func verifyAgainstDummy(_ password: String) async throws {
        _ = try await verify(password, hash: dummyHash)
    }
}

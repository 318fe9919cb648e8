import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing
import TrackerCore

/// Device-token checks are trusted for `deviceAuthCache` seconds per instance (an agent beats every second; a
/// database read per beat was avoidable). The bound that buys: a revocation or archiving made on one instance
/// takes effect there at once, and on another instance within the cache time — never later.
@Suite("Device-token cache")
struct DeviceAuthCacheTests {
    static let ttl: TimeInterval = 5

    @Test("revocation and archiving: at once where made, within the cache time elsewhere", arguments: TestEngine.available)
    func boundedStaleness(engine: TestEngine) async throws {
        let time = MutableTime(Date(timeIntervalSince1970: 1_790_035_200))
        let settings = try await engine.freshSettings()
        let key = Array("a-signing-key-shared-by-both-instances".utf8)
        let instances = (0..<2).map { _ in
            TestApp(settings: settings, time: time.source) {
                $0.auth = .init(signingKey: key)
                $0.auth.bcryptCost = 4
                $0.auth.deviceAuthCache = .seconds(Self.ttl)
            }
        }
        let second = instances[1]
        try await instances[0].test { clientA in
            try await second.test { clientB in
                let f = try await IdentityFixture.make(clientA)
                let b = APIClient(clientB)
                func config(_ api: APIClient, _ token: String) async throws -> HTTPResponse.Status {
                    try await api.call(.get, "/api/agent/config", token: token).status
                }
                // Revocation. Both instances have checked the token (and remember it).
                #expect(try await config(f.api, f.deviceToken) == .ok)
                #expect(try await config(b, f.deviceToken) == .ok)
                let revoke = try await f.api.call(.delete, "/api/employees/\(f.employee.id)/devices/\(f.deviceID)", token: f.admin.accessToken)
                #expect(revoke.status == .noContent || revoke.status == .ok)
                #expect(try await config(f.api, f.deviceToken) == .unauthorized, "the instance that revoked must refuse at once")
                #expect(try await config(b, f.deviceToken) == .ok, "the other instance trusts its check for the cache time")
                time.advance(by: Self.ttl - 0.5)
                #expect(try await config(b, f.deviceToken) == .ok)
                time.advance(by: 0.5)
                #expect(try await config(b, f.deviceToken) == .unauthorized, "refused once the cache time is over")

                // Archiving the owner, made on B this time.
                let token = try await f.enrolDevice(for: f.otherEmployee)
                #expect(try await config(f.api, token) == .ok)
                #expect(try await config(b, token) == .ok)
                let archive = try await b.call(.delete, "/api/employees/\(f.otherEmployee.id)", token: f.admin.accessToken)
                #expect(archive.status == .ok, "\(archive.text)")
                #expect(try await config(b, token) == .unauthorized)
                #expect(try await config(f.api, token) == .ok)
                time.advance(by: Self.ttl)
                #expect(try await config(f.api, token) == .unauthorized)

                // A wrong secret for a remembered device is refused (the secret is compared every time).
                let enrolled = try await f.enrolDevice(for: f.managerA)
                #expect(try await config(b, enrolled) == .ok)
                var forged = enrolled
                forged.removeLast()
                forged.append(enrolled.last == "A" ? "B" : "A")
                #expect(try await config(b, forged) == .unauthorized)
            }
        }
    }
}

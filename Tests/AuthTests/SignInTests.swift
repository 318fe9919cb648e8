import Foundation
import HummingbirdTesting
import Logging
import TestSupport
import Testing
import TrackerHTTP

@Suite("Sign-in, tokens and sessions")
struct SignInTests {
    struct Tokens: Decodable { let accessToken: String; let refreshToken: String; let expiresIn: Int }

    @Test("unknown email and wrong password give the same 401; employees cannot use the admin sign-in", arguments: TestEngine.available)
    func signInErrors(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings()).test { client in
            let f = try await IdentityFixture.make(client)
            let unknown = try await f.api.call(.post, "/api/employee/login", json: jsonBody(["email": "nobody@example.com", "password": "whatever-123"]))
            let wrong = try await f.api.call(.post, "/api/employee/login", json: jsonBody(["email": f.employee.email, "password": "whatever-123"]))
            #expect(unknown.status == .unauthorized && wrong.status == .unauthorized)
            #expect(unknown.text == wrong.text, "responses must not reveal whether the email exists")
            let asAdmin = try await f.api.call(.post, "/api/admin/login", json: jsonBody(["email": f.employee.email, "password": IdentityFixture.password]))
            #expect(asAdmin.status == .forbidden)
            #expect(try asAdmin.json(ErrorBody.self).error.code == "not_administrator")
            // Emails are case-insensitive.
            let upper = try await f.api.call(.post, "/api/employee/login", json: jsonBody(["email": f.employee.email.uppercased(), "password": IdentityFixture.password]))
            #expect(upper.status == .ok)
            let tokens = try upper.json(Tokens.self)
            #expect(tokens.expiresIn == 900)
        }
    }

    @Test("refresh rotates; reusing a spent refresh token revokes the whole session", arguments: TestEngine.available)
    func refreshRotation(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings()).test { client in
            let f = try await IdentityFixture.make(client)
            let first = f.employee.refreshToken
            let second = try await f.api.decode(Tokens.self, .post, "/api/auth/refresh", json: jsonBody(["refreshToken": first]))
            #expect(second.refreshToken != first)
            #expect(try await f.api.call(.get, "/api/me", token: second.accessToken).status == .ok)
            let third = try await f.api.decode(Tokens.self, .post, "/api/auth/refresh", json: jsonBody(["refreshToken": second.refreshToken]))

            let replay = try await f.api.call(.post, "/api/auth/refresh", json: jsonBody(["refreshToken": first]))
            #expect(replay.status == .unauthorized)
            #expect(try replay.json(ErrorBody.self).error.code == "token_reused")
            // The legitimate newest token of that family is dead too.
            let afterReuse = try await f.api.call(.post, "/api/auth/refresh", json: jsonBody(["refreshToken": third.refreshToken]))
            #expect(afterReuse.status == .unauthorized)
            // Another session of the same person is unaffected.
            let other = try await f.login(f.employee)
            #expect(try await f.api.call(.post, "/api/auth/refresh", json: jsonBody(["refreshToken": other.refreshToken])).status == .ok)
        }
    }

    @Test("logout revokes the session's refresh token", arguments: TestEngine.available)
    func logout(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings()).test { client in
            let f = try await IdentityFixture.make(client)
            let session = try await f.login(f.otherEmployee)
            #expect(try await f.api.call(.post, "/api/auth/logout", token: session.accessToken).status == .noContent)
            let refresh = try await f.api.call(.post, "/api/auth/refresh", json: jsonBody(["refreshToken": session.refreshToken]))
            #expect(refresh.status == .unauthorized)
            // Logging out with an explicit refresh token of another session ends that one.
            let a = try await f.login(f.otherEmployee)
            let b = try await f.login(f.otherEmployee)
            try await f.api.call(.post, "/api/auth/logout", token: a.accessToken, json: jsonBody(["refreshToken": b.refreshToken]))
            #expect(try await f.api.call(.post, "/api/auth/refresh", json: jsonBody(["refreshToken": b.refreshToken])).status == .unauthorized)
        }
    }

    @Test("tampered, malformed and expired access tokens are 401", arguments: TestEngine.available)
    func badTokens(engine: TestEngine) async throws {
        let time = MutableTime()
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            var tampered = Array(f.employee.accessToken)
            tampered[tampered.count - 3] = tampered[tampered.count - 3] == "A" ? "B" : "A"
            for token in [String(tampered), "not-a-token", "ptd_zz_zz", f.employee.refreshToken] {
                let response = try await f.api.call(.get, "/api/me", token: token)
                #expect(response.status == .unauthorized, "\(token.prefix(12))…")
            }
            let noScheme = try await client.execute(uri: "/api/me", method: .get, headers: [.authorization: f.employee.accessToken])
            #expect(noScheme.status == .unauthorized)
            time.advance(by: 16 * 60)
            let expired = try await f.api.call(.get, "/api/me", token: f.employee.accessToken)
            #expect(expired.status == .unauthorized)
            #expect(try expired.json(ErrorBody.self).error.code == "token_expired")
            // The refresh token still works and yields a fresh access token.
            let refreshed = try await f.api.decode(Tokens.self, .post, "/api/auth/refresh", json: jsonBody(["refreshToken": f.employee.refreshToken]))
            #expect(try await f.api.call(.get, "/api/me", token: refreshed.accessToken).status == .ok)
        }
    }

    @Test("an archived employee is refused at once, and so is a revoked device", arguments: TestEngine.available)
    func archivedAndRevoked(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings()).test { client in
            let f = try await IdentityFixture.make(client)
            #expect(try await f.api.call(.get, "/api/agent/config", token: f.deviceToken).status == .ok)
            try await f.api.call(.delete, "/api/me/devices/\(f.deviceID)", token: f.employee.accessToken)
            #expect(try await f.api.call(.get, "/api/agent/config", token: f.deviceToken).status == .unauthorized)

            #expect(try await f.api.call(.get, "/api/me", token: f.otherEmployee.accessToken).status == .ok)
            try await f.api.call(.delete, "/api/employees/\(f.otherEmployee.id)", token: f.admin.accessToken)
            #expect(try await f.api.call(.get, "/api/me", token: f.otherEmployee.accessToken).status == .unauthorized)
            let login = try await f.api.call(.post, "/api/employee/login", json: jsonBody(["email": f.otherEmployee.email, "password": IdentityFixture.password]))
            #expect(login.status == .unauthorized)
            #expect(try await f.api.call(.post, "/api/auth/refresh", json: jsonBody(["refreshToken": f.otherEmployee.refreshToken])).status == .unauthorized)
        }
    }

    @Test("repeated failures throttle with 429 + Retry-After per account; the lock expires; success resets", arguments: TestEngine.available)
    func throttling(engine: TestEngine) async throws {
        let time = MutableTime()
        try await TestApp(settings: try await engine.freshSettings(), time: time.source).test { client in
            let f = try await IdentityFixture.make(client)
            let wrong = jsonBody(["email": f.managerB.email, "password": "wrong-password-x"])
            let right = jsonBody(["email": f.managerB.email, "password": IdentityFixture.password])
            for _ in 0..<5 {
                #expect(try await f.api.call(.post, "/api/employee/login", json: wrong).status == .unauthorized)
            }
            let locked = try await f.api.call(.post, "/api/employee/login", json: right)
            #expect(locked.status == .tooManyRequests, "even the right password waits during a lock-out")
            let retryAfter = Int(locked.headers[.retryAfter] ?? "") ?? 0
            #expect(retryAfter > 0 && retryAfter <= 30)
            time.advance(by: 31)
            #expect(try await f.api.call(.post, "/api/employee/login", json: right).status == .ok)
            // Success reset the account's count: one more failure does not lock again.
            #expect(try await f.api.call(.post, "/api/employee/login", json: wrong).status == .unauthorized)
            #expect(try await f.api.call(.post, "/api/employee/login", json: right).status == .ok)

            // Per address: 20 failures spread over many unknown accounts lock the address for everyone on it.
            time.advance(by: 3600)
            for n in 0..<20 {
                _ = try await f.api.call(.post, "/api/employee/login", json: jsonBody(["email": "guess\(n)@example.com", "password": "wrong-password-x"]))
            }
            let addressLocked = try await f.api.call(.post, "/api/employee/login", json: jsonBody(["email": f.employee.email, "password": IdentityFixture.password]))
            #expect(addressLocked.status == .tooManyRequests)
        }
    }

    @Test("tokens and passwords never reach the logs")
    func noSecretsInLogs() async throws {
        let store = LogCapture()
        let logger = Logger(label: "capture") { _ in store.handler(level: .trace) }
        try await TestApp(settings: try await TestEngine.sqlite.freshSettings(), logger: logger).test { client in
            let f = try await IdentityFixture.make(client)
            try await f.api.call(.post, "/api/employee/login", json: jsonBody(["email": f.employee.email, "password": "wrong-password-x"]))
            try await f.api.call(.get, "/api/me", token: f.employee.accessToken + "x")
            try await f.api.call(.post, "/api/auth/refresh", json: jsonBody(["refreshToken": f.employee.refreshToken]))
            let text = store.text
            #expect(!text.isEmpty)
            for secret in [IdentityFixture.password, f.employee.accessToken, f.employee.refreshToken, f.deviceToken, "wrong-password-x"] {
                #expect(!text.contains(secret), "a secret reached the log")
            }
        }
    }
}

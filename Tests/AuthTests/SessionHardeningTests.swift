import Foundation
import Hummingbird
import HummingbirdTesting
import JWTKit
import Logging
import TestSupport
import Testing
import TrackerHTTP

@Suite("Throttling and sessions, hardened")
struct SessionHardeningTests {
    struct Tokens: Decodable { let accessToken: String; let refreshToken: String }

    @Test("50 concurrent wrong passwords: exactly the configured number are checked, the rest get 429", arguments: TestEngine.available)
    func concurrentThrottle(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings()).test { client in
            let f = try await IdentityFixture.make(client)
            let wrong = jsonBody(["email": f.managerB.email, "password": "wrong-password-x"])
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<50 { group.addTask { try await f.api.call(.post, "/api/employee/login", json: wrong).status } }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            // 401 means the password was checked. Under heavy load a sign-in may get 503 (the database's acquire
            // deadline) instead, before or after being counted; it is never checked then. So: never more than the
            // limit checked, exactly the limit when nothing was busy, and nothing but 401/429/503.
            let codes: [Int] = statuses.map { Int($0.code) }
            let allowed: Set<Int> = [401, 429, 503]
            let checked = codes.filter { $0 == 401 }.count, busy = codes.filter { $0 == 503 }.count
            #expect(codes.allSatisfy { allowed.contains($0) }, "\(codes)")
            #expect(checked <= 5, "checked \(checked) passwords with a limit of 5")
            if busy == 0 { #expect(checked == 5 && codes.filter { $0 == 429 }.count == 45, "\(codes)") }
            // Locked now, even for the right password.
            let right = try await f.api.call(.post, "/api/employee/login", json: jsonBody(["email": f.managerB.email, "password": IdentityFixture.password]))
            #expect(right.status == .tooManyRequests)
        }
    }

    @Test("after the address limit, a right password among 29 wrong ones in parallel is refused too", arguments: TestEngine.available)
    func addressLimitParallel(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings()).test { client in
            let f = try await IdentityFixture.make(client)
            for n in 0..<20 {
                _ = try await f.api.call(.post, "/api/employee/login", json: jsonBody(["email": "guess\(n)@example.com", "password": "wrong-password-x"]))
            }
            let statuses = try await withThrowingTaskGroup(of: (Bool, HTTPResponse.Status).self) { group in
                for n in 0..<30 {
                    let right = n == 17
                    let body = jsonBody(["email": f.employee.email, "password": right ? IdentityFixture.password : "wrong-password-x"])
                    group.addTask { (right, try await f.api.call(.post, "/api/employee/login", json: body).status) }
                }
                return try await group.reduce(into: [(Bool, HTTPResponse.Status)]()) { $0.append($1) }
            }
            // All refused (429), or at worst busy (503): none, in particular not the right password, was let in.
            #expect(statuses.allSatisfy { $0.1.code == 429 || $0.1.code == 503 }, "\(statuses)")
            #expect(statuses.contains { $0.1.code == 429 })
        }
    }

    @Test("logout, refresh-token reuse, password change and archiving end access tokens at once; archived then active revives nothing",
          arguments: TestEngine.available)
    func immediateRevocation(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings()).test { client in
            let f = try await IdentityFixture.make(client)
            // Logout.
            let a = try await f.login(f.otherEmployee)
            #expect(try await f.api.call(.get, "/api/me", token: a.accessToken).status == .ok)
            try await f.api.call(.post, "/api/auth/logout", token: a.accessToken)
            #expect(try await f.api.call(.get, "/api/me", token: a.accessToken).status == .unauthorized)
            // Reuse of a spent refresh token.
            let b = try await f.login(f.otherEmployee)
            _ = try await f.api.decode(Tokens.self, .post, "/api/auth/refresh", json: jsonBody(["refreshToken": b.refreshToken]))
            try await f.api.call(.post, "/api/auth/refresh", json: jsonBody(["refreshToken": b.refreshToken]))
            #expect(try await f.api.call(.get, "/api/me", token: b.accessToken).status == .unauthorized)
            // Password change ends every session.
            let c = try await f.login(f.otherEmployee)
            let d = try await f.login(f.otherEmployee)
            try await f.api.call(.post, "/api/me/password", token: c.accessToken,
                                 json: jsonBody(["currentPassword": IdentityFixture.password, "newPassword": "another-password-2"]))
            #expect(try await f.api.call(.get, "/api/me", token: d.accessToken).status == .unauthorized)
            // Archive, then set active again: old access, refresh and device tokens stay dead.
            let e = try await f.login(f.employee)
            try await f.api.call(.delete, "/api/employees/\(f.employee.id)", token: f.admin.accessToken)
            try await f.api.call(.patch, "/api/employees/\(f.employee.id)", token: f.admin.accessToken, json: jsonBody(["status": "active"]))
            #expect(try await f.api.call(.get, "/api/me", token: e.accessToken).status == .unauthorized)
            #expect(try await f.api.call(.post, "/api/auth/refresh", json: jsonBody(["refreshToken": e.refreshToken])).status == .unauthorized)
            #expect(try await f.api.call(.get, "/api/agent/config", token: f.deviceToken).status == .unauthorized)
            // A fresh sign-in works.
            let fresh = try await f.login(f.employee)
            #expect(try await f.api.call(.get, "/api/me", token: fresh.accessToken).status == .ok)
        }
    }

    @Test("an access token with a made-up session id is refused, though correctly signed", arguments: TestEngine.available)
    func madeUpSession(engine: TestEngine) async throws {
        let app = TestApp(settings: try await engine.freshSettings())
        try await app.test { client in
            let f = try await IdentityFixture.make(client)
            struct Claims: JWTPayload {
                var sub: SubjectClaim; var exp: ExpirationClaim; var iat: IssuedAtClaim; var sid: String?; var typ: String
                func verify(using algorithm: some JWTAlgorithm) async throws { try exp.verifyNotExpired() }
            }
            let keys = JWTKeyCollection()
            await keys.add(hmac: HMACKey(from: app.config.auth.signingKey.value), digestAlgorithm: .sha256)
            for sid in [UUID().uuidString.lowercased(), nil] {
                let forged = try await keys.sign(Claims(sub: .init(value: f.employee.id), exp: .init(value: Date().addingTimeInterval(600)),
                                                        iat: .init(value: Date()), sid: sid, typ: "access"))
                #expect(try await f.api.call(.get, "/api/me", token: forged).status == .unauthorized, "sid \(sid ?? "absent")")
            }
        }
    }

    @Test("passwords are limited to 72 bytes (bcrypt's input) rather than silently cut", arguments: [TestEngine.sqlite])
    func passwordBytes(engine: TestEngine) async throws {
        try await TestApp(settings: try await engine.freshSettings()).test { client in
            let f = try await IdentityFixture.make(client)
            let long = String(repeating: "p", count: 97)
            let created = try await f.api.call(.post, "/api/employees", token: f.admin.accessToken, json: jsonBody([
                "name": "Long", "email": "long@example.com", "password": long,
            ]))
            #expect(created.status == .badRequest)
            #expect(created.text.contains("72 bytes"))
            // 72 ASCII bytes are fine; 25 three-byte characters (75 bytes) are not.
            let exact = String(repeating: "q", count: 72)
            #expect(try await f.api.call(.post, "/api/employees", token: f.admin.accessToken, json: jsonBody([
                "name": "Exact", "email": "exact@example.com", "password": exact,
            ])).status == .created)
            #expect(try await f.api.call(.post, "/api/employees", token: f.admin.accessToken, json: jsonBody([
                "name": "Wide", "email": "wide@example.com", "password": String(repeating: "€", count: 25),
            ])).status == .badRequest)
            // Signing in with the 72 bytes plus anything is refused, not matched on the first 72.
            #expect(try await f.api.call(.post, "/api/employee/login", json: jsonBody(["email": "exact@example.com", "password": exact + "zzz"])).status == .unauthorized)
            #expect(try await f.api.call(.post, "/api/employee/login", json: jsonBody(["email": "exact@example.com", "password": exact])).status == .ok)
        }
    }

    @Test("failed sign-ins, lock-outs and refresh-token reuse are logged without secrets")
    func securityLog() async throws {
        let store = LogCapture()
        let logger = Logger(label: "capture") { _ in store.handler(level: .trace) }
        try await TestApp(settings: try await TestEngine.sqlite.freshSettings(), logger: logger).test { client in
            let f = try await IdentityFixture.make(client)
            for _ in 0..<5 {
                try await f.api.call(.post, "/api/employee/login", json: jsonBody(["email": f.employee.email, "password": "wrong-password-x"]))
            }
            _ = try await f.api.decode(Tokens.self, .post, "/api/auth/refresh", json: jsonBody(["refreshToken": f.managerA.refreshToken]))
            try await f.api.call(.post, "/api/auth/refresh", json: jsonBody(["refreshToken": f.managerA.refreshToken]))
            let text = store.text
            #expect(text.contains("sign-in failed"))
            #expect(text.contains("sign-in lock-out"))
            #expect(text.contains("refresh-token reuse"))
            for secret in ["wrong-password-x", f.managerA.refreshToken, IdentityFixture.password] {
                #expect(!text.contains(secret))
            }
        }
    }
}

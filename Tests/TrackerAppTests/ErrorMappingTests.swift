import Foundation
import HummingbirdTesting
import TestSupport
import Testing
import TrackerApp
import TrackerHTTP

@Suite("Error mapping")
struct ErrorMappingTests {
    @Test("unknown route → 404 JSON error body")
    func notFound() async throws {
        let app = TestApp(settings: try await TestEngine.sqlite.freshSettings())
        try await app.test { client in
            let response = try await client.execute(uri: "/no/such/route", method: .get)
            #expect(response.status == .notFound)
            #expect(try response.json(ErrorBody.self).error.code == "not_found")
        }
    }

    @Test("unknown error → 500 with a request id and no detail")
    func unknownError() async throws {
        let app = TestApp(settings: try await TestEngine.sqlite.freshSettings(), extraRoutes: TestRoutes.all)
        try await app.test { client in
            let response = try await client.execute(uri: "/test/boom", method: .get)
            #expect(response.status == .internalServerError)
            let body = try response.json(ErrorBody.self)
            #expect(body.error.code == "internal_error")
            #expect(body.error.requestId?.isEmpty == false)
            #expect(!response.text.contains("hunter2"))
            #expect(!response.text.contains("db.internal"))
        }
    }

    @Test("database error text never reaches the client", arguments: TestEngine.available)
    func databaseErrorHidden(engine: TestEngine) async throws {
        let app = TestApp(settings: try await engine.freshSettings(), extraRoutes: TestRoutes.all)
        try await app.test { client in
            let response = try await client.execute(uri: "/test/dberror", method: .get)
            #expect(response.status == .internalServerError)
            #expect(try response.json(ErrorBody.self).error.code == "internal_error")
            #expect(!response.text.contains("no_such_table_xyz"))
            // The pool is not poisoned by a failed query.
            #expect(try await client.execute(uri: "/test/db", method: .get).status == .ok)
        }
    }
}

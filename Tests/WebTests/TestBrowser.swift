import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport

/// A minimal browser over the test client: keeps cookies as a browser would (by name, removed on `Max-Age=0`),
/// sends forms, and finds a page's form token.
final class TestBrowser: @unchecked Sendable {
    struct Page {
        let status: Int
        let body: String
        let headers: HTTPFields
        var location: String? { headers[.location] }
        var setCookies: [String] { headers[values: .setCookie] }
    }

    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    var origin: String?

    init(_ client: any TestClientProtocol) { self.client = client }

    @discardableResult
    func get(_ path: String) async throws -> Page { try await send(.get, path, body: nil) }

    @discardableResult
    func post(_ path: String, form: [(String, String)]) async throws -> Page {
        let body = form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(.post, path, body: body)
    }

    func send(_ method: HTTPRequest.Method, _ path: String, body: String?) async throws -> Page {
        var headers = HTTPFields()
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        if let origin { headers[.origin] = origin }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if line.contains("Max-Age=0") || value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
        }
        return Page(status: Int(response.status.code), body: String(buffer: response.body), headers: response.headers)
    }

    func setCookie(_ name: String, _ value: String?) { cookies[name] = value }

    /// The first `_csrf` hidden field on the page.
    static func csrf(_ html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value=""#) else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    /// Signs in through the form; returns the landing page's location.
    @discardableResult
    func signIn(email: String, password: String, admin: Bool = false) async throws -> Page {
        let form = try await get("/sign-in")
        var fields = [("_csrf", Self.csrf(form.body) ?? ""), ("email", email), ("password", password), ("next", "/")]
        if admin { fields.append(("admin", "on")) }
        return try await post("/sign-in", form: fields)
    }

    /// The fixture's employee (team A), team A's manager and the administrator, each signed in in a browser of their own.
    static func signedIn(_ client: any TestClientProtocol, _ f: IdentityFixture) async throws -> (employee: TestBrowser, manager: TestBrowser, admin: TestBrowser) {
        let employee = TestBrowser(client), manager = TestBrowser(client), admin = TestBrowser(client)
        try await employee.signIn(email: f.employee.email, password: IdentityFixture.password)
        try await manager.signIn(email: f.managerA.email, password: IdentityFixture.password)
        try await admin.signIn(email: f.admin.email, password: IdentityFixture.password, admin: true)
        return (employee, manager, admin)
    }
}

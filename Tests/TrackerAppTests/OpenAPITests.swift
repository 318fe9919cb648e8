import Foundation
import HummingbirdTesting
import TestSupport
import Testing

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test("/openapi.json describes exactly the routes the router serves, each with responses and the error shape")
    func matchesRouter() async throws {
        try await TestApp(settings: try await TestEngine.sqlite.freshSettings()).test { client in
            let response = try await client.execute(uri: "/openapi.json", method: .get)
            #expect(response.status == .ok && response.headers[.contentType] == "application/json")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var described: Set<String> = []
            for (path, operations) in paths {
                for (method, operation) in operations {
                    described.insert("\(method.uppercased()) \(path)")
                    let responses = (operation as? [String: Any])?["responses"] as? [String: Any]
                    #expect(responses?["default"] != nil, "\(method) \(path) has no error response")
                }
            }
            let routed = Set(try await client.execute(uri: "/test/routes", method: .get).text.split(separator: "\n").map(String.init)
                .filter { !$0.contains(" /test/") })
            // What the document leaves out must be the web interface: outside /api, and HTML (or a page's asset, or a
            // redirect to the sign-in page) where it can be fetched without parameters.
            let pages = routed.subtracting(described)
            #expect(pages.allSatisfy { !$0.contains(" /api") && !$0.contains(" /health") && $0 != "GET /metrics" },
                    "API routes without a description: \(pages.filter { $0.contains(" /api") }.sorted())")
            for route in pages.sorted() where route.hasPrefix("GET ") && !route.contains("{") {
                let page = try await client.execute(uri: String(route.dropFirst(4)), method: .get)
                let type = page.headers[.contentType] ?? ""
                #expect(page.status == .seeOther || (page.status == .ok && (type.hasPrefix("text/html") || route.hasPrefix("GET /static/"))),
                        "\(route): \(page.status) \(type)")
            }
            #expect(described.subtracting(routed).isEmpty, "described but not routed: \(described.subtracting(routed).sorted())")
            #expect(routed.count > 50)
            // Every $ref points at a schema that exists.
            let schemas = ((document["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:]
            let text = String(buffer: response.body)
            let refs = text.components(separatedBy: "#/components/schemas/").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(!refs.isEmpty)
            for ref in refs { #expect(schemas[ref] != nil, "missing schema \(ref)") }
        }
    }
}

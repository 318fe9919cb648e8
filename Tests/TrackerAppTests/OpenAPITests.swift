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
            #expect(routed.subtracting(described).isEmpty, "routes without a description: \(routed.subtracting(described).sorted())")
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

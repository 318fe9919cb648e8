import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TrackerHTTP

/// JSON calls against the test client, with an optional bearer token.
public struct APIClient: Sendable {
    public let client: any TestClientProtocol

    public init(_ client: any TestClientProtocol) {
        self.client = client
    }

    @discardableResult
    public func call(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await client.execute(
            uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }
        )
    }

    /// Calls and decodes the JSON answer, failing with the body when the status is not `expect`.
    public func decode<T: Decodable>(
        _ type: T.Type, _ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: String? = nil,
        expect: HTTPResponse.Status = .ok
    ) async throws -> T {
        let response = try await call(method, path, token: token, json: json)
        guard response.status == expect else {
            throw UnexpectedStatus(status: response.status, body: response.text, path: path)
        }
        return try response.json(T.self)
    }

    public struct UnexpectedStatus: Error, CustomStringConvertible {
        public let status: HTTPResponse.Status
        public let body: String
        public let path: String
        public var description: String { "\(path): \(status.code) \(body)" }
    }
}

/// Encodes a dictionary literal as a JSON string for request bodies.
public func jsonBody(_ object: [String: Any]) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
}

@testable import AWCompat
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import TrackerCore

/// How a test authenticates on `/api/0`.
enum AWAuth {
    case bearer(String)
    case basicUser(String)
    case basicPassword(String)
    case none

    var header: String? {
        switch self {
        case .bearer(let token): "Bearer \(token)"
        case .basicUser(let token): "Basic " + Data("\(token):".utf8).base64EncodedString()
        case .basicPassword(let token): "Basic " + Data("x:\(token)".utf8).base64EncodedString()
        case .none: nil
        }
    }
}

extension TestClientProtocol {
    /// A call to `/api/0/…` with raw JSON text; returns status and body.
    @discardableResult
    func aw(_ method: HTTPRequest.Method, _ path: String, _ auth: AWAuth, body: String? = nil) async throws -> (status: Int, body: String) {
        var headers: HTTPFields = [:]
        if let header = auth.header { headers[.authorization] = header }
        if body != nil { headers[.contentType] = "application/json" }
        let response = try await execute(uri: "/api/0/\(path)", method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return (Int(response.status.code), response.text)
    }

    /// Like `aw`, but the body parsed as JSON, failing unless the status is `expect`.
    func awJSON(_ method: HTTPRequest.Method, _ path: String, _ auth: AWAuth, body: String? = nil, expect: Int = 200) async throws -> AWJSON {
        let (status, text) = try await aw(method, path, auth, body: body)
        guard status == expect else { throw AWUnexpected(description: "\(path): \(status) \(text)") }
        return try AWJSONParser.parse(text)
    }
}

/// aw-client's timestamp text of `date`.
func iso(_ date: Date) -> String { AWTime.format(date.epochMillis) }

func eventJSON(_ date: Date, seconds: Double, _ data: String) -> String {
    #"{"timestamp":"\#(iso(date))","duration":\#(seconds),"data":\#(data)}"#
}

func bucketJSON(type: String, client: String = "aw-watcher-test", hostname: String = "laptop") -> String {
    #"{"client":"\#(client)","type":"\#(type)","hostname":"\#(hostname)"}"#
}

struct AWUnexpected: Error, CustomStringConvertible {
    let description: String
}

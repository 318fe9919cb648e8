import Foundation
import Hummingbird
import TrackerCore

/// An `application/x-www-form-urlencoded` body, bounded: at most 64 KiB and 200 fields; a repeated name (a group of
/// checkboxes) reads as its first value, or all of them through `all`. Nothing here traps on what anyone sends.
struct FormBody: Sendable {
    static let maxBytes = 64 * 1_024
    static let maxFields = 200
    private var fields: [String: String] = [:]
    private var repeated: [String: [String]] = [:]

    init(fields: [String: String]) { self.fields = fields }

    init(_ text: String) throws {
        var count = 0
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            count += 1
            guard count <= Self.maxFields else { throw SimpleAppError.invalid("body", "has more than \(Self.maxFields) fields") }
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { throw SimpleAppError.invalid("body", "is not valid form encoding") }
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            guard let value else { throw SimpleAppError.invalid("body", "is not valid form encoding") }
            if fields[name] == nil { fields[name] = value }
            repeated[name, default: []].append(value)
        }
    }

    static func read(_ request: Request) async throws -> FormBody {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            throw SimpleAppError(.badRequest, code: "unsupported_media_type", message: "Send the form as application/x-www-form-urlencoded.")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBytes)
        } catch {
            throw SimpleAppError(.payloadTooLarge, code: "payload_too_large", message: "The form is larger than \(maxBytes / 1_024) KiB.")
        }
        return try FormBody(String(buffer: buffer))
    }

    subscript(_ name: String) -> String? { fields[name] }

    /// A field, with an empty one (an unfilled input) read as absent.
    func nonEmpty(_ name: String) -> String? { fields[name].flatMap { $0.isEmpty ? nil : $0 } }

    /// Every value sent under `name`, in order.
    func all(_ name: String) -> [String] { repeated[name] ?? [] }

    /// A required text field, trimmed, bounded, without NUL.
    func text(_ name: String, max: Int = 500) throws -> String {
        let value = (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw SimpleAppError.invalid(name, "is required") }
        guard value.count <= max else { throw SimpleAppError.invalid(name, "must be at most \(max) characters") }
        try FieldValidation.noNUL(value, field: name)
        return value
    }

    private static func decode(_ part: Substring) -> String? {
        String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

import Foundation

/// Validation of common fields. Each failure is a `400` naming the field.
public enum FieldValidation {
    public static let maxNameLength = 200
    public static let maxEmailLength = 254
    public static let passwordLength = 10...128

    /// Trims; 1…`maxLength` characters, no control characters.
    public static func text(_ value: String, field: String, maxLength: Int = maxNameLength) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw SimpleAppError.invalid(field, "must not be empty") }
        guard trimmed.count <= maxLength else { throw SimpleAppError.invalid(field, "must be at most \(maxLength) characters") }
        guard !trimmed.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
            throw SimpleAppError.invalid(field, "must not contain control characters")
        }
        return trimmed
    }

    /// A plausible address (one `@`, a dotted domain, no spaces); returns it trimmed.
    public static func email(_ value: String, field: String = "email") throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= maxEmailLength else { throw SimpleAppError.invalid(field, "must be at most \(maxEmailLength) characters") }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64,
              parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !trimmed.contains(where: { $0.isWhitespace || $0 == "," || $0 == "<" || $0 == ">" })
        else { throw SimpleAppError.invalid(field, "is not a valid email address") }
        return trimmed
    }

    /// The key that makes emails unique regardless of case.
    public static func emailKey(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// An IANA time-zone name known to this system.
    public static func timeZone(_ value: String, field: String = "timeZone") throws -> String {
        guard value.count <= 64, value.contains("/") || value == "UTC", TimeZone(identifier: value) != nil else {
            throw SimpleAppError.invalid(field, "must be an IANA time zone such as Europe/Berlin")
        }
        return value
    }

    /// Passwords: 10–128 characters (counted as Unicode characters), not only whitespace.
    public static func password(_ value: String, field: String = "password") throws -> String {
        guard passwordLength.contains(value.count) else {
            throw SimpleAppError.invalid(field, "must be \(passwordLength.lowerBound) to \(passwordLength.upperBound) characters")
        }
        guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw SimpleAppError.invalid(field, "must not be only spaces")
        }
        return value
    }

    /// A UUID string, normalised to lower case.
    public static func id(_ value: String, field: String) throws -> String {
        guard let uuid = UUID(uuidString: value) else { throw SimpleAppError.invalid(field, "must be a UUID") }
        return uuid.uuidString.lowercased()
    }
}

import Foundation

/// Validation of common fields. Each failure is a `400` naming the field.
public enum FieldValidation {
    public static let maxNameLength = 200
    public static let maxEmailLength = 254
    public static let passwordLength = 10...72

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

    /// bcrypt reads at most 72 bytes of a password: longer ones would sign in with their first 72 bytes plus
    /// anything, so they are refused rather than silently cut.
    public static let maxPasswordBytes = 72

    /// Passwords: at least 10 characters (counted as Unicode characters) and at most 72 bytes of UTF-8 (72 ASCII
    /// characters, fewer with accents or emoji), not only whitespace.
    public static func password(_ value: String, field: String = "password") throws -> String {
        guard value.count >= passwordLength.lowerBound, value.utf8.count <= maxPasswordBytes else {
            throw SimpleAppError.invalid(field, "must be at least \(passwordLength.lowerBound) characters and at most \(maxPasswordBytes) bytes of UTF-8")
        }
        guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw SimpleAppError.invalid(field, "must not be only spaces")
        }
        return value
    }

    /// Free text may hold any character but NUL: PostgreSQL refuses it in TEXT and SQLite's C strings cut at it, so
    /// accepting it would store something other than what was acknowledged (or fail on one engine only).
    public static func noNUL(_ value: String, field: String) throws {
        guard !value.utf8.contains(0) else { throw SimpleAppError.invalid(field, "must not contain the NUL character") }
    }

    /// A UUID string, normalised to lower case.
    public static func id(_ value: String, field: String) throws -> String {
        guard let id = UUIDText.canonical(value) else { throw SimpleAppError.invalid(field, "must be a UUID") }
        return id
    }
}

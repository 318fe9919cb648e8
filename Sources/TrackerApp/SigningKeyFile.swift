import Foundation

/// The embedded default keeps its access-token signing key in a file beside the database, created once with
/// owner-only permissions (0600), so tokens survive restarts without any configuration.
enum SigningKeyFile {
    struct Unusable: Error, CustomStringConvertible {
        let description: String
    }

    static func loadOrCreate(at path: String) throws -> [UInt8] {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            let attributes = try fm.attributesOfItem(atPath: path)
            if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
                throw Unusable(description: "permissions \(String(mode, radix: 8)) allow others to read it; chmod 600")
            }
            let text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let data = Data(base64Encoded: text), data.count >= 32 else { throw Unusable(description: "content is not a base64 key of ≥ 32 bytes") }
            return Array(data)
        }
        // The data directory is the owner's alone (0700), as the SQLite opener makes it; whichever comes first creates it.
        try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                               attributes: [.posixPermissions: 0o700])
        var generator = SystemRandomNumberGenerator()
        let key = (0..<48).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        // Created with 0600 from the start: never readable by others, not even briefly.
        guard fm.createFile(atPath: path, contents: Data(Data(key).base64EncodedString().utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Unusable(description: "cannot create the file")
        }
        return key
    }
}

import Foundation
import TrackerCore

/// Where the PostgreSQL server is, parsed from `DATABASE_URL`
/// (`postgres://user:password@host:port/database?sslmode=disable|prefer|require`).
public struct PostgresTarget: Sendable {
    public enum TLSMode: String, Sendable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: Secret<String?>
    public var database: String?
    public var tls: TLSMode
    /// Extra start-up parameters (e.g. `search_path` for per-test schemas).
    public var startupParameters: [String: String]

    public init(
        host: String, port: Int = 5432, username: String, password: String?, database: String?,
        tls: TLSMode = .disable, startupParameters: [String: String] = [:]
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = Secret(password)
        self.database = database
        self.tls = tls
        self.startupParameters = startupParameters
    }

    public struct ParseError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Parses a `postgres://` or `postgresql://` URL. The error text never repeats the password.
    public static func parse(_ url: String) throws -> PostgresTarget {
        guard let components = URLComponents(string: url),
              let scheme = components.scheme?.lowercased(), ["postgres", "postgresql"].contains(scheme)
        else {
            throw ParseError(description: "must look like postgres://user:password@host:5432/database")
        }
        guard let host = components.host, !host.isEmpty else {
            throw ParseError(description: "has no host")
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw ParseError(description: "port out of range") }
        let user = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        let password = components.password.flatMap { $0.removingPercentEncoding }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        var tls = TLSMode.disable
        var startup: [String: String] = [:]
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                switch item.value {
                case "disable", "allow": tls = .disable
                case "prefer": tls = .prefer
                case "require", "verify-ca", "verify-full": tls = .require
                default: throw ParseError(description: "sslmode must be disable, prefer or require")
                }
            case "search_path":
                if let value = item.value, !value.isEmpty { startup["search_path"] = value }
            case "application_name", "connect_timeout":
                break  // application_name comes from DB_APPLICATION_NAME
            default:
                throw ParseError(description: "unknown parameter '\(item.name)'")
            }
        }
        return PostgresTarget(
            host: host, port: port, username: user, password: password,
            database: path.isEmpty ? nil : path, tls: tls, startupParameters: startup
        )
    }

    /// The URL with the password masked, for `doctor` and logs.
    public var redactedURL: String {
        let pw = password.value == nil ? "" : ":******"
        return "postgres://\(username)\(pw)@\(host):\(port)/\(database ?? "")?sslmode=\(tls.rawValue)"
    }
}

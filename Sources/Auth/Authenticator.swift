import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// Turns `Authorization: Bearer <token>` into the request's `Identity`, once, for every route. A device token
/// (`ptd_…`) must belong to a live device of an active employee; anything else must be a valid access token of an
/// active employee. Archived people and revoked devices are refused at once (looked up on every request).
/// Requests without the header pass through anonymous; route groups decide whether that is enough.
public struct Authenticator: RouterMiddleware {
    public typealias Context = AppRequestContext

    private let directory: any DirectoryRepository
    private let devices: DeviceService
    private let credentials: any CredentialRepository
    private let issuer: AccessTokenIssuer
    private let time: TimeSource

    public init(directory: any DirectoryRepository, credentials: any CredentialRepository, devices: DeviceService, issuer: AccessTokenIssuer, time: TimeSource) {
        self.directory = directory
        self.credentials = credentials
        self.devices = devices
        self.issuer = issuer
        self.time = time
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        let token: String
        if header.count > 7, header.prefix(7).lowercased() == "bearer " {
            token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        } else if let device = Self.basicDeviceToken(header) {
            token = device
        } else {
            throw AuthError.invalidToken
        }
        var context = context
        context.identity = try await identify(token)
        return try await next(request, context)
    }

    /// HTTP Basic carrying a device token as the user name or the password: what an unmodified ActivityWatch
    /// watcher sends when its server is configured as `TOKEN:@host` (requests turns the URL's credentials into Basic
    /// auth — only with the colon: a bare `TOKEN@host` sends none).
    /// Only device tokens travel this way; nil for anything else.
    static func basicDeviceToken(_ header: String) -> String? {
        guard header.count > 6, header.count < 1_024, header.prefix(6).lowercased() == "basic " else { return nil }
        guard let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
              let pair = String(data: data, encoding: .utf8) else { return nil }
        let parts = pair.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map {
            String($0).removingPercentEncoding ?? String($0)
        }
        let prefix = TokenSecrets.Kind.device.rawValue + "_"
        return parts.first { $0.hasPrefix(prefix) }
    }

    /// The identity an access or device token stands for (the web interface's cookies carry the same tokens).
    public func identify(_ token: String) async throws -> Identity {
        if token.hasPrefix(TokenSecrets.Kind.device.rawValue + "_") {
            return .device(try await devices.authenticate(token))
        }
        let verified = try await issuer.verify(token)
        // Every access token belongs to a session; the session is checked with the person, concurrently.
        guard let sessionID = verified.sessionID else { throw AuthError.invalidToken }
        async let live = credentials.sessionIsLive(sessionID, employeeID: verified.employeeID, now: time.now)
        guard let employee = try await directory.employee(id: verified.employeeID), employee.status == .active,
              try await live
        else { throw AuthError.invalidToken }
        return .user(UserIdentity(
            employeeID: employee.id, role: employee.role, teamID: employee.teamId,
            managedTeams: employee.role == .manager ? Set(employee.managedTeamIds) : [],
            sessionID: verified.sessionID
        ))
    }

    /// When a correctly signed access token expired (or expires), whether or not that is past; nil when the
    /// signature or type is wrong. The web interface's idle expiry reads it: a session idle for longer than its
    /// limit after this moment is not refreshed.
    public func signedExpiry(ofAccessToken token: String) async -> Date? {
        await issuer.signedExpiry(token)
    }
}

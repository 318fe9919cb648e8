import Crypto
import Foundation
import Auth

/// One refresh per refresh token on this instance. Refresh tokens rotate and a spent one presented again revokes
/// the whole session (theft detection), so two tabs reloaded together after the access token expired would
/// otherwise sign the person out. Requests that arrive with the same refresh token within `window` share the
/// first one's result.
actor RefreshSingleFlight {
    private var recent: [String: (at: Date, task: Task<AuthService.Tokens, any Error>)] = [:]
    private let window: TimeInterval = 30

    func refresh(_ token: String, now: Date, using auth: AuthService) async throws -> AuthService.Tokens {
        let key = Data(SHA256.hash(data: Data(token.utf8))).base64EncodedString()
        recent = recent.filter { now.timeIntervalSince($0.value.at) < window }
        if let running = recent[key] { return try await running.task.value }
        let task = Task { try await auth.refresh(token) }
        recent[key] = (now, task)
        return try await task.value
    }
}

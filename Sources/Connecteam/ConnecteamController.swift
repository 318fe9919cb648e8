import AsyncHTTPClient
import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `/api/connecteam` (administrators): settings (the key is write-only), a check of the key, syncs on demand, the
/// runs' history, and the Connecteam users we could not place.
struct ConnecteamController {
    let service: ConnecteamService
    let policy: ConnecteamRetryPolicy
    let time: TimeSource

    struct SettingsBody: Decodable {
        var settings: ConnecteamSettings
        /// Absent: keep the stored key; "": remove it.
        var apiKey: String?
        /// Absent: keep; "": no signature required; else the secret Connecteam signs webhook bodies with.
        var webhookSecret: String?
    }

    struct Runs: ResponseEncodable { var items: [SyncRun] }
    struct People: ResponseEncodable { var items: [UnmatchedUser] }
    struct Queued: ResponseEncodable { var queued: Bool }
    struct TestResult: ResponseEncodable {
        struct Item: Codable { var id: Int; var name: String? }
        var companyName: String?
        var companyId: String?
        var schedulers: [Item]
        var timeClocks: [Item]
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("settings") { _, context -> ConnecteamSettingsView in
            _ = try context.requireAdmin()
            return try await view()
        }
        group.put("settings") { request, context -> ConnecteamSettingsView in
            let user = try context.requireAdmin()
            let body = try await request.decodeJSON(as: SettingsBody.self, context: context)
            let settings = try body.settings.validated()
            if let key = body.apiKey, !key.isEmpty {
                guard (8...500).contains(key.count), key.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                    throw SimpleAppError.invalid("apiKey", "must be 8 to 500 printable ASCII characters without spaces")
                }
            }
            if let secret = body.webhookSecret, !secret.isEmpty, !(16...200).contains(secret.count) {
                throw SimpleAppError.invalid("webhookSecret", "must be 16 to 200 characters (or empty to remove it)")
            }
            try await service.store.save(settings, apiKey: body.apiKey, by: user.employeeID, at: time.now)
            if let secret = body.webhookSecret { try await service.store.setWebhookSecret(secret) }
            return try await view()
        }
        group.post("webhook-token") { _, context -> ConnecteamSettingsView in
            _ = try context.requireAdmin()
            guard try await service.store.settings().updatedAt != nil else {
                throw SimpleAppError(.conflict, code: "connecteam_not_configured", message: "Save the settings first.")
            }
            try await service.store.rotateWebhookToken(ConnecteamStore.newToken())
            return try await view()
        }
        group.post("test") { _, context -> TestResult in
            _ = try context.requireAdmin()
            return try await test()
        }
        group.post("sync") { request, context -> Response in
            _ = try context.requireAdmin()
            guard try await service.store.settings().apiKey != nil else {
                throw SimpleAppError(.conflict, code: "connecteam_not_configured", message: "Set an API key first (PUT /api/connecteam/settings).")
            }
            guard request.uri.queryParameters.get("wait") == "true" else {
                await service.request("manual")
                return try Queued(queued: true).response(from: request, context: context).with(status: .accepted)
            }
            switch try await service.sync.run(trigger: "manual") {
            case .busy:
                throw SimpleAppError(.conflict, code: "connecteam_sync_running", message: "A sync is already running (here or on another instance).")
            case .ran(let run):
                return try run.response(from: request, context: context)
            }
        }
        group.get("runs") { request, context -> Runs in
            _ = try context.requireAdmin()
            return Runs(items: try await service.store.runs(limit: try Self.limit(request)))
        }
        group.get("people") { request, context -> People in
            _ = try context.requireAdmin()
            return People(items: try await service.store.unmatchedPeople(limit: try Self.limit(request)))
        }
    }

    static func limit(_ request: Request) throws -> Int {
        try request.uri.queryParameters.get("limit").map { text -> Int in
            guard let n = Int(text), (1...500).contains(n) else { throw SimpleAppError.invalid("limit", "must be an integer from 1 to 500") }
            return n
        } ?? 50
    }

    private func view() async throws -> ConnecteamSettingsView {
        let (settings, key, updatedAt) = try await service.store.settings()
        let (token, secret) = try await service.store.webhookCredentials()
        return ConnecteamSettingsView(settings: settings, apiKeySet: key != nil, apiKeyHint: key.map { "…" + $0.suffix(4) },
                                      webhookPath: token.map { "/api/connecteam/webhook/\($0)" }, webhookSignatureRequired: secret != nil,
                                      updatedAt: updatedAt)
    }

    /// Checks the stored key: who the account is, and which schedulers and time clocks it can see.
    private func test() async throws -> TestResult {
        let (settings, key, _) = try await service.store.settings()
        guard let key else {
            throw SimpleAppError(.conflict, code: "connecteam_not_configured", message: "Set an API key first (PUT /api/connecteam/settings).")
        }
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout = .init(connect: .seconds(10), read: .init(policy.timeout))
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        var quick = policy
        quick.attempts = min(policy.attempts, 2)
        let client = ConnecteamClient(http: http, baseURL: settings.baseURL, apiKey: key, policy: quick, tally: RetryTally(), logger: service.sync.logger)
        do {
            let me = try await client.get("/me", as: CT.Me.self)
            let schedulers = try await client.get("/scheduler/v1/schedulers", as: CT.Schedulers.self).schedulers
            let clocks = try await client.get("/time-clock/v1/time-clocks", as: CT.TimeClocks.self).timeClocks
            try? await http.shutdown()
            return TestResult(companyName: me.companyName, companyId: me.companyId,
                              schedulers: schedulers.map { .init(id: $0.schedulerId, name: $0.name) },
                              timeClocks: clocks.map { .init(id: $0.id, name: $0.name) })
        } catch {
            try? await http.shutdown()
            throw SimpleAppError(.unprocessable, code: "connecteam_unreachable", message: "\(error)")
        }
    }
}

extension SyncRun: ResponseEncodable {}
extension ConnecteamSettingsView: ResponseEncodable {}

extension Response {
    func with(status: HTTPResponse.Status) -> Response {
        var copy = self
        copy.status = status
        return copy
    }
}

import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization
import TrackerCore
import TrackerHTTP

/// `POST /api/connecteam/webhook/{token}`: Connecteam's webhooks (users, shift_scheduler, time_activity). The secret
/// token in the path is the first factor (a wrong one is a `404`, as for any unknown path); when a signing secret is
/// set, `X-Connecteam-Signature` must be the hex HMAC-SHA256 of the raw body (Connecteam does not document its
/// scheme — API-NOTES §9 — so the path token stays required). A known event asks for an incremental sync (`202`);
/// an unknown one is logged and answered `202` without one (Connecteam retries anything else); a body that is not
/// a JSON object is a `400`. Deliveries are retried by Connecteam: a `requestId` seen recently is not synced twice.
struct ConnecteamWebhook {
    let service: ConnecteamService
    let logger: Logger
    let recent = RecentIDs(capacity: 1_000)

    static let signatureHeader = HTTPField.Name("X-Connecteam-Signature")!
    static let maxBody = 1 << 20
    /// Event types that change what a sync reads.
    static let known: Set<String> = [
        "user_created", "user_updated", "user_archived", "user_restored", "user_deleted", "user_promoted", "user_demoted",
        "shift_created", "shift_updated", "shift_deleted",
        "clock_in", "clock_out", "auto_clock_out", "admin_add", "admin_edit", "admin_delete",
    ]

    struct Answer: ResponseEncodable { var accepted: Bool; var sync: Bool }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("webhook/:token") { request, context -> EditedResponse<Answer> in
            let token = context.parameters.get("token") ?? ""
            let (stored, secret) = try await service.store.webhookCredentials()
            guard let stored, Self.equal(Array(token.utf8), Array(stored.utf8)) else {
                throw SimpleAppError(.notFound, code: "not_found", message: "No such route.")
            }
            let body = Array(buffer: try await request.body.collect(upTo: Self.maxBody))
            if let secret {
                let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
                let expected = Hex.lowercase(mac)
                let given = (request.headers[Self.signatureHeader] ?? "").lowercased().replacingOccurrences(of: "sha256=", with: "")
                guard Self.equal(Array(given.utf8), Array(expected.utf8)) else {
                    throw SimpleAppError(.unauthorized, code: "bad_signature", message: "The X-Connecteam-Signature header does not match the body.")
                }
            }
            guard let event = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
                throw SimpleAppError.invalid("body", "must be a JSON object (a Connecteam webhook event)")
            }
            let type = (event["eventType"] as? String).map { String($0.prefix(64)) } ?? ""
            let requestID = (event["requestId"] as? String).map { String($0.prefix(100)) }
            guard Self.known.contains(type) else {
                logger.notice("connecteam webhook ignored", metadata: ["eventType": "\(type.isEmpty ? "(none)" : type)"])
                return EditedResponse(status: .accepted, response: Answer(accepted: true, sync: false))
            }
            if let requestID, !recent.insert(requestID) {
                return EditedResponse(status: .accepted, response: Answer(accepted: true, sync: false))
            }
            logger.info("connecteam webhook", metadata: ["eventType": "\(type)"])
            await service.request("webhook")
            return EditedResponse(status: .accepted, response: Answer(accepted: true, sync: true))
        }
    }

    /// Constant-time comparison (length leaks, content does not).
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// The last `capacity` ids seen, to skip repeated deliveries.
final class RecentIDs: Sendable {
    private let state = Mutex<(order: [String], set: Set<String>)>(([], []))
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// False when `id` was seen recently.
    func insert(_ id: String) -> Bool {
        state.withLock { s in
            guard !s.set.contains(id) else { return false }
            s.set.insert(id)
            s.order.append(id)
            if s.order.count > capacity { s.set.remove(s.order.removeFirst()) }
            return true
        }
    }
}

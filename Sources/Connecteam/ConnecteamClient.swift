import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// How hard the client tries before a sync gives up on a call.
public struct ConnecteamRetryPolicy: Sendable, Equatable {
    /// Attempts per call, the first included.
    public var attempts = 6
    /// Backoff before retry n: `base × 2ⁿ`, at most `maxBackoff`, times a random factor 0.5–1 (jitter).
    public var baseBackoff: Duration = .milliseconds(500)
    public var maxBackoff: Duration = .seconds(30)
    /// A `429`'s wait (until `x-ratelimit-minute-reset`, or `Retry-After`) is honoured up to this.
    public var maxRateLimitWait: Duration = .seconds(90)
    /// A whole answer must arrive within this.
    public var timeout: Duration = .seconds(30)

    public init() {}
}

/// Why a call failed for good.
enum ConnecteamCallError: Error, CustomStringConvertible {
    /// 401 or 403: the key is wrong, disabled, or the plan lacks the hub. Not retried.
    case refused(status: Int, path: String)
    /// 404 or 422 (FastAPI validation): our request is wrong for this account. Not retried.
    case rejected(status: Int, path: String, detail: String)
    /// Retries ran out; the last cause.
    case gaveUp(path: String, attempts: Int, last: String)

    var description: String {
        switch self {
        case .refused(let status, let path): "Connecteam refused \(path) (HTTP \(status)): check the API key and the account's plan"
        case .rejected(let status, let path, let detail): "Connecteam rejected \(path) (HTTP \(status)): \(detail)"
        case .gaveUp(let path, let attempts, let last): "gave up on \(path) after \(attempts) attempts: \(last)"
        }
    }
}

/// What a sync's calls ran into and got past, for the run's history.
final class RetryTally: Sendable {
    private let counts = Mutex<[String: Int]>([:])
    func add(_ kind: String) { counts.withLock { $0[kind, default: 0] += 1 } }
    var snapshot: [String: Int] { counts.withLock { $0 } }
}

/// Connecteam's REST API as the sync reads it: `X-API-KEY`, the `{requestId, data, paging}` envelope, and the faults a
/// long sync meets — `429` (waiting for the rate-limit reset, or `Retry-After`, or backing off), the `200` with
/// `{"detail": "Too many requests"}` some endpoints answer instead, `5xx`, timeouts, cut connections and malformed
/// JSON — retried a bounded number of times with exponential backoff and jitter.
struct ConnecteamClient: Sendable {
    let http: HTTPClient
    let baseURL: String
    let apiKey: String
    let policy: ConnecteamRetryPolicy
    let tally: RetryTally
    let logger: Logger

    struct Envelope<T: Decodable>: Decodable {
        struct Paging: Decodable { var offset: Int?; var total: Int? }
        var data: T
        var paging: Paging?
    }

    private enum Attempt<T> {
        case done(T)
        case retry(after: Duration?, reason: String)
    }

    /// GETs `path` with `query` (repeated keys allowed) and decodes `data`.
    func get<T: Decodable & Sendable>(_ path: String, _ query: [(String, String)] = [], as type: T.Type) async throws -> T {
        let url = baseURL + path + (query.isEmpty ? "" : "?" + query.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&"))
        var last = "no attempt"
        for attempt in 0..<max(1, policy.attempts) {
            if attempt > 0 { try Task.checkCancellation() }
            switch try await once(url: url, path: path, as: T.self) {
            case .done(let value): return value
            case .retry(let wait, let reason):
                last = reason
                guard attempt + 1 < policy.attempts else { break }
                let delay = wait ?? backoff(attempt)
                logger.notice("connecteam call will be retried", metadata: ["path": "\(path)", "reason": "\(reason)",
                                                                            "waitMs": "\(delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000)"])
                try await Task.sleep(for: delay)
            }
        }
        throw ConnecteamCallError.gaveUp(path: path, attempts: policy.attempts, last: last)
    }

    private func once<T: Decodable>(url: String, path: String, as type: T.Type) async throws -> Attempt<T> {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "X-API-KEY", value: apiKey)
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "productivity-tracker-connecteam/1")
        let status: Int
        let headers: HTTPHeaders
        let body: ByteBuffer
        do {
            let response = try await http.execute(request, timeout: .init(policy.timeout))
            status = Int(response.status.code)
            headers = response.headers
            body = try await response.body.collect(upTo: 32 << 20)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            let timedOut = "\(error)".lowercased().contains("timeout") || "\(error)".lowercased().contains("deadline")
            tally.add(timedOut ? "retries.timeouts" : "retries.connection")
            return .retry(after: nil, reason: timedOut ? "timed out" : "connection failed (\(String(describing: Swift.type(of: error))))")
        }
        let bytes = Data(buffer: body)
        if status == 429 || (status == 200 && Self.isRateLimitBody(bytes)) {
            tally.add("retries.rateLimited")
            return .retry(after: rateLimitWait(headers), reason: "rate limited (HTTP \(status))")
        }
        switch status {
        case 200..<300:
            do {
                return .done(try JSONDecoder().decode(Envelope<T>.self, from: bytes).data)
            } catch {
                tally.add("retries.malformed")
                return .retry(after: nil, reason: "malformed answer")
            }
        case 401, 403: throw ConnecteamCallError.refused(status: status, path: path)
        case 404, 422:
            throw ConnecteamCallError.rejected(status: status, path: path, detail: String(decoding: bytes.prefix(300), as: UTF8.self))
        default:
            tally.add("retries.serverErrors")
            return .retry(after: nil, reason: "HTTP \(status)")
        }
    }

    /// Until the minute window resets (`x-ratelimit-minute-reset`, epoch seconds), else `Retry-After`, at most the
    /// policy's bound; nil: back off as for any transient fault.
    func rateLimitWait(_ headers: HTTPHeaders) -> Duration? {
        if let reset = headers.first(name: "x-ratelimit-minute-reset").flatMap(Double.init) {
            let seconds = min(max(reset - Date().timeIntervalSince1970, 0.05), Double(policy.maxRateLimitWait.components.seconds))
            return .milliseconds(Int64(seconds * 1000))
        }
        if let after = headers.first(name: "retry-after").flatMap(Double.init) {
            return .milliseconds(Int64(min(max(after, 0), Double(policy.maxRateLimitWait.components.seconds)) * 1000))
        }
        return nil
    }

    func backoff(_ attempt: Int) -> Duration {
        let base = Double(policy.baseBackoff.components.seconds) + Double(policy.baseBackoff.components.attoseconds) / 1e18
        let cap = Double(policy.maxBackoff.components.seconds)
        let seconds = min(cap, base * pow(2, Double(min(attempt, 20)))) * Double.random(in: 0.5...1)
        return .milliseconds(Int64(seconds * 1000))
    }

    static func isRateLimitBody(_ bytes: Data) -> Bool {
        guard bytes.count < 200, let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any] else { return false }
        return (object["detail"] as? String)?.lowercased().contains("too many requests") == true
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}

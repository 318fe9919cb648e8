import Crypto
import Foundation
import Hummingbird
import TrackerCore

/// Cross-site request forgery protection for every state-changing web request, in two layers: the session cookies
/// are `SameSite=Strict`, and every form carries a token the server derives from the session (or, before signing
/// in, from the `pt_form` cookie) with a key only it has. A forged form from another site knows neither. A
/// request whose `Origin` names another host is refused as well.
struct WebCSRF: Sendable {
    static let field = "_csrf"
    private let key: SymmetricKey

    /// - Parameter secret: the server's signing key; the CSRF key is derived from it, so it never signs anything else.
    init(secret: [UInt8]) {
        key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Data("productivity-tracker web csrf".utf8), using: SymmetricKey(data: secret)))
    }

    func token(session: String) -> String { mac("session:" + session) }
    func token(form nonce: String) -> String { mac("form:" + nonce) }

    /// Throws `403` unless the form's token matches the signed-in session (or the pre-session cookie) and the
    /// request's `Origin`, when sent, is this host.
    func check(_ request: Request, form: FormBody, user: UserIdentity?) throws {
        if let origin = request.headers[.origin] {
            let host = request.head.authority ?? ""
            guard let originHost = URL(string: origin)?.host(percentEncoded: false),
                  Self.hostPart(host).lowercased() == originHost.lowercased()
            else { throw WebError.forgery }
        }
        let sent = form[Self.field] ?? ""
        let expected: String
        if let session = user?.sessionID {
            expected = token(session: session)
        } else if let nonce = WebCookies.value(request, WebCookies.form) {
            expected = token(form: nonce)
        } else {
            throw WebError.forgery
        }
        guard Self.constantTimeEqual(sent, expected) else { throw WebError.forgery }
    }

    static func newNonce() -> String {
        SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) }.base64URL
    }

    private func mac(_ text: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key)).base64URL
    }

    private static func hostPart(_ authority: String) -> String {
        if authority.hasPrefix("["), let end = authority.firstIndex(of: "]") {
            return String(authority[authority.index(after: authority.startIndex)..<end])
        }
        return String(authority.split(separator: ":", maxSplits: 1).first ?? "")
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}

extension Data {
    var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

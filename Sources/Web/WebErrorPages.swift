import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// Errors on pages become pages: not signed in → the sign-in page (coming back here afterwards); anything else →
/// the status with the same client-safe message the JSON API gives. Unknown errors are logged, never shown.
struct WebErrorPages: Sendable {
    let layout: PageLayout

    func response(for error: any Error, request: Request, context: AppRequestContext, viewer: WebViewer?) -> Response {
        let status: HTTPResponse.Status
        let message: String
        switch error {
        case let error as any AppError:
            if error.kind == .unauthorized && viewer == nil {
                return PageLayout.redirect("/sign-in?next=" + Self.nextParameter(request))
            }
            status = error.kind.status
            message = error.message
            if error.kind == .internalError || error.kind == .unavailable {
                context.logger.warning("page failed", metadata: ["code": "\(error.code)"])
            }
        case let error as any HTTPResponseError where error.status.code < 500:
            status = error.status
            message = (error as? HTTPError)?.body ?? error.status.reasonPhrase
        default:
            context.logger.error("page failed", metadata: ["error": "\(String(reflecting: error))"])
            status = .internalServerError
            message = "Something went wrong on the server (request \(context.id)). It has been logged."
        }
        var response = layout.page(status.reasonPhrase, viewer: viewer, current: "", status: status, """
        <h1>\(status.code) · \(status.reasonPhrase)</h1>
        <p class="notice error" role="alert">\(message)</p>
        <p><a href="/">Back to the start</a></p>
        """)
        if status == .serviceUnavailable { response.headers[.retryAfter] = "5" }
        return response
    }

    /// The current path and query, for coming back after signing in.
    static func nextParameter(_ request: Request) -> String {
        let path = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        return path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
    }

    /// A `next=` value that stays on this site: a path, not `//host` or a scheme.
    static func safeNext(_ value: String?) -> String {
        guard let value, value.hasPrefix("/"), !value.hasPrefix("//"), !value.hasPrefix("/\\"), value.count < 2_000,
              !value.contains(where: { $0.isNewline })
        else { return "/" }
        return value
    }
}

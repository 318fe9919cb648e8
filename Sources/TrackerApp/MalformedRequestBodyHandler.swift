import HTTPTypes
import HummingbirdCore
import NIOCore
import NIOHTTPTypes

/// Gives the server's own "malformed request" answer the API's error shape. When NIO cannot parse a request (a
/// header or URL over the decoder's limits, broken framing) Hummingbird answers `400` with an empty body and closes
/// the connection before any middleware runs; this outbound handler, after the HTTP codec, recognises exactly that
/// response (400, `Content-Length: 0`, `Connection: close` — the application never sends an empty 400) and gives it
/// the JSON error body every other error has.
final class MalformedRequestBodyHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    static let body = #"{"error":{"code":"malformed_request","message":"request: the request line, a header or the body framing is malformed or over the size limits"}}"#

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .head(var head) = unwrapOutboundIn(data), head.status == .badRequest,
              head.headerFields[.contentLength] == "0", head.headerFields[.connection] == "close"
        else {
            context.write(data, promise: promise)
            return
        }
        let body = ByteBuffer(string: Self.body)
        head.headerFields[.contentLength] = String(body.readableBytes)
        head.headerFields[.contentType] = "application/json"
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: promise)
    }
}

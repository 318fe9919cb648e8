import CoreMetrics
import Foundation
import Hummingbird

/// Counts requests and records latency by route pattern, method and status into the application's own
/// metrics factory (the Prometheus registry served at `/metrics`).
struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let factory: any MetricsFactory

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        // The error middleware sits inside this one, so every outcome arrives here as a response.
        let response = try await next(request, context)
        let dimensions = [
            ("route", context.endpointPath ?? "unmatched"),
            ("method", request.method.rawValue),
            ("status", String(response.status.code)),
        ]
        Counter(label: "tracker_http_requests", dimensions: dimensions, factory: factory).increment()
        let elapsed = ContinuousClock.now - start
        CoreMetrics.Timer(label: "tracker_http_request_duration_seconds", dimensions: dimensions,
                          preferredDisplayUnit: .seconds, factory: factory)
            .recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        return response
    }
}

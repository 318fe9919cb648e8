import Hummingbird
import Prometheus
import TrackerHTTP

/// `GET /metrics`: Prometheus text exposition of this process's registry (pool gauges, acquire-time histogram,
/// timeout/rejection/connect-failure counters, HTTP requests and latency by route and status).
struct MetricsController {
    let registry: PrometheusCollectorRegistry

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("metrics") { _, _ -> Response in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(16_384)
            registry.emit(into: &buffer)
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer))
            )
        }
    }
}

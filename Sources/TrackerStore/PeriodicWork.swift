import ServiceLifecycle

/// The loop of a background `Service` that works once an interval (retention sweeps, attendance refreshes): it first
/// waits an interval — a server started with the database down does not touch it at start-up — and stops at graceful
/// shutdown or cancellation, even mid-wait.
public enum PeriodicWork {
    public static func run(every interval: Duration, _ work: @Sendable () async -> Void) async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            await work()
        }
    }
}

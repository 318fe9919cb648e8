import Foundation

/// A fixed set of interchangeable resources (the SQLite reader connections), leased one at a time, with FIFO
/// waiters that give up after a deadline. PostgreSQL uses PostgresClient instead; this is only for SQLite, whose
/// connections are opened once and never fail in the network sense.
actor ResourcePool<Resource: Sendable> {
    private var idle: [Resource] = []
    private var waiters: [(id: Int, continuation: CheckedContinuation<Resource, any Error>)] = []
    private var nextWaiterID = 0
    private var closed = false

    init() {}

    func add(_ resource: Resource) {
        release(resource)
    }

    /// Waits at most `timeout` for a resource; throws `ResourcePoolTimeout` or `ResourcePoolClosed`.
    func acquire(timeout: Duration) async throws -> Resource {
        if closed { throw ResourcePoolClosed() }
        if !idle.isEmpty { return idle.removeLast() }
        nextWaiterID += 1
        let id = nextWaiterID
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiters.append((id, continuation))
                // The deadline: one sleeping task per waiter, only when there is a wait at all.
                Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    await self?.expire(id, with: ResourcePoolTimeout())
                }
            }
        } onCancel: {
            Task { await self.expire(id, with: CancellationError()) }
        }
    }

    func release(_ resource: Resource) {
        if !waiters.isEmpty {
            waiters.removeFirst().continuation.resume(returning: resource)
        } else {
            idle.append(resource)
        }
    }

    /// Fails every waiter and hands back the idle resources so the owner can close them.
    func close() -> [Resource] {
        closed = true
        for waiter in waiters { waiter.continuation.resume(throwing: ResourcePoolClosed()) }
        waiters.removeAll()
        defer { idle.removeAll() }
        return idle
    }

    private func expire(_ id: Int, with error: any Error) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: error)
    }
}

struct ResourcePoolTimeout: Error {}
struct ResourcePoolClosed: Error {}

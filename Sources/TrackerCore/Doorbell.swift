/// Wakes background loops early: `ring()` from anywhere wakes every current waiter; `wait(timeout:)` returns at
/// the first ring, when the timeout passes, or when the waiting task is cancelled. A ring while nobody waits is
/// remembered once, so none is lost. Any number of tasks may wait at once — each has its own slot (a single slot
/// once let a second waiter overwrite the first, which then never returned: the test-suite stall).
public actor Doorbell {
    private var pending = false
    private var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    /// Waiters woken (timeout, cancellation) before they had registered.
    private var wokenEarly: Set<UInt64> = []
    private var active: Set<UInt64> = []
    private var nextID: UInt64 = 0

    public init() {}

    public func ring() {
        guard !waiters.isEmpty else {
            pending = true
            return
        }
        let woken = waiters
        waiters.removeAll()
        for continuation in woken.values { continuation.resume() }
    }

    public func wait(timeout: Duration) async {
        if pending {
            pending = false
            return
        }
        let id = nextID
        nextID &+= 1
        active.insert(id)
        // The timer is cancelled as soon as the wait ends, so it never outlives its waiter by more than a wake-up.
        let timer = Task { [weak self] in
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            await self?.wake(id)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                if wokenEarly.remove(id) != nil || Task.isCancelled {
                    continuation.resume()
                } else {
                    waiters[id] = continuation
                }
            }
        } onCancel: {
            Task { await self.wake(id) }
        }
        timer.cancel()
        active.remove(id)
        wokenEarly.remove(id)
    }

    private func wake(_ id: UInt64) {
        if let continuation = waiters.removeValue(forKey: id) {
            continuation.resume()
        } else if active.contains(id) {
            wokenEarly.insert(id)
        }
    }
}

/// Wakes a background loop early: `ring()` from anywhere; `wait(timeout:)` returns at the first ring or when the
/// timeout passes. A ring while nobody waits is remembered once, so none is lost.
public actor Doorbell {
    private var pending = false
    private var waiter: CheckedContinuation<Void, Never>?

    public init() {}

    public func ring() {
        if let waiter {
            self.waiter = nil
            waiter.resume()
        } else {
            pending = true
        }
    }

    public func wait(timeout: Duration) async {
        if pending {
            pending = false
            return
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await Task.sleep(for: timeout)
                await self.ring()
            }
            group.addTask {
                await withTaskCancellationHandler {
                    await self.suspend()
                } onCancel: {
                    Task { await self.ring() }
                }
            }
            await group.next()
            group.cancelAll()
        }
        pending = false
    }

    private func suspend() async {
        if pending {
            pending = false
            return
        }
        await withCheckedContinuation { waiter = $0 }
    }
}

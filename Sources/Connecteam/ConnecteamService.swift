import AsyncHTTPClient
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import TrackerCore
import TrackerStore

/// Runs the Connecteam sync in the background every `intervalMinutes` while it is enabled, and at once when asked
/// (`POST /api/connecteam/sync`). A `Service`: it waits for its doorbell or a minute's poll first, so a server started
/// with the database down does not touch it at start-up.
public final class ConnecteamService: Service {
    let sync: ConnecteamSync
    let store: ConnecteamStore
    private let doorbell = Doorbell()
    private let requested = Mutex<String?>(nil)
    private let logger: Logger
    private let time: TimeSource

    init(sync: ConnecteamSync, store: ConnecteamStore, time: TimeSource, logger: Logger) {
        self.sync = sync
        self.store = store
        self.time = time
        self.logger = logger
    }

    public func run() async throws {
        await PeriodicWork.run(ringing: doorbell, every: .seconds(60)) { await self.tick() }
    }

    /// What the status page shows: the settings without secrets, and the latest runs.
    public struct Overview: Sendable {
        public var settings: ConnecteamSettings
        public var apiKeySet: Bool
        public var updatedAt: Date?
        public var runs: [SyncRun]
    }

    public func overview(runs limit: Int) async throws -> Overview {
        let (settings, key, updatedAt) = try await store.settings()
        return Overview(settings: settings, apiKeySet: key != nil, updatedAt: updatedAt, runs: try await store.runs(limit: limit))
    }

    /// Asks for a manual sync in the background; false (nothing asked) while no API key is set.
    public func requestManualSync() async throws -> Bool {
        guard try await store.settings().apiKey != nil else { return false }
        await request("manual")
        return true
    }

    /// Asks the background loop for a sync now (`trigger`: manual, webhook).
    func request(_ trigger: String) async {
        requested.withLock { $0 = $0 ?? trigger }
        await doorbell.ring()
    }

    private func tick() async {
        await PeriodicWork.attempt("connecteam sync", logger: logger) {
            let asked = requested.withLock { value -> String? in defer { value = nil }; return value }
            let (settings, key, _) = try await store.settings()
            guard key != nil else { return }
            var trigger = asked
            if trigger == nil, settings.enabled {
                let last = try await store.runs(limit: 1).first?.startedAt ?? .distantPast
                if time.now.timeIntervalSince(last) >= Double(settings.intervalMinutes) * 60 { trigger = "schedule" }
            }
            guard let trigger else { return }
            _ = try await sync.run(trigger: trigger)
        }
    }
}

// swift-tools-version: 6.1
import PackageDescription

// Dependency rule (checked by scripts/check-architecture): only TrackerEngines may depend on a
// database driver (PostgresNIO, PostgresKit, SQLiteNIO, SQLiteKit). Feature targets get SQLKit through
// TrackerStore and a `Database` handed to them by TrackerApp, so they cannot build a pool of their own.
let package = Package(
    name: "productivity-tracker",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "productivity-tracker", targets: ["productivity-tracker"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // Pure domain: no I/O, no HTTP, no SQL.
        .target(name: "TrackerCore"),
        // The database interface: SQLKit only, never a driver.
        .target(
            name: "TrackerStore",
            dependencies: [
                "TrackerCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The only target allowed to import drivers; builds the one pool per engine.
        .target(
            name: "TrackerEngines",
            dependencies: [
                "TrackerCore",
                "TrackerStore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Shared HTTP plumbing for feature targets: request context, error body, guards.
        .target(
            name: "TrackerHTTP",
            dependencies: [
                "TrackerCore",
                "TrackerStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Feature: identity and access.
        .target(
            name: "Auth",
            dependencies: [
                "TrackerCore",
                "TrackerStore",
                "TrackerHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Feature: activity ingestion, idle time, productivity rules and the hourly rollups (the cache).
        .target(
            name: "Activities",
            dependencies: [
                "TrackerCore",
                "TrackerStore",
                "TrackerHTTP",
                "Auth",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        // Feature: analytics over the rollups (dashboard, trends, team metrics, exports).
        .target(
            name: "Analytics",
            dependencies: [
                "Activities",
                "TrackerCore",
                "TrackerStore",
                "TrackerHTTP",
                "Auth",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // Feature: schedules, shifts, time off and attendance.
        .target(
            name: "Schedules",
            dependencies: [
                "Activities",
                "ShiftPlanner",
                "Webhooks",
                "TrackerCore",
                "TrackerStore",
                "TrackerHTTP",
                "Auth",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The shift planner: a solver in pure Swift (no I/O, no database), fed by a feature target or the CLI.
        .target(name: "ShiftPlanner", dependencies: ["TrackerCore"]),
        // Webhooks: an outbox features publish events to in their transactions, and a dispatcher that delivers them.
        .target(
            name: "Webhooks",
            dependencies: [
                "TrackerCore",
                "TrackerStore",
                "TrackerHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Feature: flags (rules evaluated as data arrives, evidence, a review workflow).
        .target(
            name: "Flags",
            dependencies: [
                "Activities",
                "Schedules",
                "Webhooks",
                "TrackerCore",
                "TrackerStore",
                "TrackerHTTP",
                "Auth",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Feature: gamification (opt-in points, streaks, badges and leaderboards derived from activity).
        .target(
            name: "Gamification",
            dependencies: [
                "Activities",
                "Schedules",
                "TrackerCore",
                "TrackerStore",
                "TrackerHTTP",
                "Auth",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Feature: Connecteam sync (users, scheduler shifts, clocked time) over async-http-client.
        .target(
            name: "Connecteam",
            dependencies: [
                "Activities",
                "Auth",
                "Schedules",
                "TrackerCore",
                "TrackerStore",
                "TrackerHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A fake Connecteam (documented envelope, paging, faults): the tests' counterpart, and `fake-connecteam`.
        .target(
            name: "ConnecteamFake",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Feature: system control — retention, the privacy export and erasure, maintenance. It knows no other
        // feature's tables: each feature hands it parts (RetentionPart, PersonalDataPart) from TrackerStore.
        .target(
            name: "SystemControl",
            dependencies: [
                "Auth",
                "TrackerCore",
                "TrackerStore",
                "TrackerHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Feature: ActivityWatch's REST API (/api/0) and its query language, on top of Activities.
        .target(
            name: "AWCompat",
            dependencies: [
                "Activities",
                "TrackerCore",
                "TrackerStore",
                "TrackerHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Feature: the web interface — server-rendered pages over the features' services, at the site's root.
        .target(
            name: "Web",
            dependencies: [
                "Auth",
                "Activities",
                "Analytics",
                "Flags",
                "Schedules",
                "Gamification",
                "Connecteam",
                "TrackerCore",
                "TrackerHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Demo data: a generated organisation whose activity goes through the ingest service.
        .target(
            name: "DemoData",
            dependencies: ["TrackerCore", "TrackerStore", "Auth", "Activities", "Schedules"]
        ),
        // Composition root.
        .target(
            name: "TrackerApp",
            dependencies: [
                "TrackerCore",
                "TrackerStore",
                "TrackerEngines",
                "TrackerHTTP",
                "Auth",
                "Activities",
                "Analytics",
                "Schedules",
                "Flags",
                "Gamification",
                "Webhooks",
                "SystemControl",
                "Connecteam",
                "AWCompat",
                "Web",
                "DemoData",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "productivity-tracker",
            dependencies: [
                "TrackerApp",
                "Auth",
                "Activities",
                "Schedules",
                "DemoData",
                "ShiftPlanner",
                "ConnecteamFake",
                "TrackerCore",
                "TrackerStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "TrackerCore",
                "TrackerStore",
                "TrackerEngines",
                "TrackerApp",
                "TrackerHTTP",
                "Auth",
                "Schedules",
                "ConnecteamFake",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                // Tests may talk to PostgreSQL directly (to count connections, create schemas); Sources may not.
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "TrackerCoreTests", dependencies: ["TrackerCore"]),
        .testTarget(
            name: "AWCompatTests",
            dependencies: [
                "TestSupport",
                "AWCompat",
                "Activities",
                "TrackerCore",
                "TrackerHTTP",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "TrackerHTTPTests", dependencies: ["TrackerHTTP"]),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "TestSupport",
                "Web",
                "TrackerCore",
                "TrackerHTTP",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "DemoDataTests",
            dependencies: [
                "TestSupport",
                "DemoData",
                "TrackerCore",
                "TrackerHTTP",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "ActivitiesTests",
            dependencies: [
                "TestSupport",
                "Activities",
                "Auth",
                "TrackerCore",
                "TrackerEngines",
                "TrackerHTTP",
                "TrackerStore",
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "AnalyticsTests",
            dependencies: [
                "TestSupport",
                "Analytics",
                "TrackerCore",
                "TrackerHTTP",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "SchedulesTests",
            dependencies: [
                "TestSupport",
                "Schedules",
                "TrackerCore",
                "TrackerHTTP",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "ShiftPlannerTests", dependencies: ["ShiftPlanner", "TrackerCore"]),
        .testTarget(
            name: "FlagsTests",
            dependencies: [
                "TestSupport",
                "Flags",
                .product(name: "Crypto", package: "swift-crypto"),
                "Activities",
                "Schedules",
                "TrackerCore",
                "TrackerHTTP",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "GamificationTests",
            dependencies: [
                "TestSupport",
                "Gamification",
                "Activities",
                "TrackerCore",
                "TrackerHTTP",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "AuthTests",
            dependencies: [
                "TestSupport",
                "Auth",
                "TrackerCore",
                "TrackerHTTP",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ]
        ),
        .testTarget(
            name: "TrackerEnginesTests",
            dependencies: [
                "TestSupport",
                "TrackerEngines",
                "TrackerStore",
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(
            name: "TrackerAppTests",
            dependencies: [
                "TestSupport",
                "TrackerApp",
                "TrackerStore",
                "TrackerEngines",
                "Auth",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
    ]
)

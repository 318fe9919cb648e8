/// The ordered list of every migration. Feature issues append here; the order is the version order.
public enum Migrations {
    public static let all: [Migration] = [
        Migration(
            version: 1,
            name: "organization_settings",
            statements: [
                """
                CREATE TABLE organization_settings (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
            ]
        ),
        Migration(version: 2, name: "identity", statements: IdentitySchema.statements),
        Migration(version: 3, name: "activity", statements: ActivitySchema.statements),
        Migration(version: 4, name: "organization_rollups", statements: OrganizationRollupSchema.statements),
        Migration(version: 5, name: "daily_app_rollups", statements: DailyAppRollupSchema.statements),
        Migration(version: 6, name: "hardening", statements: HardeningSchema.statements),
        Migration(version: 7, name: "access_views", statements: AccessViewSchema.statements),
        Migration(version: 8, name: "rollup_coverage", statements: RollupCoverageSchema.statements),
        Migration(version: 9, name: "lean_events", statements: LeanEventSchema.sqlite, postgresStatements: LeanEventSchema.postgres),
        Migration(version: 10, name: "schedules", statements: ScheduleSchema.sqlite, postgresStatements: ScheduleSchema.postgres),
        Migration(version: 11, name: "attendance_cache", statements: AttendanceCacheSchema.sqlite, postgresStatements: AttendanceCacheSchema.postgres),
        Migration(version: 12, name: "optimize_jobs", statements: OptimizeSchema.statements),
        Migration(version: 13, name: "flags", statements: FlagSchema.statements),
        Migration(version: 14, name: "webhooks", statements: WebhookSchema.statements),
        Migration(version: 15, name: "gamification", statements: GamificationSchema.statements),
        Migration(version: 16, name: "agent_control", statements: AgentControlSchema.statements),
        Migration(version: 17, name: "retention_privacy", statements: RetentionSchema.statements),
        Migration(version: 18, name: "connecteam", statements: ConnecteamSchema.statements),
        Migration(version: 19, name: "aw_compat", statements: AWCompatSchema.sqlite, postgresStatements: AWCompatSchema.postgres),
        Migration(version: 20, name: "org_daily_app_rollups", statements: OrganizationAppRollupSchema.statements),
    ]

    /// The newest version the code knows; `/health/ready` wants the database at this version.
    public static var latestVersion: Int { all.map(\.version).max() ?? 0 }
}

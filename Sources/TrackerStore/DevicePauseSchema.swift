/// Migration 16 (issue 14, agent control): owned by Auth. A device paused remotely by an administrator or the
/// owner's manager (`paused_at`, `paused_by`): its agent is told to stop (`GET /api/agent/config`), and whatever it
/// sends meanwhile is dropped, never stored. Fixed text: never edit once released.
enum DevicePauseSchema {
    static let statements = [
        "ALTER TABLE devices ADD COLUMN paused_at BIGINT",
        "ALTER TABLE devices ADD COLUMN paused_by TEXT",
    ]
}

/// Migration 16 (issue 14, agent control): owned by Auth.
///
/// `devices` gains a remote pause (`paused_at`, `paused_by`: the agent is told to stop, and what it sends meanwhile
/// is dropped) and what the agent last reported (`agent_version`, `applied_config` — the version of the
/// configuration it runs with — and `reported_at`). `agent_settings`: one row per configured level — the
/// organisation (`scope_id` empty), a team, a person — holding that level's settings as JSON (fields left out
/// inherit). Fixed text: never edit once released.
enum AgentControlSchema {
    static let statements = [
        "ALTER TABLE devices ADD COLUMN paused_at BIGINT",
        "ALTER TABLE devices ADD COLUMN paused_by TEXT",
        "ALTER TABLE devices ADD COLUMN agent_version TEXT",
        "ALTER TABLE devices ADD COLUMN applied_config TEXT",
        "ALTER TABLE devices ADD COLUMN reported_at BIGINT",
        """
        CREATE TABLE agent_settings (
            scope TEXT NOT NULL,
            scope_id TEXT NOT NULL,
            settings TEXT NOT NULL,
            updated_by TEXT,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (scope, scope_id)
        )
        """,
    ]
}

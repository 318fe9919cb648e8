/// Migration 14 (issue 13, webhooks): owned by Webhooks.
///
/// `webhooks`: a receiver (URL, signing secret, on or off). `webhook_event_types`: which event types it receives
/// (`*` = all). `webhook_events`: the outbox — each event's body, written in the transaction of the change it
/// describes. `webhook_deliveries`: one per (event, receiver), fanned out in that same transaction; a dispatcher
/// leases due ones, posts them, and on failure schedules the next attempt with exponential backoff
/// (`next_attempt_at`), until it gives up (`failed`). `webhook_attempts`: the delivery log, one row per attempt
/// with the status code or the error. Fixed text: never edit once released.
enum WebhookSchema {
    static let statements = [
        """
        CREATE TABLE webhooks (
            id TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            secret TEXT NOT NULL,
            description TEXT,
            active INTEGER NOT NULL,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE webhook_event_types (
            webhook_id TEXT NOT NULL,
            event_type TEXT NOT NULL,
            PRIMARY KEY (webhook_id, event_type)
        )
        """,
        "CREATE INDEX webhook_event_types_by_type ON webhook_event_types(event_type)",
        """
        CREATE TABLE webhook_events (
            id TEXT PRIMARY KEY,
            event_type TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE webhook_deliveries (
            id TEXT PRIMARY KEY,
            webhook_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt_at BIGINT NOT NULL,
            lease_until BIGINT NOT NULL,
            last_status INTEGER,
            last_error TEXT,
            created_at BIGINT NOT NULL,
            finished_at BIGINT
        )
        """,
        "CREATE INDEX webhook_deliveries_due ON webhook_deliveries(state, next_attempt_at)",
        "CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries(webhook_id, created_at)",
        """
        CREATE TABLE webhook_attempts (
            delivery_id TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            at_ms BIGINT NOT NULL,
            status_code INTEGER,
            error TEXT,
            duration_ms BIGINT NOT NULL,
            PRIMARY KEY (delivery_id, attempt)
        )
        """,
    ]
}

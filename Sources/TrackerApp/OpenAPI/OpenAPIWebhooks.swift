/// Webhooks (`/api/system/webhooks`, administrators): receivers, the delivery log, a test delivery, a redelivery.
enum OpenAPIWebhooks {
    typealias JSON = OpenAPIDocument.JSON
    typealias Operation = OpenAPIDocument.Operation
    typealias S = OpenAPISchemas

    static let types = ["*", "flag.raised", "flag.changed", "schedule.published", "shift.changed", "shift.deleted", "shift.claimed"]
    static let hook = S.ref("Webhook")
    static let input: JSON = S.object([
        ("url", S.string), ("description", S.string), ("active", S.boolean), ("eventTypes", S.array(S.enumeration(types))),
        ("secret", S.string), ("rotateSecret", S.boolean),
    ])

    static let operations: [Operation] = [
        Operation(method: "get", path: "/api/system/webhooks", summary: "Webhook receivers", caller: .admin,
                  response: S.object([("items", S.array(hook))], required: ["items"])),
        Operation(method: "post", path: "/api/system/webhooks", summary: "Adds a receiver (a generated secret is shown once)", caller: .admin,
                  body: input, status: 201, response: hook),
        Operation(method: "get", path: "/api/system/webhooks/{webhookId}", summary: "A receiver", caller: .admin, response: hook),
        Operation(method: "patch", path: "/api/system/webhooks/{webhookId}", summary: "Changes a receiver (rotateSecret shows the new one once)",
                  caller: .admin, body: input, response: hook),
        Operation(method: "delete", path: "/api/system/webhooks/{webhookId}", summary: "Removes a receiver and its log", caller: .admin, status: 204),
        Operation(method: "get", path: "/api/system/webhooks/{webhookId}/deliveries", summary: "The delivery log, newest first, with every attempt",
                  caller: .admin, query: OpenAPIDocument.paging,
                  response: S.object([("items", S.array(S.ref("WebhookDelivery"))), ("nextCursor", S.string)], required: ["items"])),
        Operation(method: "post", path: "/api/system/webhooks/{webhookId}/test", summary: "Queues a ping to this receiver (202)", caller: .admin,
                  status: 202, response: S.object([("eventId", S.uuid)])),
        Operation(method: "post", path: "/api/system/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver",
                  summary: "Sends an undelivered delivery again now (202)", caller: .admin, status: 202),
    ]

    static let schemas: [(String, JSON)] = [
        ("Webhook", S.object([
            ("id", S.uuid), ("url", S.string), ("description", S.string), ("active", S.boolean), ("eventTypes", S.array(S.enumeration(types))),
            ("createdAt", S.dateTime), ("updatedAt", S.dateTime), ("secret", S.string),
        ], required: ["id", "url", "active", "eventTypes", "createdAt", "updatedAt"])),
        ("WebhookDelivery", S.object([
            ("id", S.uuid), ("eventId", S.uuid), ("eventType", S.string), ("state", S.enumeration(["pending", "delivered", "failed"])),
            ("attempts", S.integer), ("nextAttemptAt", S.dateTime), ("lastStatus", S.integer), ("lastError", S.string),
            ("createdAt", S.dateTime), ("finishedAt", S.dateTime),
            ("log", S.array(S.object([("attempt", S.integer), ("at", S.dateTime), ("statusCode", S.integer), ("error", S.string),
                                      ("durationMs", S.integer)]))),
        ], required: ["id", "eventId", "eventType", "state", "attempts", "createdAt", "log"])),
    ]
}

import Foundation
import Hummingbird
import TrackerCore
import TrackerHTTP

/// `/api/system/webhooks`: administrators only.
struct WebhookController {
    let webhooks: WebhookService

    struct Items: ResponseCodable, Sendable { var items: [Webhook] }
    struct Queued: ResponseCodable, Sendable { var eventId: String }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get { _, context -> Items in
            _ = try context.requireAdmin()
            return Items(items: try await webhooks.list())
        }
        group.post { request, context -> EditedResponse<Webhook> in
            let user = try context.requireAdmin()
            let input = try await request.decodeJSON(as: WebhookService.Input.self, context: context)
            return EditedResponse(status: .created, response: try await webhooks.create(input, by: user.employeeID))
        }
        group.get(":webhookId") { _, context -> Webhook in
            _ = try context.requireAdmin()
            return try await webhooks.get(try context.uuidParameter("webhookId"))
        }
        group.patch(":webhookId") { request, context -> Webhook in
            _ = try context.requireAdmin()
            let input = try await request.decodeJSON(as: WebhookService.Input.self, context: context)
            return try await webhooks.update(try context.uuidParameter("webhookId"), input)
        }
        group.delete(":webhookId") { _, context -> Response in
            _ = try context.requireAdmin()
            try await webhooks.delete(try context.uuidParameter("webhookId"))
            return Response(status: .noContent)
        }
        group.get(":webhookId/deliveries") { request, context -> Page<WebhookDelivery> in
            _ = try context.requireAdmin()
            return try await webhooks.deliveries(try context.uuidParameter("webhookId"), page: try PageRequest(request))
        }
        group.post(":webhookId/test") { _, context -> EditedResponse<Queued> in
            _ = try context.requireAdmin()
            return EditedResponse(status: .accepted, response: Queued(eventId: try await webhooks.test(try context.uuidParameter("webhookId"))))
        }
        group.post(":webhookId/deliveries/:deliveryId/redeliver") { _, context -> Response in
            _ = try context.requireAdmin()
            try await webhooks.redeliver(try context.uuidParameter("webhookId"), delivery: try context.uuidParameter("deliveryId"))
            return Response(status: .accepted)
        }
    }
}

extension Webhook: ResponseCodable {}

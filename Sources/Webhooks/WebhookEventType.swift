/// The events a receiver may subscribe to (`*`: all of them, present and future).
public enum WebhookEventType: String, Codable, Sendable, CaseIterable {
    case all = "*"
    case flagRaised = "flag.raised"
    case flagChanged = "flag.changed"
    case schedulePublished = "schedule.published"
    case shiftChanged = "shift.changed"
    case shiftDeleted = "shift.deleted"
    case shiftClaimed = "shift.claimed"
    /// A test delivery (`POST …/{id}/test`): only to the receiver asked.
    case ping
}

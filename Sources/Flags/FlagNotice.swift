import Foundation
import SQLKit
import Webhooks

/// Flag events for webhooks (`flag.raised`, `flag.changed`), published in the transaction that made the change.
/// The `text` reads well in Slack; `data` is the flag as the API shows it, with the person's name.
enum FlagNotice {
    struct Data: Encodable, Sendable {
        var flag: Flag
        var employeeName: String?
    }

    static func raised(_ flag: Flag, name: String?, at: Date, _ db: any SQLDatabase) async throws {
        let who = name ?? flag.employeeId
        try await WebhookOutbox.publish(
            db, type: .flagRaised,
            text: "⚑ \(flag.rule.title) (\(flag.severity.rawValue)) — \(who), \(flag.evidence.period.label): \(flag.evidence.summary)",
            data: Data(flag: flag, employeeName: name), at: at
        )
    }

    static func changed(_ flag: Flag, name: String?, what: String, at: Date, _ db: any SQLDatabase) async throws {
        let who = name ?? flag.employeeId
        try await WebhookOutbox.publish(
            db, type: .flagChanged,
            text: "\(flag.rule.title) — \(who), \(flag.evidence.period.label): now \(flag.state.rawValue). \(what)",
            data: Data(flag: flag, employeeName: name), at: at
        )
    }
}

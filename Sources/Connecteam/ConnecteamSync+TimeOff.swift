import Auth
import Foundation
import Schedules
import TrackerCore

extension ConnecteamSync {
    /// Time-off requests in the window (approved, pending and denied — Connecteam's default is approved only) become
    /// our time off (source `connecteam`, by request id); approved ones make the person unavailable. Requests of
    /// people not matched here are skipped (counted); those Connecteam no longer has in the window go.
    func timeOff(_ client: ConnecteamClient, settings: ConnecteamSettings, people: [Int: Employee], _ holder: String,
                 _ counts: inout [String: Int]) async throws {
        let utc = TimeZone(identifier: "UTC") ?? .gmt
        let today = LocalPeriod.localDate(time.now, in: utc)
        let first = LocalCalendar.date(today, plusDays: -settings.pastDays) ?? today, last = LocalCalendar.date(today, plusDays: settings.futureDays) ?? today
        let kinds = try await client.get("/time-off/v1/policy-types", as: CT.PolicyTypes.self).policyTypes
        let kindOf = Dictionary(kinds.map { ($0.id, Self.kind($0.name ?? "")) }, uniquingKeysWith: { a, _ in a })
        var seen = Set<String>()
        var offset = 0
        while true {
            let page = try await client.get("/time-off/v1/requests", [
                ("startDate", first), ("endDate", last), ("statuses", "approved"), ("statuses", "pending"), ("statuses", "denied"),
                ("limit", "100"), ("offset", "\(offset)"),
            ], as: CT.TimeOffRequests.self).requests
            var items: [TimeOffImport.Item] = []
            for request in page {
                guard let person = people[request.userId], let item = Self.item(request, person: person.id, kind: kindOf[request.policyTypeId ?? ""] ?? .other)
                else { counts["timeOff.skipped", default: 0] += 1; continue }
                seen.insert(item.externalId)
                items.append(item)
            }
            counts["timeOff.written", default: 0] += try await timeOffImports.write(items)
            try await keepLock(holder)
            if page.isEmpty { break }
            offset += page.count
        }
        let from = Date(epochMillis: Self.startOf(first)), to = Date(epochMillis: Self.startOf(LocalCalendar.date(last, plusDays: 1) ?? last))
        counts["timeOff.removed", default: 0] += try await timeOffImports.removeMissing(source: Self.source, from: from, to: to, keep: seen)
    }

    /// A request as our time off: all-day ones from the first day's midnight to the day after the last, in the
    /// request's zone; others from start to end time. Nil when it cannot be read (counted as skipped).
    static func item(_ request: CT.TimeOffRequest, person: String, kind: TimeOff.Kind) -> TimeOffImport.Item? {
        let zone = TimeZone(identifier: request.timezone ?? "UTC") ?? .gmt
        guard request.id.count <= 100, let status = TimeOff.Status(rawValue: request.status ?? "approved"),
              let firstDay = LocalCalendar.day(request.startDate, zone), let lastDay = LocalCalendar.day(request.endDate, zone) else { return nil }
        if request.isAllDay ?? true {
            guard lastDay.end > firstDay.start else { return nil }
            return .init(employeeId: person, start: firstDay.start, end: lastDay.end, allDay: true, firstDay: firstDay.date, lastDay: lastDay.date,
                         kind: kind, status: status, source: source, externalId: request.id)
        }
        guard let from = hours(request.startTime), let to = hours(request.endTime),
              let start = LocalCalendar.instant(firstDay, hour: from, zone), let end = LocalCalendar.instant(lastDay, hour: to, zone), end > start
        else { return nil }
        return .init(employeeId: person, start: start, end: end, allDay: false, firstDay: nil, lastDay: nil, kind: kind, status: status,
                     source: source, externalId: request.id)
    }

    /// `HH:MM[:SS]` as hours.
    static func hours(_ text: String?) -> Double? {
        let parts = (text ?? "").split(separator: ":").compactMap { Double($0) }
        guard (2...3).contains(parts.count), (0..<24).contains(parts[0]), (0..<60).contains(parts[1]) else { return nil }
        return parts[0] + parts[1] / 60 + (parts.count == 3 ? parts[2] / 3600 : 0)
    }

    /// Our kind for a Connecteam policy type, by its name.
    static func kind(_ name: String) -> TimeOff.Kind {
        let n = name.lowercased()
        if n.contains("sick") || n.contains("illness") { return .sick }
        if n.contains("unpaid") { return .unpaid }
        if n.contains("vacation") || n.contains("holiday") || n.contains("annual") || n.contains("pto") || n.contains("leave") { return .vacation }
        if n.contains("personal") { return .personal }
        return .other
    }
}

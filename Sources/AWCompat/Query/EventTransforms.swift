/// ActivityWatch's event algebra (aw-transform), pure: every function takes events and gives new ones, in time
/// linear (or n log n, where it sorts) in their number. Semantics follow aw-server-rust; where aw-server (Python)
/// differs it is said.
public enum EventTransforms {
    /// Oldest first; equal timestamps keep their order.
    public static func sortByTimestamp(_ events: [AWEvent]) -> [AWEvent] {
        events.enumerated().sorted { $0.element.start != $1.element.start ? $0.element.start < $1.element.start : $0.offset < $1.offset }.map(\.element)
    }

    /// Longest first; equal durations keep their order.
    public static func sortByDuration(_ events: [AWEvent]) -> [AWEvent] {
        events.enumerated().sorted { $0.element.duration != $1.element.duration ? $0.element.duration > $1.element.duration : $0.offset < $1.offset }.map(\.element)
    }

    /// Fills gaps shorter than `pulsetime` between consecutive events: equal neighbours merge, different ones meet
    /// half-way. Overlapping equal neighbours merge too.
    public static func flood(_ events: [AWEvent], pulsetime: Int64) -> [AWEvent] {
        let sorted = sortByTimestamp(events)
        var result: [AWEvent] = []
        result.reserveCapacity(sorted.count)
        var gapBefore: Int64?
        var index = 0
        var pending: AWEvent?
        while true {
            guard var e1 = pending ?? (index < sorted.count ? sorted[index] : nil) else { break }
            if pending == nil { index += 1 }
            pending = nil
            if let gap = gapBefore {
                e1.start -= gap / 2
                e1.duration += gap / 2
                gapBefore = nil
            }
            guard index < sorted.count else { result.append(e1); break }
            let e2 = sorted[index]
            let gap = e2.start - e1.end
            if (gap < 0 || gap < pulsetime) && e1.data == e2.data {
                let end = max(e1.end, e2.end)
                e1.start = min(e1.start, e2.start)
                e1.duration = end - e1.start
                index += 1
                pending = e1
                continue
            }
            if gap >= 0 && gap < pulsetime {
                e1.duration += gap / 2
                gapBefore = gap
            }
            result.append(e1)
        }
        return result
    }

    /// One event per distinct combination of `keys` (events missing one are left out), durations summed, in order
    /// of first appearance. The merged event's data holds just those keys (aw-server's; aw-server-rust keeps the
    /// first event's whole data).
    public static func mergeByKeys(_ events: [AWEvent], keys: [String]) -> [AWEvent] {
        guard !keys.isEmpty else { return [] }
        if keys.count == 1 { return mergeByKey(events, key: keys[0]) }
        var slots: [[AWJSON]: Int] = [:]
        var merged: [AWEvent] = []
        for event in events {
            var values: [AWJSON] = []
            values.reserveCapacity(keys.count)
            for key in keys {
                guard let value = event.data.value(key) else { break }
                values.append(value)
            }
            guard values.count == keys.count else { continue }
            if let slot = slots[values] {
                merged[slot].duration += event.duration
            } else {
                slots[values] = merged.count
                merged.append(AWEvent(start: event.start, duration: event.duration, data: zip(keys, values).map { .init($0, $1) }))
            }
        }
        return merged
    }

    /// `mergeByKeys` for one key (the common case: app, URL, domain, category), without a key array per event.
    static func mergeByKey(_ events: [AWEvent], key: String) -> [AWEvent] {
        var slots: [AWJSON: Int] = [:]
        var merged: [AWEvent] = []
        for event in events {
            guard let value = event.data.value(key) else { continue }
            if let slot = slots[value] {
                merged[slot].duration += event.duration
            } else {
                slots[value] = merged.count
                merged.append(AWEvent(start: event.start, duration: event.duration, data: [.init(key, value)]))
            }
        }
        return merged
    }

    /// Consecutive events with the same value under `key` become one (durations summed); events without it are
    /// skipped.
    public static func chunkByKey(_ events: [AWEvent], key: String) -> [AWEvent] {
        var chunks: [AWEvent] = []
        for event in events {
            guard let value = event.data.value(key) else { continue }
            if let last = chunks.last, last.data.value(key) == value {
                chunks[chunks.count - 1].duration += event.duration
            } else {
                chunks.append(event)
            }
        }
        return chunks
    }

    /// The parts of `events` that fall inside some event of `filter` (both sorted first); zero-length events drop.
    public static func filterPeriodIntersect(_ events: [AWEvent], _ filter: [AWEvent]) -> [AWEvent] {
        let events = sortByTimestamp(events), filter = sortByTimestamp(filter)
        var result: [AWEvent] = []
        var i = 0, j = 0
        var current = events.first
        while var event = current, j < filter.count {
            let window = filter[j]
            if event.duration == 0 || event.end <= window.start {
                i += 1
                current = i < events.count ? events[i] : nil
                continue
            }
            if event.start >= window.end {
                j += 1
                continue
            }
            var part = event
            part.start = max(event.start, window.start)
            part.duration = min(event.end, window.end) - part.start
            result.append(part)
            let end = event.end
            event.start = part.end
            event.duration = end - event.start
            current = event
        }
        return result
    }

    /// The union of the periods covered by either list, as data-less events, oldest first. Touching periods join.
    public static func periodUnion(_ a: [AWEvent], _ b: [AWEvent]) -> [AWEvent] {
        var union: [AWEvent] = []
        for event in sortByTimestamp(a + b) {
            if let last = union.last, event.start <= last.end {
                union[union.count - 1].duration = max(last.end, event.end) - last.start
            } else {
                union.append(AWEvent(id: event.id, start: event.start, duration: event.duration, data: []))
            }
        }
        return union
    }

    /// Merges two sorted lists; where an event of `b` overlaps one of `a`, only its parts outside `a` are kept.
    public static func unionNoOverlap(_ a: [AWEvent], _ b: [AWEvent]) -> [AWEvent] {
        var result: [AWEvent] = []
        var second = b
        var i = 0, j = 0
        func split(_ e: AWEvent, at t: Int64) -> (AWEvent, AWEvent?) {
            guard e.start < t, t < e.end else { return (e, nil) }
            return (AWEvent(start: e.start, duration: t - e.start, data: e.data), AWEvent(start: t, duration: e.end - t, data: e.data))
        }
        while i < a.count && j < second.count {
            let e1 = a[i], e2 = second[j]
            let intersects = e1.start < e2.end && e2.start < e1.end
            if intersects {
                if e1.start <= e2.start {
                    result.append(e1)
                    i += 1
                    if let rest = split(e2, at: e1.end).1 { second[j] = rest } else { j += 1 }
                } else {
                    let (head, tail) = split(e2, at: e1.start)
                    result.append(head)
                    j += 1
                    if let tail { second.insert(tail, at: j) }
                }
            } else if e1.start <= e2.start {
                result.append(e1)
                i += 1
            } else {
                result.append(e2)
                j += 1
            }
        }
        result += a[i...]
        result += second[j...]
        return result
    }

    /// Adds `$protocol`, `$domain` (without `www.`), `$path` and `$params` from `data.url` when it parses.
    public static func splitURL(_ events: [AWEvent]) -> [AWEvent] {
        events.map { event in
            guard let text = event.data.value("url")?.stringValue, let parts = URLParts(text) else { return event }
            var event = event
            event.data.set("$protocol", .string(parts.scheme))
            event.data.set("$domain", .string(parts.domain))
            event.data.set("$path", .string(parts.path))
            event.data.set("$params", .string(parts.query))
            return event
        }
    }

    public static func sumDurations(_ events: [AWEvent]) -> Int64 {
        events.reduce(0) { $0 &+ $1.duration }
    }
}

/// A URL's parts as `split_url_events` reports them: `scheme:[//host[:port]]path[?query][#fragment]` (RFC 3986's
/// generic syntax, read by hand: Foundation's parser cost more than the rest of a month's browser query).
struct URLParts {
    let scheme: String
    let domain: String
    let path: String
    let query: String

    init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count <= 8192, let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0,
              bytes[0..<colon].allSatisfy({ Self.isSchemeByte($0) }), Self.isLetter(bytes[0]),
              !bytes.contains(where: { $0 <= 0x20 })
        else { return nil }
        scheme = String(decoding: bytes[0..<colon], as: UTF8.self).lowercased()
        var i = colon + 1
        var host = ""
        let hasAuthority = i + 1 < bytes.count && bytes[i] == UInt8(ascii: "/") && bytes[i + 1] == UInt8(ascii: "/")
        if hasAuthority {
            i += 2
            let start = i
            while i < bytes.count, ![UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#")].contains(bytes[i]) { i += 1 }
            var authority = bytes[start..<i]
            if let at = authority.lastIndex(of: UInt8(ascii: "@")) { authority = authority[(at + 1)...] }
            if authority.first == UInt8(ascii: "[") {
                if let close = authority.firstIndex(of: UInt8(ascii: "]")) { authority = authority[authority.startIndex...close] }
            } else if let port = authority.lastIndex(of: UInt8(ascii: ":")) {
                authority = authority[..<port]
            }
            host = String(decoding: authority, as: UTF8.self).lowercased()
        }
        let pathStart = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "?"), bytes[i] != UInt8(ascii: "#") { i += 1 }
        let rawPath = String(decoding: bytes[pathStart..<i], as: UTF8.self)
        var query = ""
        if i < bytes.count, bytes[i] == UInt8(ascii: "?") {
            let start = i + 1
            i = start
            while i < bytes.count, bytes[i] != UInt8(ascii: "#") { i += 1 }
            query = String(decoding: bytes[start..<i], as: UTF8.self)
        }
        while host.hasPrefix("www.") { host.removeFirst(4) }
        domain = host.isEmpty ? scheme : host
        path = rawPath.isEmpty && hasAuthority ? "/" : rawPath
        self.query = query
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
    private static func isSchemeByte(_ b: UInt8) -> Bool {
        isLetter(b) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }
}

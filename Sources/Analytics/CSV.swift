/// RFC 4180 CSV: fields with a comma, quote, CR or LF are quoted and quotes doubled; lines end with CRLF.
enum CSV {
    static func field(_ value: String) -> String {
        // `isNewline`: in Swift "\r\n" is one Character, equal to neither "\r" nor "\n".
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func document(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}

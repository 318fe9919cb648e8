import Hummingbird
import TrackerCore

/// RFC 4180 CSV: fields with a comma, quote, CR or LF are quoted and quotes doubled; lines end with CRLF.
/// Text that a spreadsheet would run as a formula (OWASP's CSV injection rule: a cell beginning with `=`, `+`,
/// `-`, `@`, tab or CR — app names and window titles come from agents) is prefixed with `'` and quoted, so
/// Excel and LibreOffice show it as text. Plain numbers (`-12.5`) are left as they are.
public enum CSV {
    public static func field(_ value: String) -> String {
        if isFormula(value) { return "\"'" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        // `isNewline`: in Swift "\r\n" is one Character, equal to neither "\r" nor "\n".
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    static func isFormula(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, formulaStarts.contains(first) else { return false }
        return !isPlainNumber(value)
    }

    /// `-12`, `-0.5`, `+3e2`: what our own number cells look like (digits, one sign, a point, an exponent).
    static func isPlainNumber(_ value: String) -> Bool {
        value.utf8.count <= 32 && value.unicodeScalars.allSatisfy { "0123456789.-+eE".unicodeScalars.contains($0) } && Double(value) != nil
    }

    public static func document(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}

/// `?format=json|csv` and the download response every CSV export shares.
public enum CSVDownload {
    /// `?format=json|csv` (JSON by default); anything else is a `400` naming `format`.
    public static func wanted(_ request: Request) throws -> Bool {
        let format = request.uri.queryParameters.get("format") ?? "json"
        guard format == "json" || format == "csv" else { throw SimpleAppError.invalid("format", "must be json or csv") }
        return format == "csv"
    }

    /// A download: `text/csv` with a file name (`.csv` appended).
    public static func response(_ document: String, filename: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(filename).csv\""],
            body: .init(byteBuffer: ByteBuffer(string: document))
        )
    }

    /// A number cell: whole numbers without a fraction, others as Swift prints them; empty for nil.
    public static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

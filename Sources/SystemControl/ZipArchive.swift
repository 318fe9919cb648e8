import Foundation

/// A ZIP file (PKWARE APPNOTE 6.3) of stored (uncompressed) entries with UTF-8 names: what every unzip tool, OS file
/// manager and spreadsheet opens, without a compression library. Entries and the whole file stay under 4 GiB (no
/// ZIP64): a person's export is megabytes.
struct ZipArchive {
    struct TooLarge: Error {}

    private var bytes: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0
    private let dosTime: UInt16
    private let dosDate: UInt16

    /// `modified`: the time every entry carries (the export's time), in UTC.
    init(modified: Date) {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC") ?? .current, from: modified)
        let year = max(1980, min(2107, c.year ?? 1980))
        dosDate = UInt16(((year - 1980) << 9) | ((c.month ?? 1) << 5) | (c.day ?? 1))
        dosTime = UInt16(((c.hour ?? 0) << 11) | ((c.minute ?? 0) << 5) | ((c.second ?? 0) / 2))
    }

    mutating func add(_ name: String, _ data: [UInt8]) throws {
        let nameBytes = Array(name.utf8)
        guard data.count < Int(UInt32.max), bytes.count + data.count + nameBytes.count + 30 < Int(UInt32.max) else { throw TooLarge() }
        let crc = CRC32.checksum(data)
        let offset = UInt32(bytes.count)
        // Local file header.
        var local: [UInt8] = []
        local.le32(0x0403_4b50); local.le16(20); local.le16(0x0800); local.le16(0)   // version, UTF-8 names, stored
        local.le16(dosTime); local.le16(dosDate); local.le32(crc)
        local.le32(UInt32(data.count)); local.le32(UInt32(data.count)); local.le16(UInt16(nameBytes.count)); local.le16(0)
        bytes += local + nameBytes + data
        // Its central directory record.
        central.le32(0x0201_4b50); central.le16(0x031e); central.le16(20); central.le16(0x0800); central.le16(0)
        central.le16(dosTime); central.le16(dosDate); central.le32(crc)
        central.le32(UInt32(data.count)); central.le32(UInt32(data.count)); central.le16(UInt16(nameBytes.count))
        central.le16(0); central.le16(0); central.le16(0); central.le16(0)
        central.le32(0o100644 << 16)   // a regular file, rw-r--r--
        central.le32(offset)
        central += nameBytes
        count += 1
    }

    /// The whole file: the entries, the central directory, and its end record.
    func finished() throws -> [UInt8] {
        guard count < Int(UInt16.max), bytes.count + central.count < Int(UInt32.max) else { throw TooLarge() }
        var end: [UInt8] = []
        end.le32(0x0605_4b50); end.le16(0); end.le16(0); end.le16(UInt16(count)); end.le16(UInt16(count))
        end.le32(UInt32(central.count)); end.le32(UInt32(bytes.count)); end.le16(0)
        return bytes + central + end
    }
}

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) as ZIP wants it.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in data { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

private extension [UInt8] {
    mutating func le16(_ v: UInt16) { append(UInt8(v & 0xFF)); append(UInt8(v >> 8)) }
    mutating func le32(_ v: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((v >> UInt32(shift)) & 0xFF)) } }
}

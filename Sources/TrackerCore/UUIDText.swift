/// UUIDs as text (8-4-4-4-12 hexadecimal digits) and as their two 64-bit halves, without Foundation's `UUID`
/// parser and formatter (`sscanf` / `sprintf` underneath: several microseconds per id, on every event of a batch).
public enum UUIDText {
    static let hyphens: Set<Int> = [8, 13, 18, 23]

    /// The 128 bits of a UUID in canonical text form (either case), big-endian halves; nil for anything else.
    public static func bits(_ text: String) -> (hi: UInt64, lo: UInt64)? {
        let utf8 = text.utf8
        guard utf8.count == 36 else { return nil }
        var hi: UInt64 = 0, lo: UInt64 = 0, nibbles = 0
        for (index, c) in utf8.enumerated() {
            if hyphens.contains(index) {
                guard c == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard let value = Hex.value(c) else { return nil }
            if nibbles < 16 { hi = hi << 4 | UInt64(value) } else { lo = lo << 4 | UInt64(value) }
            nibbles += 1
        }
        return (hi, lo)
    }

    /// The canonical lowercase text of the halves.
    public static func text(hi: UInt64, lo: UInt64) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for nibble in 0..<32 {
            if nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20 { text.append(UInt8(ascii: "-")) }
            let word = nibble < 16 ? hi : lo
            text.append(Hex.digits[Int(truncatingIfNeeded: (word >> UInt64(4 * (15 - nibble % 16))) & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The canonical lowercase form of a UUID text, or nil.
    public static func canonical(_ text: String) -> String? {
        bits(text).map { self.text(hi: $0.hi, lo: $0.lo) }
    }
}

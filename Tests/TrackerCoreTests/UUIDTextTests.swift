import Foundation
import Testing
@testable import TrackerCore

/// Our UUID parser and formatter (hot on ingest) must agree with Foundation's on every input.
@Suite("UUID text")
struct UUIDTextTests {
    @Test("random UUIDs round-trip exactly as Foundation parses and prints them, either case")
    func agreesWithFoundation() throws {
        for _ in 0..<2_000 {
            let uuid = UUID()
            for text in [uuid.uuidString, uuid.uuidString.lowercased()] {
                let bits = try #require(UUIDText.bits(text))
                #expect(UUIDText.text(hi: bits.hi, lo: bits.lo) == uuid.uuidString.lowercased())
                #expect(UUIDText.canonical(text) == UUID(uuidString: text)?.uuidString.lowercased())
            }
        }
        #expect(UUIDText.bits("ffffffff-ffff-ffff-ffff-ffffffffffff")! == (UInt64.max, UInt64.max))
        #expect(UUIDText.bits("00000000-0000-0000-0000-000000000001")! == (0, 1))
    }

    @Test("anything but the canonical form is refused, like Foundation does", arguments: [
        "", "0", "00000000000000000000000000000000", "{00000000-0000-0000-0000-000000000000}",
        "00000000-0000-0000-0000-00000000000", "00000000-0000-0000-0000-0000000000000", "0000000-00000-0000-0000-000000000000",
        "00000000-0000-0000-0000-00000000000g", "00000000 0000-0000-0000-000000000000", "0000000é-0000-0000-0000-000000000000",
        "00000000-0000-0000-0000-00000000000\u{0}",
    ])
    func refuses(text: String) {
        #expect(UUIDText.bits(text) == nil)
        #expect(UUID(uuidString: text) == nil)
    }

    @Test("hex is lowercase, two digits a byte")
    func hex() {
        #expect(Hex.lowercase([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(Hex.lowercase([UInt8]()) == "")
    }
}

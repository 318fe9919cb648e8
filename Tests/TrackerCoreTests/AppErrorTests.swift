import Foundation
import Testing
import TrackerCore

@Suite("Core values")
struct AppErrorTests {
    @Test("a secret never shows in descriptions or interpolation")
    func secretMasked() {
        let secret = Secret("hunter2")
        #expect("\(secret)" == "******")
        #expect(String(reflecting: secret) == "******")
        #expect(!"\([secret])".contains("hunter2"))
        #expect(secret.value == "hunter2")
    }

    @Test("invalid(field) is a 400 naming the field")
    func invalidField() {
        let error = SimpleAppError.invalid("limit", "must be between 1 and 500")
        #expect(error.kind == .badRequest)
        #expect(error.code == "invalid_limit")
        #expect(error.message.hasPrefix("limit:"))
        #expect(error.retryAfterSeconds == nil)
    }

    @Test("a fixed time source always answers the same instant")
    func fixedTime() {
        let instant = Date(timeIntervalSince1970: 1_772_357_400)
        let time = TimeSource.fixed(instant)
        #expect(time.now == instant)
        #expect(time.now == time.now)
    }
}

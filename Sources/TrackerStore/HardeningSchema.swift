/// Migration 6 (issue 9, hardening): the sign-in throttle's attempt marker, so one atomic upsert both counts an
/// attempt and tells its caller whether it was the one counted.
enum HardeningSchema {
    static let statements: [String] = [
        "ALTER TABLE login_throttle ADD COLUMN attempt TEXT",
    ]
}

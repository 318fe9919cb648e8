/// This build's version, shown by `GET /api/system/status` and `--version`.
public enum AppVersion {
    public static let version = "0.13.0"
    #if DEBUG
    public static let build = "debug"
    #else
    public static let build = "release"
    #endif
}

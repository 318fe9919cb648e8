/// Window apps that are web browsers (aw-client's `browser_appnames`, the list aw-webui's browser view uses): their
/// window time takes the URL of the tab the browser extension reports at that moment.
enum Browsers {
    static let appNames: Set<String> = Set([
        "Google Chrome", "Google-chrome", "chrome.exe", "google-chrome-stable", "Chromium", "Chromium-browser",
        "Chromium-browser-chromium", "chromium.exe", "Google-chrome-beta", "Google-chrome-unstable", "Brave-browser",
        "Firefox", "Firefox.exe", "firefox", "firefox.exe", "Firefox Developer Edition", "firefoxdeveloperedition",
        "Firefox-esr", "Firefox Beta", "Nightly", "org.mozilla.firefox", "opera.exe", "Opera", "brave.exe", "msedge.exe",
        "Microsoft Edge", "Vivaldi-stable", "Vivaldi-snapshot", "vivaldi.exe",
    ].map { $0.lowercased() })

    /// A tab event still counts this long after its last report (aw-watcher-web beats about once a minute while a
    /// tab stays open).
    static let tabSlack: Int64 = 90_000

    static func isBrowser(_ app: String) -> Bool { appNames.contains(app.lowercased()) }
}

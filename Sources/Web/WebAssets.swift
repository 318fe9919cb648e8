import Crypto
import Foundation
import TrackerCore

/// The stylesheet and script, compiled in (nothing is fetched at run time, nothing to install beside the binary),
/// served under names that carry a hash of their content so browsers may keep them forever.
struct WebAssets: Sendable {
    struct Asset: Sendable {
        let path: String
        let contentType: String
        let body: String
    }

    let stylesheet: Asset
    let script: Asset
    let icon: Asset

    init() {
        stylesheet = Self.asset("app", "css", "text/css; charset=utf-8", WebStylesheet.text)
        script = Self.asset("app", "js", "text/javascript; charset=utf-8", WebScript.text)
        icon = Self.asset("icon", "svg", "image/svg+xml", Self.iconSVG)
    }

    var all: [Asset] { [stylesheet, script, icon] }

    /// Three bars of a day chart: the tab's icon (without one, browsers ask for `/favicon.ico` on every visit).
    static let iconSVG = """
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#2456c7"/>\
    <rect x="3" y="8" width="2.5" height="5" fill="#fff"/><rect x="6.75" y="4" width="2.5" height="9" fill="#fff"/>\
    <rect x="10.5" y="6" width="2.5" height="7" fill="#fff"/></svg>
    """

    private static func asset(_ name: String, _ ext: String, _ type: String, _ body: String) -> Asset {
        let digest = Hex.lowercase(Array(SHA256.hash(data: Data(body.utf8)).prefix(6)))
        return Asset(path: "/static/\(name)-\(digest).\(ext)", contentType: type, body: body)
    }
}

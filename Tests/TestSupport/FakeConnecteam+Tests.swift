@_exported import ConnecteamFake

extension FakeConnecteam {
    /// A fake on a free loopback port, pages clamped to `maxPage`.
    public convenience init(apiKey: String = "fake-connecteam-key-0001", maxPage: Int = 3) throws {
        self.init(port: try freePort(), apiKey: apiKey, maxPage: maxPage)
    }
}

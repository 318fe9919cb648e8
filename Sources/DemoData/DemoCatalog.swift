import TrackerCore

/// What the demo organisation is made of: kinds of team with their zones and app mixes, and the organisation's
/// productivity rules. Apps not covered by a rule stay uncategorised, as in a real first week.
enum DemoCatalog {
    /// One thing a person can be doing: the app, a title pattern (`#` becomes a number) and maybe a URL.
    struct Activity: Sendable {
        var app: String
        var titles: [String]
        var url: String?

        init(_ app: String, _ titles: [String], url: String? = nil) {
            self.app = app
            self.titles = titles
            self.url = url
        }
    }

    struct TeamKind: Sendable {
        var name: String
        var zone: String
        /// Focused work, by weight.
        var work: [(Activity, Double)]
        /// The meeting tool of the team.
        var meetingApp: Activity
    }

    static let chat = Activity("Slack", ["#general", "#team-standup", "Direct message", "#random", "Thread in #help"])
    static let mail = Activity("Mail", ["Inbox (#)", "Re: Quarterly planning", "Fwd: Customer question", "Drafts"])
    static let calendar = Activity("Calendar", ["Week view", "Event details"])
    static let finder = Activity("Finder", ["Downloads", "Documents", "Desktop"])
    static let settings = Activity("System Settings", ["Wi-Fi", "Displays"])

    /// Communication and housekeeping everyone does.
    static let common: [(Activity, Double)] = [(chat, 5), (mail, 3), (calendar, 1), (finder, 0.6), (settings, 0.2)]

    static let distractions: [(Activity, Double)] = [
        (Activity("Google Chrome", ["YouTube - Home", "Video # - YouTube"], url: "https://www.youtube.com/watch?v=#"), 3),
        (Activity("Google Chrome", ["r/programming", "Reddit - Dive into anything"], url: "https://www.reddit.com/r/#"), 2),
        (Activity("Google Chrome", ["Home / X"], url: "https://x.com/home"), 2),
        (Activity("Google Chrome", ["BBC News - Home", "World news"], url: "https://www.bbc.co.uk/news/#"), 1.5),
        (Activity("Spotify", ["Discover Weekly", "Liked Songs"]), 1),
    ]

    static let kinds: [TeamKind] = [
        TeamKind(name: "Engineering", zone: "Europe/Berlin", work: [
            (Activity("Xcode", ["Tracker — Service#.swift", "Tracker — Tests#.swift", "Build Succeeded"]), 6),
            (Activity("Visual Studio Code", ["main.ts — web", "README.md — docs", "schema#.sql"]), 4),
            (Activity("Terminal", ["zsh — ~/src", "swift test", "git log"]), 4),
            (Activity("Google Chrome", ["Pull request #", "Issues · tracker"], url: "https://github.com/acme/tracker/pull/#"), 3),
            (Activity("Google Chrome", ["How do I … - Stack Overflow"], url: "https://stackoverflow.com/questions/#"), 1.5),
            (Activity("Safari", ["Documentation #"], url: "https://developer.apple.com/documentation/#"), 1),
        ], meetingApp: Activity("zoom.us", ["Zoom Meeting", "Sprint planning", "Design review"])),
        TeamKind(name: "Sales", zone: "America/New_York", work: [
            (Activity("Google Chrome", ["Opportunity #", "Accounts | Salesforce"], url: "https://acme.my.salesforce.com/#"), 6),
            (Activity("Microsoft Outlook", ["Proposal for customer #", "Follow-up #"]), 4),
            (Activity("Google Chrome", ["LinkedIn Sales Navigator"], url: "https://www.linkedin.com/sales/#"), 3),
            (Activity("Microsoft Excel", ["Pipeline Q#.xlsx", "Forecast.xlsx"]), 2),
            (Activity("Microsoft PowerPoint", ["Pitch deck v#.pptx"]), 1.5),
        ], meetingApp: Activity("Microsoft Teams", ["Call with customer #", "Pipeline review"])),
        TeamKind(name: "Support", zone: "Europe/London", work: [
            (Activity("Google Chrome", ["Ticket # – Zendesk", "Views – Zendesk"], url: "https://acme.zendesk.com/agent/tickets/#"), 8),
            (Activity("Google Chrome", ["Help Center article #"], url: "https://help.acme.example/articles/#"), 2),
            (Activity("Google Chrome", ["Customer # | Admin"], url: "https://admin.acme.example/customers/#"), 2),
            (Activity("Notion", ["Support playbook", "Known issues"]), 1),
        ], meetingApp: Activity("zoom.us", ["Zoom Meeting", "Escalation call"])),
        TeamKind(name: "Marketing", zone: "America/Los_Angeles", work: [
            (Activity("Google Chrome", ["Campaign # – HubSpot"], url: "https://app.hubspot.com/campaigns/#"), 5),
            (Activity("Figma", ["Landing page v#", "Social assets"]), 4),
            (Activity("Google Chrome", ["Blog draft # - Google Docs"], url: "https://docs.google.com/document/d/#"), 3),
            (Activity("Google Chrome", ["Analytics overview"], url: "https://analytics.google.com/#"), 2),
        ], meetingApp: Activity("Google Chrome", ["Meet – Weekly sync"], url: "https://meet.google.com/#")),
        TeamKind(name: "Finance", zone: "Europe/Paris", work: [
            (Activity("Microsoft Excel", ["Budget 2026.xlsx", "Invoices #.xlsx", "Payroll.xlsx"]), 8),
            (Activity("Google Chrome", ["Bills | Xero"], url: "https://go.xero.com/#"), 3),
            (Activity("Microsoft Word", ["Board report #.docx"]), 1),
        ], meetingApp: Activity("Microsoft Teams", ["Month-end close", "Audit prep"])),
        TeamKind(name: "Operations", zone: "Asia/Singapore", work: [
            (Activity("Google Chrome", ["Shipments # | Flexport"], url: "https://app.flexport.com/#"), 5),
            (Activity("Microsoft Excel", ["Inventory #.xlsx"]), 4),
            (Activity("Google Chrome", ["Purchase order #"], url: "https://erp.acme.example/po/#"), 3),
        ], meetingApp: Activity("zoom.us", ["Zoom Meeting", "Vendor call"])),
    ]

    /// Zones of people who work remotely from elsewhere than their team.
    static let remoteZones = ["America/Chicago", "Asia/Tokyo", "Australia/Sydney", "Europe/Madrid", "America/Sao_Paulo"]

    static let firstNames = ["Ada", "Grace", "Linus", "Margaret", "Alan", "Barbara", "Dennis", "Frances", "Ken", "Radia",
                             "Tim", "Hedy", "John", "Katherine", "Donald", "Shafi", "Leslie", "Niklaus", "Edsger", "Sophie",
                             "Anita", "Guido", "Yukihiro", "Bjarne", "Joan", "Ivan", "Mary", "Adele", "Whitfield", "Lynn"]
    static let lastNames = ["Lovelace", "Hopper", "Torvalds", "Hamilton", "Turing", "Liskov", "Ritchie", "Allen", "Thompson",
                            "Perlman", "Berners-Lee", "Lamarr", "Backus", "Johnson", "Knuth", "Goldwasser", "Lamport", "Wirth",
                            "Dijkstra", "Wilson", "Borg", "van Rossum", "Matsumoto", "Stroustrup", "Clarke", "Sutherland"]

    /// Organisation-wide defaults, plus team overrides by kind name (LinkedIn is work for Sales only).
    static let rules: [(field: RuleField, match: MatchKind, pattern: String, category: ProductivityCategory, kind: String?)] = [
        (.app, .exact, "Xcode", .productive, nil),
        (.app, .exact, "Visual Studio Code", .productive, nil),
        (.app, .exact, "Terminal", .productive, nil),
        (.app, .glob, "Microsoft *", .productive, nil),
        (.app, .exact, "Figma", .productive, nil),
        (.app, .exact, "Notion", .productive, nil),
        (.domain, .glob, "*github.com", .productive, nil),
        (.domain, .exact, "stackoverflow.com", .productive, nil),
        (.domain, .exact, "developer.apple.com", .productive, nil),
        (.domain, .glob, "*.salesforce.com", .productive, nil),
        (.domain, .glob, "*.zendesk.com", .productive, nil),
        (.domain, .glob, "*.acme.example", .productive, nil),
        (.domain, .glob, "*hubspot.com", .productive, nil),
        (.domain, .glob, "*.google.com", .productive, nil),
        (.domain, .glob, "*xero.com", .productive, nil),
        (.domain, .glob, "*flexport.com", .productive, nil),
        (.app, .exact, "Slack", .neutral, nil),
        (.app, .exact, "Mail", .neutral, nil),
        (.app, .exact, "Calendar", .neutral, nil),
        (.app, .exact, "zoom.us", .neutral, nil),
        (.domain, .glob, "*youtube.com", .unproductive, nil),
        (.domain, .glob, "*reddit.com", .unproductive, nil),
        (.domain, .exact, "x.com", .unproductive, nil),
        (.domain, .glob, "*bbc.co.uk", .unproductive, nil),
        (.app, .exact, "Spotify", .unproductive, nil),
        (.domain, .glob, "*linkedin.com", .unproductive, nil),
        (.domain, .glob, "*linkedin.com", .productive, "Sales"),
    ]
}

import Foundation
import Testing
@testable import TrackerCore

/// The rule engine's regular expressions and globs: the language ICU would accept for the supported subset, and
/// no input or pattern that can make matching super-linear.
@Suite("Linear-time rule patterns")
struct LinearRegexTests {
    static let matching: [(String, String, Bool)] = [
        ("github", "GitHub - pull request", true),
        ("^github$", "github", true),
        ("^github$", "github.com", false),
        ("git(hub|lab)\\.com", "see gitlab.com now", true),
        ("git(hub|lab)\\.com", "gitbucket.com", false),
        ("colou?r", "COLOR", true),
        ("a{2,3}b", "aab", true),
        ("^a{2,3}b", "ab", false),
        ("^a{2}$", "aaa", false),
        ("x{2,}", "xxxxx", true),
        ("[a-c]+\\d", "ccb7", true),
        ("[^a-z]", "abc", false),
        ("[^a-z]", "abc1", true),
        ("[A-Z]", "lower", true),                  // case-insensitive classes
        ("\\bslack\\b", "Slack | general", true),
        ("\\bslack\\b", "slacker", false),
        ("\\Back", "slack", true),
        ("^\\s*$", "   ", true),
        ("\\w+@\\w+", "mail me@host", true),
        ("a.c", "a\nc", false),
        ("a.c", "abc", true),
        ("(?:ab)+c", "ababc", true),
        ("", "anything", true),
        ("a|", "zzz", true),
        ("é", "CAFÉ", true),
        ("\\x41\\u0042", "ab", true),
        ("a{,3}", "a{,3}", true),                  // not a counted repetition: literal braces
        ("end$", "the end\n", true),
        ("\\Aend\\z", "end\n", false),
        ("(a*)*b", "aaab", true),
        ("(a|b)*c", "ababc", true),
    ]

    @Test("matches like a conventional engine on the supported subset", arguments: matching)
    func matches(pattern: String, value: String, expected: Bool) throws {
        #expect(try LinearRegex(pattern).matches(value) == expected, "\(pattern) on \(value.debugDescription)")
    }

    @Test("agrees with NSRegularExpression on a seeded sample of patterns and inputs")
    func agreesWithFoundation() throws {
        var random = SeededRandom(seed: 42)
        let atoms = ["a", "b", ".", "[ab]", "(a|b)", "(?:ab)", "\\w", "c"]
        let quantifiers = ["", "", "*", "+", "?", "{1,2}"]
        for _ in 0..<400 {
            let pattern = (0..<random.pick(Array(1...4))).map { _ in random.pick(atoms) + random.pick(quantifiers) }.joined()
            let foundation = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
            let ours = try LinearRegex(pattern)
            for _ in 0..<5 {
                let value = String((0..<random.pick(Array(0...8))).map { _ in random.pick(Array("abcAB ")) })
                let expected = foundation.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
                #expect(ours.matches(value) == expected, "\(pattern) on \(value.debugDescription)")
            }
        }
    }

    @Test("refuses what no linear engine offers, naming the pattern", arguments: [
        "(a)\\1", "(?=a)", "(?!a)", "(?<=a)b", "(?<name>a)", "(?>a)", "(?i)a", "\\p{L}", "a**", "a{2}{3}", "(", "a)", "[a", "\\",
        "a{101}", "[z-a]", "\\q", String(repeating: "(", count: 40) + "a" + String(repeating: ")", count: 40),
    ])
    func refuses(pattern: String) {
        #expect {
            _ = try LinearRegex(pattern)
        } throws: { error in
            (error as? SimpleAppError)?.code == "invalid_pattern"
        }
    }

    @Test("bounded program: counted repetition that would compile too large is refused")
    func programBound() throws {
        #expect(throws: SimpleAppError.self) { try LinearRegex("((a{1,100}){1,100}){1,100}") }
        let accepted = try LinearRegex("(a{1,10}){1,10}b")
        #expect(accepted.program.count <= LinearRegex.maxProgramSize)
    }

    /// Each of these takes exponential or high-polynomial time on a backtracking engine; here the work is at most
    /// input × program steps. Counted in steps rather than timed (timing lives in benchmarks): the matcher
    /// reports nothing, so this checks the structural bound and that it finishes with the right answer.
    @Test("classic ReDoS patterns on 100,000-character inputs", arguments: [
        "(a+)+b", "(a|aa)*b", "(a{1,10}){1,10}b", "a*a*a*a*a*a*b", ".*.*.*.*x", "(\\w+\\s?)*$x", "^(a|a?)+$x",
    ])
    func redos(pattern: String) throws {
        let input = String(repeating: "a", count: 100_000)
        let regex = try LinearRegex(pattern)
        #expect(regex.program.count <= LinearRegex.maxProgramSize)
        // The engine itself on 2,000 characters (a debug build steps slowly, and a test must not hog the shared
        // executor; the bound is what matters, the speed is the benchmark's)…
        #expect(!regex.matches(String(input.prefix(2_000))))
        // Through the rule path the value is also cut to the rule input limit.
        let rule = try RulePattern(kind: .regex, pattern: pattern)
        #expect(!rule.matches(input))
    }

    static let globs: [(String, String, Bool)] = [
        ("*.slack.com", "app.slack.com", true),
        ("*.slack.com", "slack.com", false),
        ("code", "CODE", true),
        ("code", "code!", false),
        ("c?de", "cxde", true),
        ("c?de", "cde", false),
        ("*", "", true),
        ("a*b*c", "a--b--c", true),
        ("a*b*c", "a--c--b", false),
        ("*a*a*a*a*a*a*b", String(repeating: "a", count: 100_000), false),
        ("*a*a*a*a*a*a*b", String(repeating: "a", count: 1_000) + "b", true),
        ("**x**", "yyxyy", true),
        ("a*", "a", true),
        ("*a", "ba", true),
        ("ab*ba", "aba", false),
        ("*?", "", false),
    ]

    @Test("globs match the whole value without backtracking", arguments: globs)
    func glob(pattern: String, value: String, expected: Bool) {
        #expect(GlobPattern(pattern).matches(value) == expected, "\(pattern) on \(value.prefix(20))…")
    }

    @Test("the category memo answers the same as the rules and is per rule set")
    func memo() throws {
        let rule = CompiledRule(id: "r1", teamID: nil, field: .title, pattern: try RulePattern(kind: .regex, pattern: "standup"),
                                category: .neutral, priority: 0)
        let matcher = RuleMatcher(rules: [rule])
        let facts = ActivityFacts(app: "Zoom", title: "Daily standup", url: nil)
        #expect(matcher.categorize(facts, teamID: nil) == .neutral)
        #expect(matcher.categorize(facts, teamID: nil) == .neutral)
        #expect(matcher.categorize(ActivityFacts(app: "Zoom", title: "1:1", url: nil), teamID: nil) == .uncategorized)
        // Two distinct values, each decided once and remembered; another team is another entry.
        #expect(matcher.memoCount == 2)
        #expect(matcher.categorize(facts, teamID: "team-x") == .neutral)
        #expect(matcher.memoCount == 3)
        // A new rule set (a new matcher) starts with nothing remembered.
        let fresh = RuleMatcher(rules: [])
        #expect(fresh.memoCount == 0)
        #expect(fresh.categorize(facts, teamID: nil) == .uncategorized)
    }
}

import ArgumentParser
import ConnecteamFake
import DemoData
import Foundation
import Logging

struct FakeConnecteamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fake-connecteam",
        abstract: "Serve a fake Connecteam on loopback, with a company matching the demo organisation, to try the sync without an account.",
        discussion: """
            It speaks Connecteam's documented API (X-API-KEY, the requestId/data/paging envelope, limit/offset, rate-limit \
            headers): one user per person of the demo organisation (`serve --demo` with the same --employees) and two \
            nobody knows, scheduler 1 with a fortnight of weekday shifts, time clock 1 with last week's punches, and a \
            few time-off requests. It prints the settings to give the server. Stop it with Ctrl-C.
            """
    )

    @Option(name: .long, help: "Loopback port to listen on.")
    var port = 9100

    @Option(name: .long, help: "People in the demo organisation it should match (as `serve --demo`: 25).")
    var employees = 25

    @Option(name: .long, help: "The API key it accepts (X-API-KEY).")
    var apiKey = "fake-connecteam-key-0001"

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be from 1 to 65535") }
        guard (1...10_000).contains(employees) else { throw ValidationError("--employees must be from 1 to 10000") }
        guard (8...500).contains(apiKey.count), apiKey.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            throw ValidationError("--api-key must be 8 to 500 printable ASCII characters")
        }
    }

    func run() async throws {
        let fake = FakeConnecteam(port: port, apiKey: apiKey, maxPage: 500)
        fake.seedDemo(people: DemoPlan(.init(employees: employees, days: 1)).roster, now: Date())
        // Written unbuffered: a person (or a script) reads it while the server runs.
        FileHandle.standardOutput.write(Data("""
            Fake Connecteam on http://127.0.0.1:\(port) (API key \(apiKey)). Give it to the server as an administrator:
              curl -X PUT http://127.0.0.1:8080/api/connecteam/settings -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
                -d '{"apiKey":"\(apiKey)","settings":{"baseURL":"http://127.0.0.1:\(port)","schedulerIds":[1],"timeClockIds":[1],"syncTimeOff":true}}'
              curl -X POST "http://127.0.0.1:8080/api/connecteam/sync?wait=true" -H "Authorization: Bearer $TOKEN"

            """.utf8))
        var logger = Logger(label: "fake-connecteam")
        logger.logLevel = .notice
        try await fake.run(logger: logger)
    }
}

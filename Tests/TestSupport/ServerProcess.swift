import Foundation

/// The real `productivity-tracker` executable, started as a child process (for signal and exit-code tests).
/// Output goes to files, not pipes, so nothing can block on a full pipe.
public final class ServerProcess: @unchecked Sendable {
    public let process = Process()
    public let stdoutURL: URL
    public let stderrURL: URL

    /// `.build/debug/productivity-tracker`, built by `swift build --build-tests`.
    public static var executable: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/productivity-tracker")
    }

    public init(arguments: [String], environment: [String: String]) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pt-proc-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        stdoutURL = dir.appendingPathComponent("stdout")
        stderrURL = dir.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.executableURL = Self.executable
        process.arguments = arguments
        // A clean environment: only what the test gives, plus PATH/HOME.
        var env = environment
        let inherited = ProcessInfo.processInfo.environment
        env["PATH"] = inherited["PATH"]
        env["HOME"] = inherited["HOME"]
        process.environment = env
        process.currentDirectoryURL = dir
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardInput = FileHandle.nullDevice
    }

    public func start() throws { try process.run() }

    /// Waits for exit (polling, so a test can bound it) and returns the exit status, or nil on timeout.
    public func waitForExit(timeout: Duration) async -> Int32? {
        let done = await waitUntil(timeout: timeout, interval: .milliseconds(50)) { !self.process.isRunning }
        return done == nil ? nil : process.terminationStatus
    }

    public func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    public var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
    public var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    deinit {
        if process.isRunning { process.terminate() }
    }
}

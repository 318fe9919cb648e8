import Foundation
import Synchronization

/// A progress line on standard error: redrawn in place (at most 5 times a second) on a terminal, one line per 10 %
/// otherwise (CI logs, pipes), so long jobs always show how far they are.
final class ProgressBar: Sendable {
    private struct State { var lastDraw = 0.0; var lastDecile = -1 }
    private let state = Mutex(State())
    private let interactive = isatty(FileHandle.standardError.fileDescriptor) != 0
    private let label: String

    init(label: String) { self.label = label }

    /// `detail` follows the bar (counts, rates, time left).
    func update(done: Int, total: Int, seconds: Double, detail: String) {
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let line: String? = state.withLock { s in
            if interactive {
                guard seconds - s.lastDraw >= 0.2 || done == total else { return nil }
                s.lastDraw = seconds
            } else {
                let decile = Int(fraction * 10)
                guard decile > s.lastDecile else { return nil }
                s.lastDecile = decile
            }
            let width = 30, filled = Int(fraction * Double(width))
            let eta = fraction > 0 && done < total ? String(format: " · %.0f s left", seconds / fraction - seconds) : ""
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            return String(format: "%@ [%@] %3.0f%% %@%@", label, bar, fraction * 100, detail, eta)
        }
        guard let line else { return }
        FileHandle.standardError.write(Data((interactive ? "\r\u{1B}[K" + line : line + "\n").utf8))
    }

    /// Ends the in-place line.
    func finish() {
        if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

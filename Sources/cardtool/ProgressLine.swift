import CardParse
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The progress of a long run, drawn on standard error when it is a terminal: records done, the
/// rate, how far through the input and the time left. It appears only once a run has taken a
/// second (short runs stay quiet), never with `--quiet` or when standard error is a file or a
/// pipe, and it is cleared before any diagnostic or summary is printed, so logs never hold it.
final class ProgressLine: @unchecked Sendable {
    /// The run's line, when one is drawn.
    nonisolated(unsafe) static var shared: ProgressLine?

    let meter = ProgressMeter()
    private let lock = NSLock()
    private var drawn = false
    private var stopped = false

    /// Starts the line for this run, once; nil when it would not be shown. `stdoutBusy`: the run
    /// writes its output to standard output while it reads, so on a terminal the line would cut
    /// into it.
    static func start(quiet: Bool, stdoutBusy: Bool = false) -> ProgressLine? {
        if let shared { return shared }
        guard !quiet, isatty(2) == 1, ProcessInfo.processInfo.environment["TERM"] != "dumb",
              !(stdoutBusy && isatty(1) == 1) else { return nil }
        let line = ProgressLine()
        shared = line
        let thread = Thread { line.loop() }
        thread.start()
        return line
    }

    private func loop() {
        while true {
            usleep(250_000)
            let snap = meter.snapshot
            lock.lock()
            defer { lock.unlock() }
            if stopped { return }
            guard snap.elapsed >= 1 else { continue }
            let text = Self.text(snap, width: Self.columns())
            let out = "\r\u{1B}[K" + text
            _ = out.withCString { write(2, $0, strlen($0)) }
            drawn = true
        }
    }

    /// Removes the line, so that what is printed next starts at the left margin.
    func clear() { printing {} }

    /// Clears the line and runs `body` (which writes to standard error) before the line can be
    /// drawn again, so a diagnostic never lands after the progress text.
    func printing(_ body: () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        if drawn {
            _ = "\r\u{1B}[K".withCString { write(2, $0, strlen($0)) }
            drawn = false
        }
        body()
    }

    /// Clears the line for good: the run has nothing more to show.
    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        clear()
    }

    /// `reading: 412,000 records · 61,200/s · 38% · about 9 s left`, cut to the terminal's width.
    static func text(_ s: ProgressMeter.Snapshot, width: Int) -> String {
        var parts = ["\(s.phase): \(group(s.records)) record\(s.records == 1 ? "" : "s")"]
        if s.phase == "reading" {
            if s.elapsed > 0 { parts.append("\(group(Int(Double(s.records) / s.elapsed)))/s") }
            if s.totalBytes > 0 && s.bytes > 0 {
                let share = min(1, Double(s.bytes) / Double(s.totalBytes))
                parts.append("\(Int(share * 100))%")
                let left = s.elapsed * (1 - share) / share
                if share < 1 { parts.append("about " + duration(left) + " left") }
            }
        } else {
            parts.append(duration(s.elapsed) + " so far")
        }
        let line = parts.joined(separator: " · ")
        return line.count < width ? line : String(line.prefix(max(0, width - 1)))
    }

    /// `1,234,567`.
    static func group(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }

    /// `9 s`, `2 min 5 s`, `1 h 3 min`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min \(s % 60) s" }
        return "\(s / 3600) h \(s % 3600 / 60) min"
    }

    /// The terminal's width in characters (80 when it does not say).
    static func columns() -> Int {
        var size = winsize()
        if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}

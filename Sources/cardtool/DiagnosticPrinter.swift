#if canImport(Glibc)
import Glibc
#endif
import CardParse

/// Prints diagnostics and the summary to standard error, compiler style.
struct DiagnosticPrinter {
    let verbose: Bool
    let quiet: Bool

    func print(_ diagnostic: Diagnostic) {
        if quiet && diagnostic.severity < .error { return }
        var text = diagnostic.rendered(verbose: verbose)
        if Terminal.colours(2) {
            let word: String, style: (String) -> String
            switch diagnostic.severity {
            case .error: (word, style) = ("error", { $0.red.bold })
            case .warning: (word, style) = ("warning", { $0.yellow.bold })
            default: (word, style) = ("note", { $0.cyan })
            }
            // The severity right after the location, not a word in the message.
            let location = diagnostic.rendered(verbose: false).components(separatedBy: ": \(word): ").first ?? ""
            let marker = location + ": \(word): "
            if text.hasPrefix(marker) {
                text = location + ": " + style(word) + ": " + text.dropFirst(marker.count)
            }
        }
        writeLine(text)
    }

    /// The meter of the run's progress line (nil when none is drawn: `--quiet`, not a terminal).
    var meter: ProgressMeter? { ProgressLine.start(quiet: quiet)?.meter }

    /// The meter, for a run that writes to standard output as it reads (`stdoutBusy`): no line
    /// when that is the terminal too.
    func meter(stdoutBusy: Bool) -> ProgressMeter? { ProgressLine.start(quiet: quiet, stdoutBusy: stdoutBusy)?.meter }

    /// Names the step now under way on the progress line.
    func phase(_ name: String) { ProgressLine.shared?.meter.phase(name) }

    /// Takes the progress line away for good, before the run's answer is printed.
    func progressDone() { ProgressLine.shared?.stop() }

    func summary(_ line: String) {
        writeLine(line)
    }

    func fail(_ message: String) {
        writeLine("cardtool: " + "error:".styled({ $0.red.bold }, on: 2) + " \(message)")
    }

    private func writeLine(_ text: String) {
        let line = text + "\n"
        let write = { _ = line.withCString { Glibc.write(2, $0, strlen($0)) } }
        if let progress = ProgressLine.shared { progress.printing(write) } else { write() }
    }
}

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
            for (word, style) in [(": error: ", { (s: String) in s.red.bold }), (": warning: ", { $0.yellow.bold }), (": note: ", { $0.cyan })] {
                if let r = text.range(of: word) {
                    text.replaceSubrange(r, with: ": " + style(String(word.dropFirst(2).dropLast(2))) + ": ")
                    break
                }
            }
        }
        writeLine(text)
    }

    /// The meter of the run's progress line (nil when none is drawn: `--quiet`, not a terminal).
    var meter: ProgressMeter? { ProgressLine.start(quiet: quiet)?.meter }

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
        ProgressLine.shared?.clear()
        let line = text + "\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
    }
}

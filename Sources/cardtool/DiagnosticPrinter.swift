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
        writeLine(diagnostic.rendered(verbose: verbose))
    }

    func summary(_ line: String) {
        writeLine(line)
    }

    func fail(_ message: String) {
        writeLine("cardtool: error: \(message)")
    }

    private func writeLine(_ text: String) {
        let line = text + "\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
    }
}

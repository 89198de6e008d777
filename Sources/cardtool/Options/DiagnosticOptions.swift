import ArgumentParser

/// How much of the diagnostics to show.
struct DiagnosticOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Show the offending values in diagnostics (they may be personal data).")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print only errors and the summary.")
    var quiet = false

    /// The printer these options describe.
    var printer: DiagnosticPrinter { DiagnosticPrinter(verbose: verbose, quiet: quiet) }
}

import ArgumentParser

/// How much of the diagnostics to show.
struct DiagnosticOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Show the offending values in diagnostics (they may be personal data).")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print only errors and the summary.")
    var quiet = false

    @Option(name: .long, help: "Colour on a terminal: auto (unless NO_COLOR is set), always or never.")
    var color: ColorMode = .auto

    /// The printer these options describe (it also sets the run's colour mode).
    var printer: DiagnosticPrinter {
        Terminal.configure(color)
        return DiagnosticPrinter(verbose: verbose, quiet: quiet)
    }
}

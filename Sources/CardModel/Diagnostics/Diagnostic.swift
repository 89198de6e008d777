/// A problem found in the input that the reader recovered from (or that stopped one record).
///
/// Readers never print: they hand diagnostics to the caller, which decides how to show them.
/// `message` never contains contact data; `detail` may (the offending value) and is shown only
/// when the user asks for it (`--verbose`), because contacts are personal data.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    /// How serious the problem is: a note, a warning or an error.
    public var severity: Severity
    /// The stable code scripts match on (`vcard.missing-end`).
    public var code: DiagnosticCode
    /// What happened, for people; never contains contact data.
    public var message: String
    /// Where in the input the problem is.
    public var location: SourceLocation
    /// Extra context that may include personal data; off by default when printed.
    public var detail: String?

    /// Creates a diagnostic; `detail` is the offending value, shown only with `--verbose`.
    public init(_ severity: Severity, _ code: DiagnosticCode, _ message: String,
                at location: SourceLocation, detail: String? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.detail = detail
    }

    /// Compiler style: `file:line: warning: message [code]`.
    public var description: String { rendered(verbose: false) }

    /// The compiler-style text, with ``detail`` on an indented second line when `verbose` is true.
    public func rendered(verbose: Bool) -> String {
        var text = "\(location): \(severity.rawValue): \(message) [\(code.rawValue)]"
        if verbose, let detail { text += "\n    \(detail)" }
        return text
    }

    /// How serious a diagnostic is, ordered note < warning < error.
    public enum Severity: String, Sendable, Comparable {
        /// Information that changes nothing about the record's status.
        case note
        /// The record was read, but something in it was repaired, guessed or kept raw.
        case warning
        /// The record (or the whole input) could not be read.
        case error

        private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }
}

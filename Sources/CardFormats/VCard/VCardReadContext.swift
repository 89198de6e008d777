import CardModel

/// What a scribe needs to know while reading one card.
struct VCardReadContext {
    var version: VCardVersion
    let file: String
    let record: Int
    var diagnostics: [Diagnostic] = []

    mutating func warn(_ code: DiagnosticCode, _ message: String, line: Int, detail: String? = nil) {
        diagnostics.append(Diagnostic(.warning, code, message,
                                      at: SourceLocation(file: file, line: line, record: record), detail: detail))
    }
}

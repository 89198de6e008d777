/// Reads one kind of vCard property into the model and writes it back, per version.
///
/// One scribe per property (after ez-vcard's scribes): a scribe knows its property's value type and
/// escapes in every version, so the reader and writer stay generic. Properties without a scribe, and
/// properties a scribe declines, are kept raw in ``Contact/extras``.
protocol VCardPropertyScribe: Sendable {
    /// Upper-cased names this scribe reads.
    var propertyNames: [String] { get }
    /// Reads the property into `contact`; returns false to keep it raw instead (for example a second
    /// value of a single-valued field, or a value that could not be parsed, with a diagnostic).
    func read(_ property: VCardProperty, into contact: inout Contact, context: inout VCardReadContext) -> Bool
    func write(_ contact: Contact, to emitter: inout VCardLineEmitter)
}

/// What a scribe needs to know while reading one card.
struct VCardReadContext {
    let version: VCardVersion
    let file: String
    let record: Int
    var diagnostics: [Diagnostic] = []

    mutating func warn(_ code: DiagnosticCode, _ message: String, line: Int, detail: String? = nil) {
        diagnostics.append(Diagnostic(.warning, code, message,
                                      at: SourceLocation(file: file, line: line, record: record), detail: detail))
    }
}

extension VCardProperty {
    /// The value as one text, escapes undone.
    func text(_ version: VCardVersion) -> String {
        VCardValueCoding.unescape(value, version: version)
    }

    /// The value's `;`-separated components, escapes undone.
    func components(_ version: VCardVersion) -> [String] {
        VCardValueCoding.split(value, on: ";", version: version)
    }

    /// The value's `,`-separated list items (CATEGORIES, NICKNAME), escapes undone, blanks dropped.
    func list(_ version: VCardVersion) -> [String] {
        let items = version == .v2_1
            ? VCardValueCoding.split(value, on: ",", version: .v3_0)
            : VCardValueCoding.split(value, on: ",", version: version)
        return items.map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty }
    }
}

/// The scribes in the order the writer emits their properties.
enum VCardScribes {
    static let all: [any VCardPropertyScribe] = [
        FormattedNameScribe(), StructuredNameScribe(), NicknameScribe(),
        MediaScribe(kind: .photo), BirthdayScribe(), AddressScribe(), TelephoneScribe(), EmailScribe(),
        TextPropertyScribe(kind: .title), TextPropertyScribe(kind: .role), MediaScribe(kind: .logo),
        OrganizationScribe(), CategoriesScribe(), NoteScribe(), MediaScribe(kind: .sound),
        TextPropertyScribe(kind: .uid), URLScribe(), MediaScribe(kind: .key),
    ]

    static let byName: [String: any VCardPropertyScribe] = {
        var map: [String: any VCardPropertyScribe] = [:]
        for scribe in all {
            for name in scribe.propertyNames { map[name] = scribe }
        }
        return map
    }()
}

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
    var version: VCardVersion
    let file: String
    let record: Int
    var diagnostics: [Diagnostic] = []

    mutating func warn(_ code: DiagnosticCode, _ message: String, line: Int, detail: String? = nil) {
        diagnostics.append(Diagnostic(.warning, code, message,
                                      at: SourceLocation(file: file, line: line, record: record), detail: detail))
    }
}

extension VCardProperty {
    /// The value as one text, escapes undone; `trim` drops surrounding blanks.
    func text(_ version: VCardVersion, trim: Bool = true) -> String {
        valueBytes.withUnsafeBufferPointer { VCardValueCoding.text($0, version: version, trim: trim) }
    }

    /// The value's `;`-separated components, escapes undone, each trimmed.
    func components(_ version: VCardVersion) -> [String] {
        valueBytes.withUnsafeBufferPointer { VCardValueCoding.split($0, on: UInt8(ascii: ";"), version: version) }
    }

    /// The value's `,`-separated list items (CATEGORIES, NICKNAME), escapes undone, blanks dropped.
    func list(_ version: VCardVersion) -> [String] {
        valueBytes.withUnsafeBufferPointer {
            VCardValueCoding.split($0, on: UInt8(ascii: ","), version: version == .v2_1 ? .v3_0 : version)
        }.filter { !$0.isEmpty }
    }
}

/// The scribes in the order the writer emits their properties.
enum VCardScribes {
    static let all: [any VCardPropertyScribe] = [
        FormattedNameScribe(), StructuredNameScribe(), NicknameScribe(),
        MediaScribe(kind: .photo), BirthdayScribe(), AddressScribe(), TelephoneScribe(), EmailScribe(),
        TextPropertyScribe(kind: .title), TextPropertyScribe(kind: .role), MediaScribe(kind: .logo),
        OrganizationScribe(), CategoriesScribe(), NoteScribe(), MediaScribe(kind: .sound),
        TextPropertyScribe(kind: .uid), URLScribe(), MediaScribe(kind: .key), ConnectedOnScribe(), MetEventScribe(),
    ]

    /// The scribe for a property kind; nil for properties kept raw.
    static func scribe(for kind: VCardPropertyKind) -> (any VCardPropertyScribe)? {
        switch kind {
        case .fn: formattedName
        case .n: structuredName
        case .tel: telephone
        case .email: email
        case .adr: address
        case .org: organization
        case .title: title
        case .role: role
        case .note: note
        case .url: url
        case .bday: birthday
        case .categories: categories
        case .uid: uid
        case .nickname: nickname
        case .photo: photo
        case .logo: logo
        case .sound: sound
        case .key: key
        case .connectedOn: connectedOn
        case .metEvent: metEvent
        case .csvField: csvField
        case .version, .appleLabel, .other: nil
        }
    }

    private static let formattedName = FormattedNameScribe()
    private static let structuredName = StructuredNameScribe()
    private static let telephone = TelephoneScribe()
    private static let email = EmailScribe()
    private static let address = AddressScribe()
    private static let organization = OrganizationScribe()
    private static let title = TextPropertyScribe(kind: .title)
    private static let role = TextPropertyScribe(kind: .role)
    private static let note = NoteScribe()
    private static let url = URLScribe()
    private static let birthday = BirthdayScribe()
    private static let categories = CategoriesScribe()
    private static let uid = TextPropertyScribe(kind: .uid)
    private static let nickname = NicknameScribe()
    private static let photo = MediaScribe(kind: .photo)
    private static let logo = MediaScribe(kind: .logo)
    private static let sound = MediaScribe(kind: .sound)
    private static let key = MediaScribe(kind: .key)
    private static let connectedOn = ConnectedOnScribe()
    private static let metEvent = MetEventScribe()
    private static let csvField = CSVFieldScribe()
}

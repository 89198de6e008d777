import CardModel

/// Builds one card's ``Contact`` property by property.
///
/// Escapes depend on the version, so properties wait in `pending` until `VERSION` is seen; it
/// normally is the second line, so nearly every property goes straight to its scribe.
struct VCardCardBuilder {
    let beginLine: Int
    var context: VCardReadContext
    private(set) var contact = Contact()
    private var versionLine: Int?
    private var pending: [VCardProperty] = []
    private var labels: [VCardProperty] = []
    private(set) var propertyCount = 0
    var malformedLines = 0
    /// Properties skipped for being over a size limit.
    var oversizedProperties = 0

    init(beginLine: Int, file: String, record: Int) {
        self.beginLine = beginLine
        self.context = VCardReadContext(version: .v3_0, file: file, record: record)
    }

    mutating func add(_ property: VCardProperty) {
        if property.kind == .version {
            guard versionLine == nil else { return }
            versionLine = property.line
            let text = property.value.trimmed()
            if let known = VCardVersion(rawValue: text) {
                context.version = known
            } else {
                context.warn(.vcardUnknownVersion, "unknown VERSION; read as 3.0", line: property.line, detail: text)
            }
            for p in pending { consume(p) }
            pending = []
            return
        }
        propertyCount += 1
        if versionLine == nil { pending.append(property) } else { consume(property) }
    }

    private mutating func consume(_ property: VCardProperty) {
        if property.kind == .appleLabel && property.group != nil {
            labels.append(property)
            return
        }
        if let scribe = VCardScribes.scribe(for: property.kind),
           scribe.read(property, into: &contact, context: &context) {
            return
        }
        contact.extras.append(property.raw)
    }

    /// Ends the card: resolves labels and derives missing names. Hands the contact over.
    mutating func finish() -> Contact {
        if versionLine == nil {
            if propertyCount > 0 {
                context.diagnostics.insert(Diagnostic(.warning, .vcardUnknownVersion, "card has no VERSION; read as 3.0",
                    at: SourceLocation(file: context.file, line: beginLine, record: context.record)), at: 0)
            }
            for p in pending { consume(p) }
            pending = []
        }
        for property in labels {
            let label = AppleLabel.decode(property.text(context.version))
            if !Self.attach(label, toGroup: property.group!, in: &contact) { contact.extras.append(property.raw) }
        }
        Self.deriveNames(&contact)
        var done = Contact()
        swap(&done, &contact)
        return done
    }

    /// Gives `label` to the value in the same group (`item1.EMAIL` + `item1.X-ABLabel`).
    static func attach(_ label: String, toGroup group: String, in contact: inout Contact) -> Bool {
        let g = group.lowercased()
        if let i = contact.emails.firstIndex(where: { $0.group?.lowercased() == g && $0.label == nil }) {
            contact.emails[i].label = label
        } else if let i = contact.phones.firstIndex(where: { $0.group?.lowercased() == g && $0.label == nil }) {
            contact.phones[i].label = label
        } else if let i = contact.urls.firstIndex(where: { $0.group?.lowercased() == g && $0.label == nil }) {
            contact.urls[i].label = label
        } else if let i = contact.addresses.firstIndex(where: { $0.group?.lowercased() == g && $0.label == nil }) {
            contact.addresses[i].label = label
        } else {
            return false
        }
        return true
    }

    /// When `FN` or `N` is missing, derive one from the other. A company card (no person name, or
    /// `FN` equal to `ORG`) gets the organization as display name and no person name.
    /// Simple rules only; the name normalizer refines splitting (particles, double surnames).
    static func deriveNames(_ contact: inout Contact) {
        if contact.name == nil, let full = contact.fullName, full != contact.organization {
            contact.name = NameSplitter.split(full)
        }
        if contact.fullName == nil {
            contact.fullName = contact.name?.displayName ?? contact.organization
        }
    }
}

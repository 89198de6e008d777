import CardModel

/// Single-valued free-text properties: `TITLE`, `ROLE`, `UID`. A second occurrence stays raw.
struct TextPropertyScribe: VCardPropertyScribe {
    enum Kind: Sendable {
        case title, role, uid
    }

    let kind: Kind

    var propertyNames: [String] {
        switch kind {
        case .title: ["TITLE"]
        case .role: ["ROLE"]
        case .uid: ["UID"]
        }
    }

    private func get(_ contact: Contact) -> String? {
        switch kind {
        case .title: contact.title
        case .role: contact.role
        case .uid: contact.uid
        }
    }

    private func set(_ contact: inout Contact, _ value: String) {
        switch kind {
        case .title: contact.title = value
        case .role: contact.role = value
        case .uid: contact.uid = value
        }
    }

    func read(_ property: VCardProperty, into contact: inout Contact, context: inout VCardReadContext) -> Bool {
        guard get(contact) == nil else { return false }
        let text = property.text(context.version)
        if !text.isEmpty { set(&contact, text) }
        return true
    }

    func write(_ contact: Contact, to emitter: inout VCardLineEmitter) {
        guard let value = get(contact) else { return }
        // A UID is a URI in 4.0 and may hold characters that text escaping would change.
        emitter.emit(propertyNames[0], value: kind == .uid ? VCardValueCoding.escapeURI(value) : VCardValueCoding.escape(value))
    }
}

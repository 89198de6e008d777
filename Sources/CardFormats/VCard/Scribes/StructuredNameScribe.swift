import CardModel

/// `N`: family; given; additional; prefixes; suffixes.
struct StructuredNameScribe: VCardPropertyScribe {
    let propertyNames = ["N"]

    func read(_ property: VCardProperty, into contact: inout Contact, context: inout VCardReadContext) -> Bool {
        guard contact.name == nil else { return false }
        var parts = property.components(context.version)
        while parts.count < 5 { parts.append("") }
        let name = PersonName(family: parts[0], given: parts[1], additional: parts[2],
                              prefixes: parts[3], suffixes: parts[4...].filter { !$0.isEmpty }.joined(separator: " "))
        if !name.isEmpty { contact.name = name }
        return true
    }

    func write(_ contact: Contact, to emitter: inout VCardLineEmitter) {
        let n = contact.name ?? PersonName()
        // 4.0 makes N optional; 3.0 requires it, so an unknown name is written empty there.
        if contact.name == nil && emitter.version == .v4_0 { return }
        let value = [n.family, n.given, n.additional, n.prefixes, n.suffixes]
            .map { VCardValueCoding.escape($0 ?? "") }.joined(separator: ";")
        emitter.emit("N", value: value)
    }
}

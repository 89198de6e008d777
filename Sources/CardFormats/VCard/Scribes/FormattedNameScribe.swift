import CardModel

/// `FN`: the display name. Required in 3.0 and 4.0, so it is always written (empty when unknown).
struct FormattedNameScribe: VCardPropertyScribe {
    let propertyNames = ["FN"]

    func read(_ property: VCardProperty, into contact: inout Contact, context: inout VCardReadContext) -> Bool {
        guard contact.fullName == nil else { return false }
        let text = property.text(context.version)
        if text.isEmpty { return true }
        contact.fullName = text
        return true
    }

    func write(_ contact: Contact, to emitter: inout VCardLineEmitter) {
        emitter.emit("FN", value: VCardValueCoding.escape(contact.fullName ?? ""))
    }
}

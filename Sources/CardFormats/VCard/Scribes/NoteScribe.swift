import CardModel

/// `NOTE`: free text; several notes are joined with a line break so none is lost.
struct NoteScribe: VCardPropertyScribe {
    let propertyNames = ["NOTE"]

    func read(_ property: VCardProperty, into contact: inout Contact, context: inout VCardReadContext) -> Bool {
        let text = property.text(context.version, trim: false)
        guard !text.allSatisfy(\.isWhitespace) else { return true }
        if let existing = contact.note {
            contact.note = existing + "\n" + text
        } else {
            contact.note = text
        }
        return true
    }

    func write(_ contact: Contact, to emitter: inout VCardLineEmitter) {
        guard let note = contact.note else { return }
        emitter.emit("NOTE", value: VCardValueCoding.escape(note))
    }
}

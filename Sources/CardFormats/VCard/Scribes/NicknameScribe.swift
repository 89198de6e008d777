import CardModel

/// `NICKNAME`: a comma-separated list in 3.0 and 4.0; several properties add up.
struct NicknameScribe: VCardPropertyScribe {
    let propertyNames = ["NICKNAME"]

    func read(_ property: VCardProperty, into contact: inout Contact, context: inout VCardReadContext) -> Bool {
        contact.nicknames += property.list(context.version)
        return true
    }

    func write(_ contact: Contact, to emitter: inout VCardLineEmitter) {
        guard !contact.nicknames.isEmpty else { return }
        emitter.emit("NICKNAME", value: contact.nicknames.map(VCardValueCoding.escape).joined(separator: ","))
    }
}

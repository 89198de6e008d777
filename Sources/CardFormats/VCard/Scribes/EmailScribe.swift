import CardModel

/// `EMAIL`: one address per property, with types (`internet`, `work`, `home`) and preference.
struct EmailScribe: VCardPropertyScribe {
    let propertyNames = ["EMAIL"]

    func read(_ property: VCardProperty, into contact: inout Contact, context: inout VCardReadContext) -> Bool {
        let (types, pref) = (property.types, property.pref)
        let text = property.text(context.version)
        guard !text.isEmpty else { return true }
        contact.emails.append(Email(value: text, types: types, pref: pref, group: property.group))
        return true
    }

    func write(_ contact: Contact, to emitter: inout VCardLineEmitter) {
        for email in contact.emails {
            emitter.emitLabelled(group: email.group, name: "EMAIL",
                                 parameters: emitter.typeParameters(email.types, pref: email.pref),
                                 value: VCardValueCoding.escape(email.value), label: email.label)
        }
    }
}

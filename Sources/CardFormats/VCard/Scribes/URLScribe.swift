import CardModel

/// `URL`: a URI; Apple escapes its colons (`http\://`), which reading undoes.
struct URLScribe: VCardPropertyScribe {
    let propertyNames = ["URL"]

    func read(_ property: VCardProperty, into contact: inout Contact, context: inout VCardReadContext) -> Bool {
        let (types, pref) = (property.types, property.pref)
        let text = property.text(.v3_0)
        guard !text.isEmpty else { return true }
        contact.urls.append(WebLink(value: text, types: types, pref: pref, group: property.group))
        return true
    }

    func write(_ contact: Contact, to emitter: inout VCardLineEmitter) {
        for url in contact.urls {
            // A URI is not text: only a backslash or a line break would be misread.
            let value = VCardValueCoding.escapeURI(url.value)
            emitter.emitLabelled(group: url.group, name: "URL", parameters: emitter.typeParameters(url.types, pref: url.pref),
                                 value: value, label: url.label)
        }
    }
}

import CardModel

/// `CATEGORIES`: a comma-separated list; several properties add up, duplicates dropped.
struct CategoriesScribe: VCardPropertyScribe {
    let propertyNames = ["CATEGORIES"]

    func read(_ property: VCardProperty, into contact: inout Contact, context: inout VCardReadContext) -> Bool {
        for item in property.list(context.version) where !contact.categories.contains(item) {
            contact.categories.append(item)
        }
        return true
    }

    func write(_ contact: Contact, to emitter: inout VCardLineEmitter) {
        guard !contact.categories.isEmpty else { return }
        emitter.emit("CATEGORIES", value: contact.categories.map(VCardValueCoding.escape).joined(separator: ","))
    }
}

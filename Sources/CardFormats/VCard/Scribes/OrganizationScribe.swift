import CardModel

/// `ORG`: the organization's name, then its units (`ORG:Company;Department;Team`).
struct OrganizationScribe: VCardPropertyScribe {
    let propertyNames = ["ORG"]

    func read(_ property: VCardProperty, into contact: inout Contact, context: inout VCardReadContext) -> Bool {
        guard contact.organization == nil && contact.department == nil else { return false }
        let parts = property.components(context.version)
        contact.organization = parts.first?.nonEmpty
        let units = parts.dropFirst().filter { !$0.isEmpty }
        contact.department = units.isEmpty ? nil : units.joined(separator: "; ")
        return true
    }

    func write(_ contact: Contact, to emitter: inout VCardLineEmitter) {
        guard contact.organization != nil || contact.department != nil else { return }
        var value = VCardValueCoding.escape(contact.organization ?? "")
        if let department = contact.department { value += ";" + VCardValueCoding.escape(department) }
        emitter.emit("ORG", value: value)
    }
}

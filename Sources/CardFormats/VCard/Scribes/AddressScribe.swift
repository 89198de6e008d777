import CardModel

/// `ADR`: post office box; extended; street; locality; region; postal code; country.
/// vCard 4.0's `LABEL=` parameter (the formatted address) is read in every version and kept.
struct AddressScribe: VCardPropertyScribe {
    let propertyNames = ["ADR"]

    func read(_ property: VCardProperty, into contact: inout Contact, context: inout VCardReadContext) -> Bool {
        let (types, pref) = (property.types, property.pref)
        var parts = property.components(context.version)
        while parts.count < 7 { parts.append("") }
        if parts.count > 7 {
            // Unescaped semicolons in the last component: keep the text rather than drop it.
            parts[6] = parts[6...].filter { !$0.isEmpty }.joined(separator: "; ")
        }
        let formatted = property.parameter("LABEL").map { VCardValueCoding.unescape($0, version: .v3_0) }
        let address = PostalAddress(types: types, pref: pref, poBox: parts[0], extended: parts[1], street: parts[2],
                                    locality: parts[3], region: parts[4], postalCode: parts[5], country: parts[6],
                                    formatted: formatted, group: property.group)
        guard address.hasComponents || address.formatted != nil else { return true }
        contact.addresses.append(address)
        return true
    }

    func write(_ contact: Contact, to emitter: inout VCardLineEmitter) {
        for address in contact.addresses {
            var parameters = emitter.typeParameters(address.types, pref: address.pref)
            if let formatted = address.formatted {
                parameters.append(.init(name: "LABEL", values: [formatted]))
            }
            let value = [address.poBox, address.extended, address.street, address.locality, address.region,
                         address.postalCode, address.country].map { VCardValueCoding.escape($0 ?? "") }
                .joined(separator: ";")
            emitter.emitLabelled(group: address.group, name: "ADR", parameters: parameters, value: value, label: address.label)
        }
    }
}

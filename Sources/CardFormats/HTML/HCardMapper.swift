import CardModel

/// Turns an h-card / hCard item into a ``Contact``. A card whose name is its organization (or
/// whose name is given only as `p-org`) is an organisation card: organization, no person name.
enum HCardMapper {
    static func contact(_ item: MicroformatItem) -> Contact {
        let card = collapsed(item)
        var c = Contact()
        let fullName = card.first("name").map(normalizeSpaces)
        let org = card.properties["org"]?.first.flatMap { value -> String? in
            switch value {
            case .text(let s): return s
            case .item(let nested): return nested.first("name") ?? nested.value
            }
        } ?? card.first("organization-name")
        c.organization = org?.nonEmpty
        let name = PersonName(family: card.first("family-name"), given: card.first("given-name"),
                              additional: card.first("additional-name"), prefixes: card.first("honorific-prefix"),
                              suffixes: card.strings("honorific-suffix").joined(separator: " "))
        // An organisation card: its name is its org, or it has an org and no name at all.
        let isOrganisation = org != nil && name.isEmpty && (fullName == nil || fullName == org)
        if isOrganisation {
            c.fullName = org
        } else {
            c.fullName = fullName?.nonEmpty ?? name.displayName
            c.name = name.isEmpty ? c.fullName.flatMap(NameSplitter.split) : name
        }
        c.nicknames = card.strings("nickname")
        let emailTypes = card.valueTypes["email"] ?? []
        for (i, value) in card.strings("email").enumerated() {
            guard let address = emailAddress(value) else { continue }
            if !c.emails.contains(where: { $0.value == address }) {
                c.emails.append(Email(value: address, types: i < emailTypes.count ? emailTypes[i].filter { $0 != "pref" } : []))
            }
        }
        let telTypes = card.valueTypes["tel"] ?? []
        for (i, value) in card.strings("tel").enumerated() {
            var number = value.trimmed()
            if number.lowercased().hasPrefix("tel:") { number = String(number.dropFirst(4)) }
            guard !number.isEmpty else { continue }
            let types = i < telTypes.count ? telTypes[i] : []
            c.phones.append(Phone(value: number, types: types.filter { $0 != "pref" }, pref: types.contains("pref") ? 1 : nil))
        }
        for url in card.strings("url") where !url.isEmpty && !c.urls.contains(where: { $0.value == url }) {
            c.urls.append(WebLink(value: url, types: url.contains("linkedin.com/in/") ? ["linkedin"] : []))
        }
        if let photo = card.first("photo") { c.photo = Media(uri: photo) }
        if let logo = card.first("logo") { c.logo = Media(uri: logo) }
        c.title = card.first("job-title")?.nonEmpty
        c.role = card.first("role")?.nonEmpty
        let notes = card.strings("note").filter { !$0.isEmpty }
        c.note = notes.isEmpty ? nil : notes.joined(separator: "\n")
        if let bday = card.first("bday") { c.birthday = PartialDate(iso8601: bday) }
        c.categories = card.strings("category").filter { !$0.isEmpty }
        c.uid = card.first("uid")?.nonEmpty
        let adrTypes = card.valueTypes["adr"] ?? []
        for (i, value) in (card.properties["adr"] ?? []).enumerated() {
            guard case .item(let adr) = value else {
                // A plain-text address: keep it whole.
                if let text = value.string?.nonEmpty { c.addresses.append(PostalAddress(street: text, formatted: text)) }
                continue
            }
            let types = i < adrTypes.count ? adrTypes[i] : []
            let address = PostalAddress(types: types.filter { $0 != "pref" }, poBox: adr.first("post-office-box"),
                                        extended: adr.first("extended-address"), street: adr.first("street-address"),
                                        locality: adr.first("locality"), region: adr.first("region"),
                                        postalCode: adr.first("postal-code"), country: adr.first("country-name"))
            if address.hasComponents { c.addresses.append(address) }
        }
        // mf2 allows address parts on the card itself.
        let flat = PostalAddress(street: card.first("street-address"), locality: card.first("locality"),
                                 region: card.first("region"), postalCode: card.first("postal-code"),
                                 country: card.first("country-name"))
        if flat.hasComponents { c.addresses.append(flat) }
        return c
    }

    /// The item with whitespace runs in its text values collapsed (HTML indentation is not data).
    static func collapsed(_ item: MicroformatItem) -> MicroformatItem {
        var copy = item
        for (name, values) in item.properties {
            copy.properties[name] = values.map { value in
                switch value {
                case .text(let s): .text(normalizeSpaces(s))
                case .item(let nested): .item(collapsed(nested))
                }
            }
        }
        copy.value = item.value.map(normalizeSpaces)
        return copy
    }

    /// `mailto:ana@example.es?subject=Hola` → `ana@example.es`; a resolved text value
    /// (`http://example.com/ana@example.es`) → `ana@example.es`.
    static func emailAddress(_ value: String) -> String? {
        var text = value.trimmed()
        if text.lowercased().hasPrefix("mailto:") { text = String(text.dropFirst(7)) }
        else if text.contains("://"), let slash = text.lastIndex(of: "/"), text[slash...].contains("@") {
            text = String(text[text.index(after: slash)...])
        }
        if let q = text.firstIndex(of: "?") { text = String(text[..<q]) }
        text = text.removingPercentEncodingLeniently
        return text.isEmpty ? nil : text
    }
}

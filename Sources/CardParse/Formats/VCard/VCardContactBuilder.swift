/// Turns one card's properties into a ``Contact``, once the card's version is known.
enum VCardContactBuilder {
    static func build(_ properties: [VCardProperty], context: inout VCardReadContext) -> Contact {
        var contact = Contact()
        var labels: [(group: String, property: VCardProperty)] = []
        for property in properties {
            switch property.upperName {
            case "VERSION", "BEGIN", "END":
                continue
            case "X-ABLABEL" where property.group != nil:
                labels.append((property.group!, property))
                continue
            default:
                break
            }
            if let scribe = VCardScribes.byName[property.upperName],
               scribe.read(property, into: &contact, context: &context) {
                continue
            }
            contact.extras.append(property.raw)
        }
        for (group, property) in labels {
            let label = AppleLabel.decode(property.text(context.version))
            if !attach(label, toGroup: group, in: &contact) { contact.extras.append(property.raw) }
        }
        deriveNames(&contact)
        return contact
    }

    /// Gives `label` to the value in the same group (`item1.EMAIL` + `item1.X-ABLabel`).
    private static func attach(_ label: String, toGroup group: String, in contact: inout Contact) -> Bool {
        let g = group.lowercased()
        if let i = contact.emails.firstIndex(where: { $0.group?.lowercased() == g && $0.label == nil }) {
            contact.emails[i].label = label
        } else if let i = contact.phones.firstIndex(where: { $0.group?.lowercased() == g && $0.label == nil }) {
            contact.phones[i].label = label
        } else if let i = contact.urls.firstIndex(where: { $0.group?.lowercased() == g && $0.label == nil }) {
            contact.urls[i].label = label
        } else if let i = contact.addresses.firstIndex(where: { $0.group?.lowercased() == g && $0.label == nil }) {
            contact.addresses[i].label = label
        } else {
            return false
        }
        return true
    }

    /// When `FN` or `N` is missing, derive one from the other. A company card (no person name, or
    /// `FN` equal to `ORG`) gets the organization as display name and no person name.
    /// Simple rules only; the name normalizer refines splitting (particles, double surnames).
    static func deriveNames(_ contact: inout Contact) {
        if contact.name == nil, let full = contact.fullName, full != contact.organization {
            contact.name = NameSplitter.split(full)
        }
        if contact.fullName == nil {
            contact.fullName = contact.name?.displayName ?? contact.organization
        }
    }
}

/// The simple split of a display name used when a card has no `N`.
enum NameSplitter {
    /// "Family, Given" when there is exactly one comma and the part after it is not a credential;
    /// otherwise the last word is the family name and the rest the given names.
    static func split(_ fullName: String) -> PersonName? {
        let text = fullName.trimmingWhitespace()
        let commaParts = text.split(separator: ",", omittingEmptySubsequences: false)
        if commaParts.count == 2 {
            let family = commaParts[0].trimmingWhitespace()
            let given = commaParts[1].trimmingWhitespace()
            let credentials: Set<String> = ["jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d.", "mba", "cpa", "msc", "md"]
            if !family.isEmpty, !given.isEmpty, !credentials.contains(given.lowercased()),
               family.split(separator: " ").count <= 3, given.split(separator: " ").count <= 3 {
                return PersonName(family: String(family), given: String(given))
            }
        }
        let words = text.split(whereSeparator: \.isWhitespace)
        guard let last = words.last else { return nil }
        if words.count == 1 { return PersonName(given: String(last)) }
        return PersonName(family: String(last), given: words.dropLast().joined(separator: " "))
    }
}

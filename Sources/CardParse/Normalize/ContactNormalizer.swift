import Foundation

/// Normalizes a contact in place: names, phones, e-mails, organizations, URLs, and the matching
/// keys the deduplication engine compares. Original values that change stay on the contact
/// (`originalFullName`, `originalName`; phones keep their text next to `e164`).
public struct ContactNormalizer: Sendable {
    public let phones: PhoneNormalizer

    public init(region: String) {
        phones = PhoneNormalizer(defaultRegion: region)
    }

    /// The default region: `--region`, then `CARDTOOL_REGION`, then the locale, then Spain.
    public static func defaultRegion(option: String?) -> String {
        if let option, option.count == 2 { return option.uppercased() }
        if let env = ProcessInfo.processInfo.environment["CARDTOOL_REGION"], env.count == 2 { return env.uppercased() }
        if let region = Locale.current.region?.identifier, region.count == 2, region != "ZZ" { return region }
        return "ES"
    }

    public func normalize(_ contact: inout Contact) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let location = SourceLocation(file: contact.source?.file ?? "-", line: contact.source?.line,
                                      record: contact.source?.record)
        normalizeName(&contact, diagnostics: &diagnostics, location: location)
        phones.normalize(&contact, diagnostics: &diagnostics, location: location)
        EmailNormalizer.normalize(&contact, diagnostics: &diagnostics, location: location)
        contact.urls = contact.urls.map(URLNormalizer.normalize)
        contact.keys = keys(for: contact)
        return diagnostics
    }

    private func normalizeName(_ contact: inout Contact, diagnostics: inout [Diagnostic], location: SourceLocation) {
        let original = contact.fullName
        let originalName = contact.name
        // An organisation card keeps its name as it is.
        if contact.name == nil, contact.fullName != nil, contact.fullName == contact.organization { return }
        guard let text = contact.fullName ?? contact.name?.displayName else { return }
        let parsed: NameNormalizer.Parsed
        if let name = contact.name, !needsResplit(name) {
            parsed = NameNormalizer.clean(name)
        } else {
            parsed = NameNormalizer.parse(text)
        }
        if !parsed.name.isEmpty { contact.name = parsed.name }
        if let nick = parsed.nickname, !contact.nicknames.contains(nick) { contact.nicknames.append(nick) }
        for email in parsed.emails where !contact.emails.contains(where: { $0.value.lowercased() == email.lowercased() }) {
            contact.emails.append(Email(value: email))
            diagnostics.append(Diagnostic(.note, .emailMoved, "e-mail address found in the name moved to e-mails",
                                          at: location))
        }
        contact.fullName = contact.name?.displayName ?? contact.fullName
        if contact.fullName != original { contact.originalFullName = original }
        if contact.name != originalName { contact.originalName = originalName }
    }

    /// A split that put surnames or particles among the given names (scanners; the simple
    /// last-word split used when a source has only a display name).
    private func needsResplit(_ name: PersonName) -> Bool {
        guard let given = name.given else { return true }
        if name.family == nil { return true }
        let words = given.split(separator: " ").map(String.init)
        if words.count < 2 { return false }
        if words.dropFirst().contains(where: { NameNormalizer.particles.contains(NameNormalizer.key($0)) }) { return true }
        let spanish = NameNormalizer.looksSpanish(words + [name.family!])
        return spanish && !Nicknames.isGivenName(words.last!)
    }

    func keys(for c: Contact) -> MatchingKeys {
        var k = MatchingKeys()
        if let full = c.name?.displayName ?? c.fullName {
            let n = c.name
            k.name = TextFolding.fold([n?.given, n?.family].compactMap { $0 }.joined(separator: " ").nonEmpty ?? full)
        }
        if let given = c.name?.given { k.given = Nicknames.forms(of: given) }
        for nick in c.nicknames { for f in Nicknames.forms(of: nick) where !k.given.contains(f) { k.given.append(f) } }
        if let family = c.name?.family {
            k.family = TextFolding.fold(family)
            k.familyPhonetic = PhoneticKey.key(family)
        }
        k.emails = c.emails.map { $0.value.lowercased() }
        k.emailLocalParts = c.emails.compactMap { $0.value.split(separator: "@").first.map { TextFolding.fold(String($0)) } }
        k.phones = c.phones.compactMap(\.e164)
        k.linkedIn = c.urls.lazy.compactMap { URLNormalizer.linkedInSlug($0.value) }.first
        k.organization = c.organization.map(OrganizationNormalizer.key)?.nonEmpty
        return k
    }
}

/// E-mail addresses: trimmed, `mailto:` and `?query` removed, domain lower-cased, syntax checked.
public enum EmailNormalizer {
    public static func normalize(_ address: String) -> (value: String, valid: Bool) {
        var text = address.trimmed()
        if text.lowercased().hasPrefix("mailto:") { text = String(text.dropFirst(7)) }
        if let q = text.firstIndex(of: "?") { text = String(text[..<q]) }
        text = text.trimmingCharacters(in: CharacterSet(charactersIn: "<>\"' ;,"))
        guard let at = text.lastIndex(of: "@") else { return (text, false) }
        let local = text[..<at], domain = text[text.index(after: at)...].lowercased()
        let valid = !local.isEmpty && !local.contains(" ") && domain.contains(".") && !domain.hasPrefix(".")
            && !domain.hasSuffix(".") && !domain.contains("..")
            && domain.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }
        return ("\(local)@\(domain)", valid)
    }

    static func normalize(_ contact: inout Contact, diagnostics: inout [Diagnostic], location: SourceLocation) {
        var seen = Set<String>()
        var result: [Email] = []
        for var email in contact.emails {
            let (value, valid) = normalize(email.value)
            email.value = value
            if !valid {
                diagnostics.append(Diagnostic(.warning, .emailInvalid, "e-mail address is not valid; kept as written",
                                              at: location, detail: value))
            }
            if seen.insert(value.lowercased()).inserted { result.append(email) }
        }
        // Addresses found in the note.
        if let note = contact.note {
            for word in note.split(whereSeparator: { $0.isWhitespace || $0 == "/" || $0 == "(" || $0 == ")" || $0 == "," || $0 == ";" })
            where word.contains("@") {
                let (value, valid) = normalize(String(word).trimmingCharacters(in: CharacterSet(charactersIn: ".")))
                if valid, seen.insert(value.lowercased()).inserted {
                    result.append(Email(value: value))
                    diagnostics.append(Diagnostic(.note, .emailMoved, "e-mail address found in the note added to e-mails",
                                                  at: location))
                }
            }
        }
        contact.emails = result
    }
}

/// The organization key: no legal suffixes, `&`/`y`/`and`, punctuation or case.
public enum OrganizationNormalizer {
    static let legal: Set<String> = [
        "sl", "slu", "sa", "sas", "sll", "slp", "sc", "scp", "sa de cv", "de cv", "cv", "ltda", "inc", "llc", "ltd",
        "limited", "gmbh", "sarl", "bv", "corp", "corporation", "co", "plc", "ag", "nv", "spa", "srl", "lp", "llp", "sapi",
    ]
    static let connectors: Set<String> = ["y", "and", "e", "und", "et"]

    public static func key(_ organization: String) -> String {
        let text = organization.replacingOccurrences(of: "&", with: " ")
        // Fold, then drop dots inside abbreviations ("S.L." → "sl") before splitting.
        var words = TextFolding.fold(text.replacingOccurrences(of: ".", with: "")).split(separator: " ").map(String.init)
        words.removeAll { connectors.contains($0) }
        // Legal suffixes at the end, one or several words ("sa de cv").
        var changed = true
        while changed && words.count > 1 {
            changed = false
            for n in [3, 2, 1] where words.count > n {
                if legal.contains(words.suffix(n).joined(separator: " ")) {
                    words.removeLast(n)
                    changed = true
                    break
                }
            }
        }
        return words.joined(separator: " ")
    }
}

/// URLs: LinkedIn profiles made canonical, websites given a scheme.
public enum URLNormalizer {
    static func normalize(_ link: WebLink) -> WebLink {
        var l = link
        l.value = normalize(link.value)
        if linkedInSlug(l.value) != nil && !l.types.contains("linkedin") { l.types.append("linkedin") }
        return l
    }

    public static func normalize(_ url: String) -> String {
        let text = url.trimmed()
        if let slug = linkedInSlug(text) { return LinkedInPageExtractor.profileURL(slug) }
        if text.contains("://") || text.lowercased().hasPrefix("mailto:") || text.isEmpty { return text }
        if text.contains(".") && !text.contains(" ") && !text.contains("@") { return "https://" + text }
        return text
    }

    /// The profile slug of a LinkedIn URL (with or without scheme, any subdomain), percent-encoding
    /// normalised: `linkedin.com/in/Jos%C3%A9-Ruiz/` → `josé-ruiz`.
    public static func linkedInSlug(_ url: String) -> String? {
        var text = url.trimmed()
        if !text.contains("://") { text = "https://" + text }
        return LinkedInPageExtractor.slug(from: text)
    }
}

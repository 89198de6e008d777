import Foundation

/// Normalizes a contact in place: names, phones, e-mails, organizations, URLs, and the matching
/// keys the deduplication engine compares. Original values that change stay on the contact
/// (`originalFullName`, `originalName`; phones keep their text next to `e164`).
public struct ContactNormalizer: Sendable {
    public let phones: PhoneNormalizer
    /// Whether to fill ``Contact/keys`` (the JSON Lines `keys` object). Deduplication builds its
    /// own features and turns this off: the keys are a fifth of normalization's cost.
    public var computeKeys: Bool

    public init(region: String, computeKeys: Bool = true) {
        phones = PhoneNormalizer(defaultRegion: region)
        self.computeKeys = computeKeys
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
        if computeKeys { contact.keys = Self.keys(for: contact) }
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

    static func keys(for c: Contact) -> MatchingKeys {
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
        // On bytes: every delimiter looked at is ASCII.
        var b = Array(address.utf8)[...]
        func isTrim(_ c: UInt8) -> Bool {
            c.isASCIIBlank || c == UInt8(ascii: "<") || c == UInt8(ascii: ">") || c == UInt8(ascii: "\"")
                || c == UInt8(ascii: "'") || c == UInt8(ascii: ";") || c == UInt8(ascii: ",")
        }
        while let f = b.first, f.isASCIIBlank { b = b.dropFirst() }
        if b.count >= 7, zip(b.prefix(7), "mailto:".utf8).allSatisfy({ $0 | 0x20 == $1 || $0 == $1 }) { b = b.dropFirst(7) }
        if let q = b.firstIndex(of: UInt8(ascii: "?")) { b = b[..<q] }
        while let f = b.first, isTrim(f) { b = b.dropFirst() }
        while let l = b.last, isTrim(l) { b = b.dropLast() }
        guard let at = b.lastIndex(of: UInt8(ascii: "@")) else { return (String(decoding: b, as: UTF8.self), false) }
        let local = b[..<at]
        var domainBytes = Array(b[(at + 1)...])
        var ascii = true
        for i in domainBytes.indices {
            let c = domainBytes[i]
            if c >= 0x41 && c <= 0x5A { domainBytes[i] = c | 0x20 } else if c >= 0x80 { ascii = false }
        }
        var domain = String(decoding: domainBytes, as: UTF8.self)
        if !ascii { domain = domain.lowercased() }
        let shapeOK = !local.isEmpty && !local.contains(0x20) && domainBytes.contains(UInt8(ascii: "."))
            && domainBytes.first != UInt8(ascii: ".") && domainBytes.last != UInt8(ascii: ".")
            && !zip(domainBytes, domainBytes.dropFirst()).contains { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") }
        let charsOK = ascii
            ? domainBytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
            : domain.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }
        return (String(decoding: local, as: UTF8.self) + "@" + domain, shapeOK && charsOK)
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

    /// Legal suffixes as word lists, longest first, so "s a de c v" is tried before "c v".
    static let legalWords: [[String]] = legal.map { $0.split(separator: " ").map(String.init) }
        .sorted { $0.count > $1.count }
    static let legalLastWords: Set<String> = Set(legalWords.compactMap(\.last))

    public static func key(_ organization: String) -> String {
        // Folded, dots inside abbreviations dropped ("S.L." → "sl"), "&" a word break.
        let folded = TextFolding.fold(organization, dropDots: true)
        var words = folded.asciiSplit(0x20).map(String.init)
        words.removeAll { connectors.contains($0) }
        // Legal suffixes at the end, one or several words ("sa de cv"); most names end in none.
        suffixes: while words.count > 1, legalLastWords.contains(words[words.count - 1]) {
            for suffix in legalWords where words.count > suffix.count && words.suffix(suffix.count).elementsEqual(suffix) {
                words.removeLast(suffix.count)
                continue suffixes
            }
            break
        }
        return words.joined(separator: " ")
    }
}

/// URLs: LinkedIn profiles made canonical, websites given a scheme.
public enum URLNormalizer {
    static func normalize(_ link: WebLink) -> WebLink {
        var l = link
        let text = link.value.trimmed()
        if let slug = linkedInSlug(text) {
            l.value = LinkedInPageExtractor.profileURL(slug)
            if !l.types.contains("linkedin") { l.types.append("linkedin") }
        } else {
            l.value = normalize(text)
        }
        return l
    }

    public static func normalize(_ url: String) -> String {
        let text = url.trimmed()
        if let slug = linkedInSlug(text) { return LinkedInPageExtractor.profileURL(slug) }
        if text.isEmpty || text.byteRange(of: "://") != nil || text.hasPrefixIgnoringASCIICase("mailto:") { return text }
        if text.containsByte(UInt8(ascii: ".")) && !text.containsByte(0x20) && !text.containsByte(UInt8(ascii: "@")) {
            return "https://" + text
        }
        return text
    }

    /// The profile slug of a LinkedIn URL (with or without scheme, any subdomain), percent-encoding
    /// normalised: `linkedin.com/in/Jos%C3%A9-Ruiz/` → `josé-ruiz`.
    public static func linkedInSlug(_ url: String) -> String? {
        var text = url.trimmed()
        // Cheap test first: most URLs are not LinkedIn's.
        guard text.utf8.count > 12, text.containsIgnoringASCIICase("linkedin") else { return nil }
        if text.byteRange(of: "://") == nil { text = "https://" + text }
        return LinkedInPageExtractor.slug(from: text)
    }
}

import CardModel
import Foundation

/// Normalizes a contact in place: names, phones, e-mails, organizations, URLs, and the matching
/// keys the deduplication engine compares. Original values that change stay on the contact
/// (`originalFullName`, `originalName`; phones keep their text next to `e164`).
public struct ContactNormalizer: Sendable {
    /// The phone normalizer: its default region and the run's cache of libphonenumber results.
    public let phones: PhoneNormalizer
    /// Whether to fill ``Contact/keys`` (the JSON Lines `keys` object). Deduplication builds its
    /// own features and turns this off: the keys are a fifth of normalization's cost.
    public var computeKeys: Bool
    /// Forms, keys and parses of names and organizations seen before in this run.
    let words = WordCache()

    /// Creates a normalizer that reads national numbers in `region`, an ISO 3166 code such as `ES`.
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

    /// Normalizes `contact` in place and returns its diagnostics (`phone.invalid`, `email.moved`…).
    public func normalize(_ contact: inout Contact) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let location = SourceLocation(file: contact.source?.file ?? "-", line: contact.source?.line,
                                      record: contact.source?.record)
        normalizeName(&contact, diagnostics: &diagnostics, location: location)
        phones.normalize(&contact, diagnostics: &diagnostics, location: location)
        EmailNormalizer.normalize(&contact, diagnostics: &diagnostics, location: location)
        var linkedIn: String?
        if !contact.urls.isEmpty {
            contact.urls = contact.urls.map { link in
                let (normalized, slug) = URLNormalizer.normalizeWithSlug(link)
                if linkedIn == nil { linkedIn = slug }
                return normalized
            }
        }
        if computeKeys { contact.keys = Self.keys(for: contact, linkedIn: .some(linkedIn), cache: words) }
        return diagnostics
    }

    private func normalizeName(_ contact: inout Contact, diagnostics: inout [Diagnostic], location: SourceLocation) {
        let original = contact.fullName
        let originalName = contact.name
        // An organisation card keeps its name as it is.
        if contact.name == nil, contact.fullName != nil, contact.fullName == contact.organization { return }
        guard let text = contact.fullName ?? contact.name?.displayName else { return }
        // Exporters fill empty parts with `None`, `null`, `N/A`: they are no one's name.
        var name = contact.name.map(NameNormalizer.withoutPlaceholders)
        if name?.isEmpty == true { name = nil }
        let parsed: NameNormalizer.Parsed
        let swapped = name.flatMap(Self.swappedColumns)
        if let name = swapped ?? name,
           swapped != nil || (!needsResplit(name) && !NameNormalizer.contradicts(name, fullName: contact.fullName)) {
            // Given names and surnames repeat across an address book: each part is cleaned once.
            parsed = NameNormalizer.clean(name) { part in
                part.isEmpty ? .empty : words.cleanedParts.value(part) { NameNormalizer.clean(part, allowFamilyFirst: false) }
            }
        } else {
            let display = NameNormalizer.isPlaceholder(text) ? (name?.displayName ?? text) : text
            parsed = words.parsed.value(display) { NameNormalizer.parse(display) }
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

    /// Given and family columns swapped, as registers and hand-typed sheets have them
    /// (`Martínez Valuela` / `Pepe`, `Martín Gómez` / `Carmen`): two or more words in the given
    /// field that end in a surname or start with a particle, and only given names in the family
    /// field. Resplit, such a name would keep its first surname as the given name and end its
    /// surnames with a given name (`Martínez`, family `Valuela Pepe`); swapped back, it reads as on
    /// the person's other cards. One word in the given field (`González` / `Luis`) is left as it
    /// is: a given name the tables lack looks the same, and matching reads both orders anyway.
    static func swappedColumns(_ name: PersonName) -> PersonName? {
        guard let given = name.given, let family = name.family, given.containsByte(0x20) else { return nil }
        let familyWords = family.split(separator: " ")
        guard familyWords.count <= 2, familyWords.allSatisfy({ Nicknames.isGivenName(String($0)) }) else { return nil }
        let givenWords = given.split(separator: " ").map(String.init)
        // (A particle is no given name, though `Del` is Adelbert's nickname.)
        func isParticle(_ w: String) -> Bool { NameNormalizer.particles.contains(NameNormalizer.key(w)) }
        guard givenWords.count >= 2 else { return nil }
        let folded = givenWords.map { NameNormalizer.key($0) }
        // `María del Carmen` is a given name whatever follows it.
        if NameNormalizer.compoundGiven.contains(where: { folded.starts(with: $0) }) { return nil }
        // A given name never starts with a particle (`de la Fuente León` / `Beatriz`); otherwise the
        // field's last word must be a surname: no given name, or one led by a particle (`de la Cruz`).
        if !isParticle(givenWords[0]) {
            guard let k = givenWords.lastIndex(where: { !NameNormalizer.isInitial($0) }), !isParticle(givenWords[k]),
                  !Nicknames.isGivenName(givenWords[k]) || (k > 0 && isParticle(givenWords[k - 1])),
                  NameNormalizer.looksSpanish(givenWords + [family]) || givenWords.contains(where: isParticle)
            else { return nil }
        }
        var out = name
        out.given = family
        out.family = given
        return out
    }

    /// A split that put surnames or particles among the given names (scanners; the simple
    /// last-word split used when a source has only a display name).
    private func needsResplit(_ name: PersonName) -> Bool {
        guard let given = name.given else { return true }
        guard let family = name.family else { return true }
        // `John Smith Jr.` split at its last word: the family name is a suffix (the longest,
        // `D. Phil.`, is a few bytes).
        if family.utf8.count <= 10 && NameNormalizer.isSuffix(family) { return true }
        // Surnames in capitals (`Juan PÉREZ GARCÍA`, `DUPONT Marie`): the capitals are the family name.
        // Most names have no word without a lower-case letter, which the bytes tell.
        if Self.mayHaveCapitalsWord(given) || Self.mayHaveCapitalsWord(family) {
            let givenWords = given.split(separator: " ").map(String.init), familyWords = family.split(separator: " ").map(String.init)
            if let run = NameNormalizer.capitalsRun(givenWords + familyWords), run != givenWords.count..<(givenWords.count + familyWords.count) {
                return true
            }
        }
        // One given name: nothing of the surname can be among the given names.
        if !given.containsByte(0x20) { return false }
        let words = given.split(separator: " ").map(String.init)
        if words.count < 2 { return false }
        if words.dropFirst().contains(where: { NameNormalizer.particles.contains(NameNormalizer.key($0)) }) { return true }
        let spanish = NameNormalizer.looksSpanish(words + [family])
        // A middle initial (`Daniel A.`) belongs with the given names.
        let last = words.last { !NameNormalizer.isInitial($0) } ?? words[0]
        return spanish && !Nicknames.isGivenName(last)
    }

    /// Whether some word of `text` has no ASCII lower-case letter and either two ASCII capitals
    /// or a non-ASCII letter (which may be a capital): only such a word can be written in capitals.
    static func mayHaveCapitalsWord(_ text: String) -> Bool {
        var upper = 0, lower = false, other = false
        for b in text.utf8 {
            if b == 0x20 {
                if !lower && (upper >= 2 || other) { return true }
                upper = 0; lower = false; other = false
            } else if b >= 0x41 && b <= 0x5A { upper += 1 }
            else if b >= 0x61 && b <= 0x7A { lower = true }
            else if b >= 0x80 { other = true }
        }
        return !lower && (upper >= 2 || other)
    }

    /// The matching keys of a normalized contact. `linkedIn`: the profile slug when the caller
    /// already has it (`.some(nil)`: no profile); `cache`: a normalizer's memory of names and
    /// organizations seen before.
    package static func keys(for c: Contact, linkedIn: String?? = nil, cache: WordCache? = nil) -> MatchingKeys {
        func cached<V: Sendable>(_ table: WordCache.Table<V>?, _ key: String, _ compute: () -> V) -> V {
            table?.value(key, compute) ?? compute()
        }
        var k = MatchingKeys()
        let n = c.name
        var givenFolded = ""
        if let given = n?.given {
            k.given = cached(cache?.givenForms, given) { Nicknames.forms(of: given) }
            givenFolded = k.given.first ?? ""   // forms start with the folded name itself
        }
        for nick in c.nicknames { for f in Nicknames.forms(of: nick) where !k.given.contains(f) { k.given.append(f) } }
        if let family = n?.family {
            (k.family, k.familyPhonetic) = cached(cache?.family, family) { (TextFolding.fold(family), PhoneticKey.key(family)) }
        }
        // Folding works word by word: the given name's form (its first) and the folded family
        // name joined are the fold of both, without folding them again.
        let familyFolded = n?.family == nil ? "" : (k.family ?? "")
        if !givenFolded.isEmpty || !familyFolded.isEmpty {
            k.name = givenFolded.isEmpty ? familyFolded : familyFolded.isEmpty ? givenFolded : givenFolded + " " + familyFolded
        } else if let full = n?.displayName ?? c.fullName {
            k.name = TextFolding.fold(full)
        }
        k.emails = c.emails.map { Self.lowercasedASCII($0.value) }
        k.emailLocalParts = c.emails.compactMap { Self.localPart($0.value).map { TextFolding.fold($0) } }
        k.phones = c.phones.compactMap(\.e164)
        k.linkedIn = linkedIn ?? c.urls.lazy.compactMap { URLNormalizer.linkedInSlug($0.value) }.first
        if let organization = c.organization {
            k.organization = cached(cache?.organization, organization) { OrganizationNormalizer.key(organization) }.nonEmpty
        }
        return k
    }

    /// The text before the first `@` (the first non-empty part, as splitting at `@` gives it),
    /// found by its byte rather than by walking characters.
    static func localPart(_ address: String) -> String? {
        let u = address.utf8
        guard let first = u.first else { return nil }
        if first == UInt8(ascii: "@") { return address.split(separator: "@").first.map(String.init) }
        guard let at = u.firstIndex(of: UInt8(ascii: "@")) else { return address }
        return String(address[..<at])
    }

    /// Lower case, without a copy when the text has no ASCII capital (most e-mail addresses).
    static func lowercasedASCII(_ text: String) -> String {
        text.utf8.contains(where: { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 }) ? text.lowercased() : text
    }
}

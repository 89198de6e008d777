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
        // Exporters fill empty parts with `None`, `null`, `N/A`: they are no one's name.
        var name = contact.name.map(NameNormalizer.withoutPlaceholders)
        if name?.isEmpty == true { name = nil }
        let parsed: NameNormalizer.Parsed
        if let name, !needsResplit(name), !NameNormalizer.contradicts(name, fullName: contact.fullName) {
            parsed = NameNormalizer.clean(name)
        } else {
            parsed = NameNormalizer.parse(NameNormalizer.isPlaceholder(text) ? (name?.displayName ?? text) : text)
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
        guard let family = name.family else { return true }
        // `John Smith Jr.` split at its last word: the family name is a suffix.
        if NameNormalizer.isSuffix(family) { return true }
        // Surnames in capitals (`Juan PÉREZ GARCÍA`, `DUPONT Marie`): the capitals are the family name.
        let givenWords = given.split(separator: " ").map(String.init), familyWords = family.split(separator: " ").map(String.init)
        if let run = NameNormalizer.capitalsRun(givenWords + familyWords), run != givenWords.count..<(givenWords.count + familyWords.count) {
            return true
        }
        let words = given.split(separator: " ").map(String.init)
        if words.count < 2 { return false }
        if words.dropFirst().contains(where: { NameNormalizer.particles.contains(NameNormalizer.key($0)) }) { return true }
        let spanish = NameNormalizer.looksSpanish(words + [family])
        return spanish && !Nicknames.isGivenName(words.last!)
    }

    package static func keys(for c: Contact) -> MatchingKeys {
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

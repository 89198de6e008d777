import Foundation

/// What the deduplication engine compares, computed once per contact: folded names, nickname
/// equivalents of the given name, a phonetic family-name key, e-mail and phone keys, the LinkedIn
/// slug and the organization key. Keys are lower-case ASCII after folding (`Núñez` → `nunez`).
public struct MatchingKeys: Sendable, Codable, Equatable, Hashable {
    /// The whole name, folded (`ana garcia lopez`).
    public var name: String?
    /// The given name folded, plus its formal and nickname forms (`pepe` → `jose`, `pepe`).
    public var given: [String]
    /// The family name, folded (`garcia lopez`).
    public var family: String?
    /// A phonetic key of the family name, so spellings that sound alike match (`Giménez`, `Jiménez`).
    public var familyPhonetic: String?
    /// The e-mail addresses, lower-cased.
    public var emails: [String]
    /// The part of each e-mail address before the `@`, folded (`ana.garcia`).
    public var emailLocalParts: [String]
    /// E.164 numbers.
    public var phones: [String]
    /// The profile slug of the first LinkedIn URL (`ana-garcia`).
    public var linkedIn: String?
    /// The organization, folded, without legal suffixes (`Iberdata Consultores S.L.` → `iberdata consultores`).
    public var organization: String?

    /// Creates keys from values that are already folded; normalization computes them for a contact.
    public init(name: String? = nil, given: [String] = [], family: String? = nil, familyPhonetic: String? = nil,
                emails: [String] = [], emailLocalParts: [String] = [], phones: [String] = [], linkedIn: String? = nil,
                organization: String? = nil) {
        self.name = name
        self.given = given
        self.family = family
        self.familyPhonetic = familyPhonetic
        self.emails = emails
        self.emailLocalParts = emailLocalParts
        self.phones = phones
        self.linkedIn = linkedIn
        self.organization = organization
    }
}

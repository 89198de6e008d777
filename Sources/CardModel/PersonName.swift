/// A structured name, as vCard's `N` splits it.
///
/// Components are plain strings (a component may hold several words, e.g. a double surname
/// "García López"); `nil` means the component is absent.
public struct PersonName: Sendable, Codable, Equatable, Hashable {
    public var family: String?
    public var given: String?
    public var additional: String?
    public var prefixes: String?
    public var suffixes: String?

    public init(family: String? = nil, given: String? = nil, additional: String? = nil,
                prefixes: String? = nil, suffixes: String? = nil) {
        self.family = family.nonEmpty
        self.given = given.nonEmpty
        self.additional = additional.nonEmpty
        self.prefixes = prefixes.nonEmpty
        self.suffixes = suffixes.nonEmpty
    }

    public var isEmpty: Bool {
        family == nil && given == nil && additional == nil && prefixes == nil && suffixes == nil
    }

    /// The name in reading order ("Dr. José Luis Martín-Sánchez"), used when a source has no display name.
    public var displayName: String? {
        [prefixes, given, additional, family, suffixes].compactMap { $0 }.joined(separator: " ").nonEmpty
    }
}

/// A structured name, as vCard's `N` splits it.
///
/// Components are plain strings (a component may hold several words, e.g. a double surname
/// "García López"); `nil` means the component is absent.
public struct PersonName: Sendable, Codable, Equatable, Hashable {
    /// The family name or names (`García López`).
    public var family: String?
    /// The given name or names (`Ana`, `José Luis`).
    public var given: String?
    /// Additional (middle) names.
    public var additional: String?
    /// Honorific prefixes (`Dr.`, `Dra.`).
    public var prefixes: String?
    /// Honorific suffixes (`Jr.`, `PhD`).
    public var suffixes: String?

    /// Creates a name; empty or blank components become `nil`.
    public init(family: String? = nil, given: String? = nil, additional: String? = nil,
                prefixes: String? = nil, suffixes: String? = nil) {
        self.family = family.nonEmpty
        self.given = given.nonEmpty
        self.additional = additional.nonEmpty
        self.prefixes = prefixes.nonEmpty
        self.suffixes = suffixes.nonEmpty
    }

    /// True when no component is present.
    public var isEmpty: Bool {
        family == nil && given == nil && additional == nil && prefixes == nil && suffixes == nil
    }

    /// The name in reading order ("Dr. José Luis Martín-Sánchez"), used when a source has no display name.
    public var displayName: String? {
        // The parts present, space-separated; built in one string (an array of the parts,
        // joined, cost an allocation or three on every call, and normalization calls it often).
        var out = ""
        var parts = 0
        func add(_ part: String?) {
            guard let part else { return }
            if parts > 0 { out += " " }
            out += part
            parts += 1
        }
        add(prefixes); add(given); add(additional); add(family); add(suffixes)
        return out.nonEmpty
    }
}

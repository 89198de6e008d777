/// An e-mail address with the types and preference its source gave it.
public struct Email: Sendable, Codable, Equatable, Hashable {
    /// The address as written in the source.
    public var value: String
    /// Lower-cased types ("work", "home", "internet"); "pref" is moved into ``pref``.
    public var types: [String]
    /// 1 is most preferred (vCard 4.0 `PREF=1`; 2.1/3.0 `TYPE=pref` reads as 1).
    public var pref: Int?
    /// A free-text label (Apple's grouped `X-ABLabel`).
    public var label: String?
    /// The vCard group the value came in (`item1`), kept so grouped properties travel together.
    public var group: String?

    /// Creates an e-mail address with its types, preference, label and group.
    public init(value: String, types: [String] = [], pref: Int? = nil, label: String? = nil, group: String? = nil) {
        self.value = value
        self.types = types
        self.pref = pref
        self.label = label
        self.group = group
    }
}

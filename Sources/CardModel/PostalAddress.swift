/// A postal address in vCard's seven components.
public struct PostalAddress: Sendable, Codable, Equatable, Hashable {
    public var types: [String]
    public var pref: Int?
    public var poBox: String?
    public var extended: String?
    public var street: String?
    public var locality: String?
    public var region: String?
    public var postalCode: String?
    public var country: String?
    /// The formatted address text (vCard 4.0 `ADR;LABEL=`).
    public var formatted: String?
    public var label: String?
    public var group: String?

    public init(types: [String] = [], pref: Int? = nil, poBox: String? = nil, extended: String? = nil,
                street: String? = nil, locality: String? = nil, region: String? = nil,
                postalCode: String? = nil, country: String? = nil, formatted: String? = nil,
                label: String? = nil, group: String? = nil) {
        self.types = types
        self.pref = pref
        self.poBox = poBox.nonEmpty
        self.extended = extended.nonEmpty
        self.street = street.nonEmpty
        self.locality = locality.nonEmpty
        self.region = region.nonEmpty
        self.postalCode = postalCode.nonEmpty
        self.country = country.nonEmpty
        self.formatted = formatted.nonEmpty
        self.label = label
        self.group = group
    }

    public var hasComponents: Bool {
        poBox != nil || extended != nil || street != nil || locality != nil || region != nil
            || postalCode != nil || country != nil
    }
}

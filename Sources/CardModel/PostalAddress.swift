/// A postal address in vCard's seven components.
public struct PostalAddress: Sendable, Codable, Equatable, Hashable {
    /// Lower-cased types ("work", "home"); "pref" is moved into ``pref``.
    public var types: [String]
    /// 1 is most preferred (vCard 4.0 `PREF=1`; 2.1/3.0 `TYPE=pref` reads as 1).
    public var pref: Int?
    /// The post office box (`Apartado 123`).
    public var poBox: String?
    /// The extended address: apartment, suite or floor (`3º B`).
    public var extended: String?
    /// The street and number (`Calle Mayor 1`).
    public var street: String?
    /// The city or town (`Madrid`).
    public var locality: String?
    /// The state, province or region (`Comunidad de Madrid`).
    public var region: String?
    /// The postal code (`28013`).
    public var postalCode: String?
    /// The country, as written (`España`).
    public var country: String?
    /// The formatted address text (vCard 4.0 `ADR;LABEL=`).
    public var formatted: String?
    /// A free-text label (Apple's grouped `X-ABLabel`).
    public var label: String?
    /// The vCard group the value came in (`item1`), kept so grouped properties travel together.
    public var group: String?

    /// Creates an address; empty or blank text components become `nil`.
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

    /// True when any of the seven structured components is present (``formatted`` does not count).
    public var hasComponents: Bool {
        poBox != nil || extended != nil || street != nil || locality != nil || region != nil
            || postalCode != nil || country != nil
    }
}

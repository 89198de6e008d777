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

    public init(value: String, types: [String] = [], pref: Int? = nil, label: String? = nil, group: String? = nil) {
        self.value = value
        self.types = types
        self.pref = pref
        self.label = label
        self.group = group
    }
}

/// A telephone number as written in the source; normalization adds E.164 later.
public struct Phone: Sendable, Codable, Equatable, Hashable {
    /// The number as written (a `tel:` URI loses its scheme and its `;ext=` here).
    public var value: String
    public var types: [String]
    public var pref: Int?
    /// The extension from a `tel:` URI's `;ext=` parameter (or found by libphonenumber).
    public var ext: String?
    public var label: String?
    public var group: String?
    /// The number in E.164 (`+34612345678`), set by normalization when libphonenumber finds it valid.
    public var e164: String?
    /// libphonenumber's type: `mobile`, `fixed-line`, `fixed-line-or-mobile`, `toll-free`, `voip`, …
    public var numberType: String?

    public init(value: String, types: [String] = [], pref: Int? = nil, ext: String? = nil,
                label: String? = nil, group: String? = nil, e164: String? = nil, numberType: String? = nil) {
        self.value = value
        self.types = types
        self.pref = pref
        self.ext = ext
        self.label = label
        self.group = group
        self.e164 = e164
        self.numberType = numberType
    }
}

/// A web address (vCard `URL`).
public struct WebLink: Sendable, Codable, Equatable, Hashable {
    public var value: String
    public var types: [String]
    public var pref: Int?
    public var label: String?
    public var group: String?

    public init(value: String, types: [String] = [], pref: Int? = nil, label: String? = nil, group: String? = nil) {
        self.value = value
        self.types = types
        self.pref = pref
        self.label = label
        self.group = group
    }
}

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

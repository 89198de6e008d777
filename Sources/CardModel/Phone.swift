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

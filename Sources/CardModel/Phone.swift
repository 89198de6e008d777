/// A telephone number as written in the source; normalization adds E.164 later.
public struct Phone: Sendable, Codable, Equatable, Hashable {
    /// The number as written (a `tel:` URI loses its scheme and its `;ext=` here).
    public var value: String
    /// Lower-cased types ("cell", "work", "voice"); "pref" is moved into ``pref``.
    public var types: [String]
    /// 1 is most preferred (vCard 4.0 `PREF=1`; 2.1/3.0 `TYPE=pref` reads as 1).
    public var pref: Int?
    /// The extension from a `tel:` URI's `;ext=` parameter (or found by libphonenumber).
    public var ext: String?
    /// A free-text label (Apple's grouped `X-ABLabel`).
    public var label: String?
    /// The vCard group the value came in (`item1`), kept so grouped properties travel together.
    public var group: String?
    /// The number in E.164 (`+34612345678`), set by normalization when libphonenumber finds it valid.
    public var e164: String?
    /// libphonenumber's type: `mobile`, `fixed-line`, `fixed-line-or-mobile`, `toll-free`, `voip`, …
    public var numberType: String?

    /// Creates a phone number; normalization fills ``e164`` and ``numberType`` later.
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

    /// The number clean exports write: E.164 when normalization found it valid (a CRM reads a
    /// national number in its own default country, and a Spanish mobile would become a wrong US
    /// number), else as written.
    public var written: String { e164 ?? value }
}

import CardModel
import CPhoneNumber

/// E.164 numbers and number types through libphonenumber.
///
/// National numbers are read in the contact's own country when it has one (its address, or the
/// `+` prefix of another of its numbers), else in the default region (`--region`, then
/// `CARDTOOL_REGION`, then the locale). Numbers libphonenumber does not find valid keep their text,
/// get no E.164, and a diagnostic.
public struct PhoneNormalizer: Sendable {
    /// The region (`ES`, upper case) for national numbers when the contact has no country of its own.
    public let defaultRegion: String
    let cache = Cache(limit: 200_000)

    /// Creates a normalizer for `defaultRegion`, an ISO 3166 code (`ES`, `mx`) that is upper-cased here.
    public init(defaultRegion: String) {
        self.defaultRegion = defaultRegion.uppercased()
    }

    /// Parse's results by region and text. Parse costs a hundred thousand instructions or more a
    /// number (ICU regular expressions), and an address book repeats numbers: the same person
    /// from several sources, colleagues behind one switchboard.
    typealias Cache = BoundedCache<CacheKey, Result>

    /// A number's text and where it is read (its region, or "+" for an international number):
    /// two strings hashed as they are, without joining them into a new one.
    struct CacheKey: Hashable, Sendable {
        let scope: String
        let text: String
    }

    /// What libphonenumber makes of one number: E.164 form and type when valid, extension, region.
    public struct Result: Equatable, Sendable {
        /// The number in E.164 (`+34612345678`), only when libphonenumber finds it valid.
        public var e164: String?
        /// libphonenumber's type of a valid number: `mobile`, `fixed-line`, `toll-free`, `voip`….
        public var numberType: String?
        /// The extension (`7` in `+1 512 555 0100 ext. 7`), if the number has one.
        public var ext: String?
        /// The region the number belongs to (`ES`, `MX`), when libphonenumber can tell.
        public var region: String?
    }

    /// Parses one number in a region. Numbers the fast path answers (a few thousand
    /// instructions) are not cached: a lookup and an insertion cost about as much. The cache
    /// keeps what libphonenumber's Parse decided.
    public func parse(_ text: String, region: String? = nil) -> Result {
        let cleaned = Self.clean(text)
        let region = region ?? defaultRegion
        if let answered = Self.parseFast(cleaned, region: region) { return answered }
        // A number with its "+" reads the same in every region.
        let scope = cleaned.utf8.first == UInt8(ascii: "+") ? "+" : region
        return cache.value(CacheKey(scope: scope, text: cleaned)) { Self.parseUncached(cleaned, region: region, full: true) }
    }

    /// What the fast path makes of a number, or nil when libphonenumber's Parse has to decide.
    static func parseFast(_ cleaned: String, region: String) -> Result? {
        if region == "ES" && impossibleInSpain(cleaned) { return Result(region: "ES") }
        var raw = cardtool_phone_result()
        let answered = cleaned.withCString { t in region.withCString { r in cardtool_phone_parse_fast(t, r, &raw) } }
        return answered == 0 ? nil : result(&raw)
    }

    /// `full`: always through libphonenumber's Parse (tests compare it with the fast path).
    static func parseUncached(_ cleaned: String, region: String, full: Bool = false) -> Result {
        if !full && region == "ES" && impossibleInSpain(cleaned) { return Result(region: "ES") }
        var raw = cardtool_phone_result()
        cleaned.withCString { t in
            region.withCString { r in full ? cardtool_phone_parse_full(t, r, &raw) : cardtool_phone_parse(t, r, &raw) }
        }
        return result(&raw)
    }

    private static func result(_ raw: inout cardtool_phone_result) -> Result {
        guard raw.parsed != 0 else { return Result() }
        let e164 = raw.valid != 0 ? Self.string(&raw.e164) : nil
        let ext = Self.string(&raw.extension)
        return Result(e164: e164, numberType: raw.valid != 0 ? Self.typeName(raw.type) : nil,
                      ext: ext.isEmpty ? nil : ext, region: Self.string(&raw.region).nonEmpty)
    }

    /// Spanish national numbers have exactly nine digits and no trunk prefix, so plain digits of
    /// another length, written without `+` or `00`, cannot be valid in Spain (a Mexican or UK
    /// number written nationally). Answering here spares libphonenumber's regular expressions,
    /// which dominate the cost of such numbers. `34` + nine digits is left to Parse, which reads
    /// it as a country code written without `+`.
    static func impossibleInSpain(_ text: String) -> Bool {
        var digits = 0
        var first: UInt8 = 0, second: UInt8 = 0
        for b in text.utf8 {
            switch b {
            case 0x30...0x39:
                if digits == 0 { first = b } else if digits == 1 { second = b }
                digits += 1
            case 0x20, 0x2D, 0x2E, 0x28, 0x29, 0x2F: continue
            default: return false     // "+", letters (an extension), anything unusual: Parse decides
            }
        }
        if digits == 9 || digits < 3 || digits > 17 { return false }
        if first == 0x30 && second == 0x30 { return false }                      // 00 international prefix
        if digits == 11 && first == 0x33 && second == 0x34 { return false }      // 34 without "+"
        return true
    }

    /// Labels scanners and people put in front of numbers ("Tel.:", "M.", "Móvil:") are not part of it.
    static func clean(_ text: String) -> String {
        var t = text.trimmed()
        // Numbers start with a digit, "+" or "(": only labels start with a letter.
        guard let first = t.utf8.first, first >= 0x41 else { return t }
        let lower = t.lowercased()
        for label in ["tel.:", "tel:", "tel.", "tlf.:", "tlf.", "tfno.:", "tfno.", "teléfono:", "móvil:", "movil:",
                      "mobile:", "mob.", "fax:", "fax", "m.", "t.", "p."] where lower.hasPrefix(label) {
            t = String(t.dropFirst(label.count)).trimmed()
            break
        }
        return t
    }

    /// Whether numbers of this calling code are typed from libphonenumber's metadata without its
    /// ICU regular expressions (the shim's `NumberPatterns`).
    static func typedWithoutICU(countryCode: Int) -> Bool {
        cardtool_phone_patterns_cover(Int32(countryCode)) == 1
    }

    private static func string<T>(_ tuple: inout T) -> String {
        withUnsafeBytes(of: &tuple) { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let end = bytes.firstIndex(of: 0) ?? bytes.count
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
        }
    }

    static func typeName(_ type: cardtool_phone_type) -> String? {
        switch type {
        case CARDTOOL_PHONE_FIXED_LINE: "fixed-line"
        case CARDTOOL_PHONE_MOBILE: "mobile"
        case CARDTOOL_PHONE_FIXED_LINE_OR_MOBILE: "fixed-line-or-mobile"
        case CARDTOOL_PHONE_TOLL_FREE: "toll-free"
        case CARDTOOL_PHONE_PREMIUM_RATE: "premium-rate"
        case CARDTOOL_PHONE_SHARED_COST: "shared-cost"
        case CARDTOOL_PHONE_VOIP: "voip"
        case CARDTOOL_PHONE_PERSONAL_NUMBER: "personal"
        case CARDTOOL_PHONE_PAGER: "pager"
        case CARDTOOL_PHONE_UAN: "uan"
        case CARDTOOL_PHONE_VOICEMAIL: "voicemail"
        default: nil
        }
    }

    /// The region a contact's bare national numbers belong to: its address country, else the country
    /// of one of its international numbers, else the default.
    public func region(for contact: Contact) -> String {
        for address in contact.addresses {
            if let country = address.country, let region = CountryCodes.region(for: country) { return region }
        }
        for phone in contact.phones {
            let t = Self.clean(phone.value)
            guard t.hasPrefix("+") || t.hasPrefix("00") || t.hasPrefix("(+") else { continue }
            if let region = parse(t, region: defaultRegion).region { return region }
        }
        return defaultRegion
    }

    /// Normalizes every phone of `contact` in place.
    public func normalize(_ contact: inout Contact, diagnostics: inout [Diagnostic], location: SourceLocation) {
        guard !contact.phones.isEmpty else { return }
        // The contact's region matters to national numbers only: a card whose numbers all start
        // with "+" needs none (finding it would parse one of them twice).
        var known: String?
        func region() -> String {
            if let known { return known }
            let r = self.region(for: contact)
            known = r
            return r
        }
        for i in contact.phones.indices {
            var text = contact.phones[i].value
            if let ext = contact.phones[i].ext { text += " ext. \(ext)" }
            let international = text.utf8.first == UInt8(ascii: "+")
            let result = parse(text, region: international ? defaultRegion : region())
            contact.phones[i].e164 = result.e164
            contact.phones[i].numberType = result.numberType
            if contact.phones[i].ext == nil { contact.phones[i].ext = result.ext }
            if result.e164 == nil {
                diagnostics.append(Diagnostic(.warning, .phoneInvalid,
                    "phone number is not valid for \(region()); kept as written, without E.164",
                    at: location, detail: contact.phones[i].value))
            }
        }
    }
}

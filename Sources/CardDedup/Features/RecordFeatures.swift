import CardConcurrency
import CardModel
import CardNormalize
import Foundation

/// What the matcher compares of one contact, computed once from the normalized contact.
///
/// Everything is folded (case, accents, punctuation) so comparisons are byte compares; values that
/// are only ever tested for equality are kept as 64-bit hashes.
///
/// A class, so that the pair loop passes one reference instead of copying (and retaining) a
/// dozen arrays per comparison; its properties are constants, so reading them needs neither a
/// retain nor an exclusivity check.
public final class RecordFeatures: @unchecked Sendable {
    // Declared first, then the arrays: what the first comparison of a pair reads comes first in
    // memory, and scoring fetches only those bytes ahead (``identityBytes``).

    /// Hashes of the given-name words with their forms and phonetic keys, and of the surname
    /// words with theirs: what name levels depend on, so a thread can remember the levels of
    /// two names it has compared before (``NameLevelCache``).
    let givenKey: UInt64, familyKey: UInt64
    /// What the given name's forms could match (``FormsSignature``), so that a given-name level
    /// skips the lists when nothing in them can.
    let formsSignature: FormsSignature
    /// Where the arrays the first comparison of a pair reads keep their elements: scoring
    /// fetches them a few pairs ahead (``prefetchValues()``).
    let valueAddresses: (ElementsAddress, ElementsAddress, ElementsAddress, ElementsAddress, ElementsAddress, ElementsAddress,
                          ElementsAddress)
    /// Given-name words, folded (`maria`, `jose`).
    public let given: [String]
    /// Formal and nickname forms of the first given name and of the whole given name.
    public let givenForms: [String]
    /// Surname words without particles (`de la Fuente Martínez` → `fuente`, `martinez`).
    public let family: [String]
    /// Phonetic keys of the surname words (``PhoneticKey``: `Vázquez` and `Vasques` agree).
    public let familyPhonetic: [String]
    /// Phonetic keys of the given-name words, for cards written surname first.
    public let givenPhonetic: [String]
    /// E-mail addresses (hashes of the lower-cased address), and which of them are personal
    /// (Gmail, Hotmail…: a person has one, so two different ones are evidence of two people).
    public let emails: [UInt64]
    /// The addresses, lower-cased, for spotting a typo (one letter off).
    public let emailText: [String]
    /// Hashes of the addresses at personal providers: two different ones suggest two people.
    public let personalEmails: [UInt64]
    /// Personal addresses whose local part is only the name (`jose.garcia@gmail.com`).
    public let nameMadePersonal: [UInt64]
    /// Hashes of local parts that say more than the name (`vurquiza.dev`, not `jose.garcia`).
    public let emailLocals: [UInt64]
    /// Phones as their last nine digits (hashes): the same number written `612 34 56 78`,
    /// `+34612345678` or `0034 612-345-678`, also when it is not valid in the default region.
    public let phones: [UInt64]
    /// The phones' last nine digits as text, for spotting one digit off.
    public let phoneDigits: [String]
    /// Hashes of the mobile numbers: two different mobiles suggest two people.
    public let mobiles: [UInt64]
    /// Numbers libphonenumber calls fixed lines: a company switchboard is shared by colleagues.
    public let fixed: [UInt64]
    /// Hash of the LinkedIn profile slug; 0 when the contact has no profile.
    public let linkedIn: UInt64
    /// The profile slug has no digits: only the name (`maria-garcia-lopez`).
    public let linkedInNameOnly: Bool
    /// The first surname word is a given name the tables know (`Toni`, `James`, `Martín`): the
    /// card may be written surname first, so a comparison also reads it the other way round.
    /// Worked out from the surname, also for features decoded from a book.
    let familyMayBeGiven: Bool
    /// The organization key, without legal suffix (`moreno asociados`); empty when absent.
    public let organization: String
    /// The job title, folded; empty when absent.
    public let title: String
    /// The first address's city key (`BCN` → `barcelona`); empty when absent.
    public let city: String
    /// The first address's street, folded, abbreviations spelled out (`avda` → `avenida`); empty when absent.
    public let street: String
    /// The first address's postcode, folded, without spaces; empty when absent.
    public let postalCode: String
    /// Birthday as yyyymmdd (year 0 when unknown), 0 when absent.
    public let birthday: Int32
    /// `--map column=custom:NAME` values, folded to letters and digits without a label word such as
    /// `DNI`, in the configuration's order.
    public let custom: [String]
    /// The day (or, undated, the event) where the card was collected, hashed; 0 when unknown.
    /// A person does not change jobs in the middle of one event.
    public let metOn: UInt64

    static let personalDomains: Set<String> = [
        "gmail.com", "googlemail.com", "hotmail.com", "hotmail.es", "hotmail.co.uk", "hotmail.fr", "outlook.com",
        "outlook.es", "live.com", "live.com.mx", "msn.com", "yahoo.com", "yahoo.es", "yahoo.com.mx", "yahoo.co.uk",
        "yahoo.fr", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com", "protonmail.com", "proton.me",
        "gmx.com", "gmx.de", "gmx.es", "telefonica.net", "movistar.es", "btinternet.com", "prodigy.net.mx",
        "terra.es", "orange.fr", "free.fr", "web.de", "mail.com", "zoho.com", "qq.com", "163.com",
    ]

    /// A street line as compared: street types spelt out (`C/`, `Cl.`, `Pso.` → `calle`, `paseo`),
    /// the words a number is introduced with (`nº`) and connectors (`de`, `del`, `la`) left out,
    /// ordinal marks taken off numbers (`7º` → `7`), and floor and door words in one spelling
    /// (`Izq.`, `Izda.`, `Izquierda`), so that `c/ Real, nº 4` and `Calle Real 4` are one street.
    ///
    /// A line written the English way (the number first, or a flat first: `Flat 18, 71 Mill Rd.`)
    /// has its types spelt out the English way (`Cl` is a close there, `Pl` a place), its unit words
    /// (`Flat`, `Apt`, `#`) and ordinal endings (`1st`) left out, and its words sorted: the flat is
    /// written before the house or after it (`71 Mill Road, Flat 18`).
    static func streetKey(_ street: String) -> String {
        let words = TextFolding.fold(street).asciiSplit(0x20)
        guard let first = words.first else { return "" }
        let numberFirst = first.firstByte.map { $0 >= 0x30 && $0 <= 0x39 } ?? false
        let english = numberFirst || englishUnits.contains(String(first))
        var out: [String] = []
        var afterNumber = false
        var k = 0
        while k < words.count {
            var w = String(words[k])
            k += 1
            if let b = w.firstByte, b >= 0x30 && b <= 0x39 {
                // `7o`, `4ob`, `7oizq`: the digits, then what follows without its ordinal mark;
                // `1st`, `22nd`: the digits alone.
                let digits = w.utf8.prefix { $0 >= 0x30 && $0 <= 0x39 }
                var rest = w.utf8.dropFirst(digits.count)
                if english {
                    if ["st", "nd", "rd", "th"].contains(String(decoding: rest, as: UTF8.self)) { rest = rest.dropFirst(2) }
                } else if let o = rest.first, o == UInt8(ascii: "o") || o == UInt8(ascii: "a") {
                    rest = rest.dropFirst()
                }
                out.append(String(decoding: digits, as: UTF8.self))
                afterNumber = true
                guard !rest.isEmpty else { continue }
                w = String(decoding: rest, as: UTF8.self)
            }
            if english {
                if englishUnits.contains(w) || w == "no" { continue }
                w = englishStreetWords[w] ?? w
            } else {
                if streetFillers.contains(w) { continue }
                // `P.º` folds to two words.
                if w == "p", k < words.count, words[k] == "o" { k += 1; w = "paseo" }
                w = afterNumber ? unitWords[w] ?? w : streetWords[w] ?? w
            }
            if !w.isEmpty { out.append(w) }
        }
        if english { out.sort() }
        return out.joined(separator: " ")
    }

    /// A postcode as compared: case and spaces out, a US ZIP+4 as its ZIP, and an all-digit code
    /// without leading zeros, which a spreadsheet drops (`08006` and `8006`, `02108-1234` and `2108`).
    static func postalKey(_ code: String) -> String {
        let words = TextFolding.fold(code).asciiSplit(0x20)
        func digits(_ w: Substring) -> Bool { w.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        var key: String
        if words.count == 2, words[0].utf8.count == 5, words[1].utf8.count == 4, digits(words[0]), digits(words[1]) {
            key = String(words[0])
        } else {
            key = words.joined()
        }
        if !key.isEmpty, digits(key[...]) {
            let trimmed = key.drop { $0 == "0" }
            key = trimmed.isEmpty ? "0" : String(trimmed)
        }
        return key
    }

    /// Words that introduce a house number or join a street's name.
    static let streetFillers: Set<String> = ["no", "n", "num", "numero", "nr", "de", "del", "la", "las", "los", "el", "d", "l"]

    /// Floor and door words after the house number of a Spanish address, in one spelling.
    static let unitWords: [String: String] = [
        "izquierda": "izq", "izda": "izq", "izqda": "izq", "iz": "izq", "derecha": "dcha", "dcho": "dcha", "dr": "dcha",
        "der": "dcha", "dch": "dcha", "entresuelo": "entl", "entlo": "entl", "bj": "bajo", "bo": "bajo", "atico": "atico",
        "at": "atico", "piso": "", "puerta": "", "pta": "", "esc": "escalera",
    ]

    static let streetWords: [String: String] = [
        "c": "calle", "cl": "calle", "cll": "calle", "avda": "avenida", "av": "avenida", "avd": "avenida", "pza": "plaza",
        "plza": "plaza", "pz": "plaza", "pl": "plaza", "pº": "paseo", "po": "paseo", "pso": "paseo", "cno": "camino",
        "cmno": "camino", "cam": "camino", "rda": "ronda", "trva": "travesia", "trav": "travesia", "tr": "travesia",
        "ctra": "carretera", "crta": "carretera", "gta": "glorieta", "urb": "urbanizacion", "bo": "barrio", "pje": "pasaje",
        "st": "street", "rd": "road", "ave": "avenue", "ln": "lane", "dr": "drive", "sq": "square", "blvd": "boulevard",
    ]

    /// Street types written short in English-speaking countries (the postal services' own lists).
    static let englishStreetWords: [String: String] = [
        "st": "street", "str": "street", "rd": "road", "ave": "avenue", "av": "avenue", "avn": "avenue", "ln": "lane",
        "dr": "drive", "drv": "drive", "cl": "close", "cres": "crescent", "cresc": "crescent", "gdns": "gardens",
        "gdn": "garden", "pl": "place", "terr": "terrace", "ter": "terrace", "tce": "terrace", "gr": "grove", "gro": "grove",
        "grv": "grove", "blvd": "boulevard", "boul": "boulevard", "ct": "court", "crt": "court", "wy": "way", "sq": "square",
        "pk": "park", "pkwy": "parkway", "hwy": "highway", "cir": "circle", "mt": "mount", "n": "north", "s": "south",
        "e": "east", "w": "west",
    ]

    /// Words that introduce a flat or suite on an English-style line (`Flat 18`, `Apt 4B`, `#3`).
    static let englishUnits: Set<String> = ["flat", "apt", "apartment", "unit", "suite", "ste", "room", "rm"]

    /// Builds the features of a normalized contact. `customFields` are extra-property names.
    public convenience init(_ c: Contact, customFields: [String] = []) {
        self.init(RecordFeatureBuilder(c, customFields: customFields, cache: nil))
    }

    /// The same, with what `cache` remembers of names and organizations seen before.
    convenience init(_ c: Contact, customFields: [String] = [], cache: FeatureWordCache?) {
        self.init(RecordFeatureBuilder(c, customFields: customFields, cache: cache))
    }

    /// Freezes worked-out features.
    init(_ b: RecordFeatureBuilder) {
        given = b.given
        givenForms = b.givenForms
        family = b.family
        familyPhonetic = b.familyPhonetic
        givenPhonetic = b.givenPhonetic
        emails = b.emails
        emailText = b.emailText
        personalEmails = b.personalEmails
        nameMadePersonal = b.nameMadePersonal
        emailLocals = b.emailLocals
        phones = b.phones
        phoneDigits = b.phoneDigits
        mobiles = b.mobiles
        fixed = b.fixed
        linkedIn = b.linkedIn
        linkedInNameOnly = b.linkedInNameOnly
        familyMayBeGiven = b.family.first.map(Nicknames.isGivenName) ?? false
        organization = b.organization
        title = b.title
        city = b.city
        street = b.street
        postalCode = b.postalCode
        birthday = b.birthday
        custom = b.custom
        metOn = b.metOn
        givenKey = Self.wordsKey(b.given, b.givenForms, b.givenPhonetic)
        formsSignature = FormsSignature(b.givenForms)
        familyKey = Self.wordsKey(b.family, b.familyPhonetic)
        valueAddresses = (ElementsAddress(given), ElementsAddress(givenForms), ElementsAddress(givenPhonetic), ElementsAddress(family),
                          ElementsAddress(familyPhonetic), ElementsAddress(emails), ElementsAddress(phones))
    }

    /// The object's bytes the first comparison of a pair reads (header, keys, value addresses,
    /// the arrays' references, the LinkedIn hash and the two flags after it): the rest (organization, address, custom
    /// values) is read only for pairs that pass it.
    static let identityBytes = 16 + 16 + 16 + 7 * 8 + 14 * 8 + 10

    /// Asks for the values of the arrays a comparison reads first, ahead of their use.
    @inline(__always)
    func prefetchValues() {
        valueAddresses.0.prefetch(); valueAddresses.3.prefetch(); valueAddresses.5.prefetch(); valueAddresses.6.prefetch()
    }

    /// The same, and the name-form and sound arrays that a name level worked out afresh reads:
    /// for pairs whose names a thread has seldom compared before (random pairs).
    @inline(__always)
    func prefetchAllValues() {
        prefetchValues()
        valueAddresses.1.prefetch(); valueAddresses.2.prefetch(); valueAddresses.4.prefetch()
    }

    /// One hash of two word lists or three (FNV-1a, a separator byte after each word and each list).
    static func wordsKey(_ a: [String], _ b: [String], _ c: [String]? = nil) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        addWords(a, to: &h)
        addWords(b, to: &h)
        if let c { addWords(c, to: &h) }
        return h
    }

    /// Adds a list's words to an FNV-1a hash, by their bytes in place where the string has them contiguous.
    @inline(__always)
    private static func addWords(_ list: [String], to h: inout UInt64) {
        for word in list {
            let done: Void? = word.utf8.withContiguousStorageIfAvailable { p in
                for b in p { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            }
            if done == nil { for b in word.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 } }
            h = h &* 0x0000_0100_0000_01B3   // the separator byte 0
        }
        h = (h ^ 1) &* 0x0000_0100_0000_01B3
    }

    /// The last nine digits before any extension: enough to tell numbers apart, and the same
    /// whether or not a country code or trunk prefix was written.
    public static func tailDigits(_ text: String) -> String {
        // The last nine digits kept in place as they come (at most nine bytes: a string without
        // an allocation), where an array of every digit was grown and cut.
        var ring: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &ring) { slots in
            for b in text.utf8 {
                if b >= 0x30 && b <= 0x39 { slots[count % 9] = b; count += 1 }
                else if (b | 0x20) == UInt8(ascii: "x") || (b | 0x20) == UInt8(ascii: "e") || b == UInt8(ascii: ";") { break }
            }
        }
        let kept = min(count, 9), first = count - kept
        return withUnsafeBytes(of: &ring) { slots in
            String(unsafeUninitializedCapacity: kept) { out in
                for k in 0..<kept { out[k] = slots[(first + k) % 9] }
                return kept
            }
        }
    }

    /// Whether the record has a given name or a surname.
    public var hasName: Bool { !given.isEmpty || !family.isEmpty }
}

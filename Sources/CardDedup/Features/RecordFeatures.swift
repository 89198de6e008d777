import CardModel
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

    static let streetWords: [String: String] = [
        "c": "calle", "cl": "calle", "avda": "avenida", "av": "avenida", "avd": "avenida", "pza": "plaza",
        "pl": "plaza", "pº": "paseo", "po": "paseo", "ctra": "carretera", "st": "street", "rd": "road",
        "ave": "avenue", "ln": "lane", "dr": "drive", "sq": "square", "pl.": "place", "blvd": "boulevard",
    ]

    /// Builds the features of a normalized contact. `customFields` are extra-property names.
    public convenience init(_ c: Contact, customFields: [String] = []) {
        self.init(RecordFeatureBuilder(c, customFields: customFields))
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
        organization = b.organization
        title = b.title
        city = b.city
        street = b.street
        postalCode = b.postalCode
        birthday = b.birthday
        custom = b.custom
        metOn = b.metOn
    }

    /// The last nine digits before any extension: enough to tell numbers apart, and the same
    /// whether or not a country code or trunk prefix was written.
    public static func tailDigits(_ text: String) -> String {
        var digits: [UInt8] = []
        for b in text.utf8 {
            if b >= 0x30 && b <= 0x39 { digits.append(b) }
            else if (b | 0x20) == UInt8(ascii: "x") || (b | 0x20) == UInt8(ascii: "e") || b == UInt8(ascii: ";") { break }
        }
        if digits.count > 9 { digits.removeFirst(digits.count - 9) }
        return String(decoding: digits, as: UTF8.self)
    }

    /// Whether the record has a given name or a surname.
    public var hasName: Bool { !given.isEmpty || !family.isEmpty }
}

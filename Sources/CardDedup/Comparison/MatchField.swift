
/// One compared field: its name and its comparison levels, best first. Level 0 is always
/// "missing" (one side has no value), which weighs nothing.
public struct MatchField: Sendable, Equatable {
    /// The field's name in `--pairs` columns and `--explain` (`given_name`, `custom:DNI`).
    public let name: String
    /// Level names for levels 1…n.
    public let levels: [String]
    /// Starting m probabilities for levels 1…n (before EM), and whether the first level's weight is
    /// adjusted by how common the agreeing value is.
    let defaultM: [Double]
    let termFrequency: Bool
    /// Typical u for levels 1…n, as measured over random pairs of a large contact book: the
    /// prior that keeps a small input (where "random" pairs are often the same person) sensible.
    var defaultU: [Double] = []

    /// The given name, by formal name and nicknames; agreeing on a rare name weighs more.
    public static let given = MatchField(name: "given_name",
        levels: ["exact", "nickname or shared name", "typo (JW ≥ 0.92)", "similar (JW ≥ 0.80)", "initial", "different"],
        defaultM: [0.75, 0.12, 0.05, 0.02, 0.02, 0.04], termFrequency: true, defaultU: [0.0045, 0.0027, 0.0014, 0.008, 0.0001, 0.9833])
    /// The surnames, where one of two may agree (Spanish double surnames); a rare surname weighs more.
    public static let family = MatchField(name: "family_name",
        levels: ["exact", "one of two surnames", "typo", "one shared, others differ", "similar (JW ≥ 0.80)", "different"],
        defaultM: [0.55, 0.3, 0.08, 0.02, 0.02, 0.03], termFrequency: true, defaultU: [0.0008, 0.0016, 0.004, 0.0037, 0.0056, 0.9843])
    /// E-mail addresses; a name-made personal address (`jose.garcia@gmail.com`) is its own, weaker level.
    public static let email = MatchField(name: "email",
        levels: ["same address", "same address, also on other names", "same name-made personal address", "same local part",
                 "typo", "different personal addresses", "different"],
        defaultM: [0.35, 0.01, 0.15, 0.1, 0.04, 0.05, 0.3], termFrequency: false,
        defaultU: [0.00001, 0.000001, 0.00001, 0.00001, 0.000002, 0.11, 0.889977])
    /// Phones by their last nine digits; a shared fixed line (a switchboard) is its own level.
    public static let phone = MatchField(name: "phone",
        levels: ["same number", "same fixed line", "same number, also on other names", "one digit off", "different mobiles", "different"],
        defaultM: [0.75, 0.04, 0.01, 0.01, 0.05, 0.14], termFrequency: false, defaultU: [0.00002, 0.000005, 0.000001, 0.000002, 0.10, 0.899972])
    /// A profile address that is only the name (`/in/maria-garcia`) is set apart: links typed by
    /// hand or guessed from a name point there for every namesake.
    public static let linkedIn = MatchField(name: "linkedin", levels: ["same profile", "same name-only profile", "different profiles"],
        defaultM: [0.8, 0.17, 0.03], termFrequency: false, defaultU: [0.00002, 0.00001, 0.99997])
    /// No term-frequency adjustment: a small company is rare in the data but shared by colleagues.
    /// People change jobs between events, not during one: a different organization on a card
    /// collected the same day is its own level, and the data say how rare it is for one person.
    public static let organization = MatchField(name: "organization", levels: ["same", "similar", "different", "different, met the same day"],
        defaultM: [0.6, 0.1, 0.29, 0.01], termFrequency: false, defaultU: [0.0002, 0.0008, 0.979, 0.02])
    /// The job title; once the organizations differ (a new job), a different title is not counted again.
    public static let title = MatchField(name: "title", levels: ["same", "similar", "different"],
        defaultM: [0.5, 0.15, 0.35], termFrequency: false, defaultU: [0.019, 0.012, 0.969])
    /// The first address's city (`BCN` and `Barcelona` are one); agreeing on a rare city weighs more.
    public static let city = MatchField(name: "city", levels: ["same", "similar", "different"],
        defaultM: [0.75, 0.05, 0.2], termFrequency: true, defaultU: [0.024, 0.003, 0.973])
    /// The first address: the same or a similar street, or the same postcode.
    public static let address = MatchField(name: "address", levels: ["same street", "similar street or same postcode", "different"],
        defaultM: [0.7, 0.15, 0.15], termFrequency: false, defaultU: [0.001, 0.01, 0.989])
    /// The birthday; one part off or day and month swapped is a level of its own.
    public static let birthday = MatchField(name: "birthday", levels: ["same", "one part differs or day/month swapped", "different"],
        defaultM: [0.9, 0.06, 0.04], termFrequency: false, defaultU: [0.0001, 0.002, 0.9979])
    static func custom(_ name: String) -> MatchField {
        MatchField(name: "custom:" + name, levels: ["same", "one character off", "different"],
                   defaultM: [0.9, 0.05, 0.05], termFrequency: false, defaultU: [0.00001, 0.00001, 0.99998])
    }

    /// The fields in comparison order; custom fields follow the built-in ones.
    public static func all(custom: [String]) -> [MatchField] {
        [given, family, email, phone, linkedIn, organization, title, city, address, birthday]
            + custom.prefix(maxCustomFields).map(Self.custom)
    }
    /// A comparison packs four bits a field into 64 bits: ten built-in fields leave room for six.
    public static let maxCustomFields = 6
}

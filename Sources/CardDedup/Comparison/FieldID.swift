/// A compared field's place in a comparison: the ten built-in fields in a fixed order, then the
/// custom fields (`--map column=custom:NAME`) in the configuration's order.
///
/// Comparisons, m and u tables and explanations are arrays indexed by field; naming the index
/// keeps `comparison.level(.city)` from being `comparison.level(7)`.
public struct FieldID: RawRepresentable, Hashable, Comparable, Sendable {
    /// The position in ``MatchField/all(custom:)``.
    public let rawValue: Int

    /// The field at `rawValue`.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Given name.
    public static let given = FieldID(rawValue: 0)
    /// Family name(s).
    public static let family = FieldID(rawValue: 1)
    /// E-mail addresses.
    public static let email = FieldID(rawValue: 2)
    /// Phone numbers.
    public static let phone = FieldID(rawValue: 3)
    /// LinkedIn profile.
    public static let linkedIn = FieldID(rawValue: 4)
    /// Organization.
    public static let organization = FieldID(rawValue: 5)
    /// Job title.
    public static let title = FieldID(rawValue: 6)
    /// City of the first address.
    public static let city = FieldID(rawValue: 7)
    /// Street and postcode of the first address.
    public static let address = FieldID(rawValue: 8)
    /// Birthday.
    public static let birthday = FieldID(rawValue: 9)

    /// How many built-in fields come before the custom ones.
    public static let builtInCount = 10

    /// The `k`-th custom field (0-based).
    public static func custom(_ k: Int) -> FieldID { FieldID(rawValue: builtInCount + k) }

    /// Whether this is a custom field.
    public var isCustom: Bool { rawValue >= Self.builtInCount }

    /// `count` fields from the first, in order.
    public static func all(_ count: Int) -> [FieldID] { (0..<count).map(FieldID.init(rawValue:)) }

    public static func < (a: FieldID, b: FieldID) -> Bool { a.rawValue < b.rawValue }
}

extension Array where Element == [Double] {
    /// One field's row of a per-field table (m, u, level counts).
    subscript(field: FieldID) -> [Double] {
        get { self[field.rawValue] }
        set { self[field.rawValue] = newValue }
    }
}

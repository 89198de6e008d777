
/// The comparison of two records: a level per field, packed four bits a field, plus how common
/// the agreeing values are (for term-frequency adjustment), 0 when not applicable.
public struct PairComparison: Sendable, Equatable {
    public var packed: UInt64 = 0
    /// Share of records with the agreeing given name, surname(s), organization and city.
    var tfGiven: Float = 0, tfFamily: Float = 0, tfOrganization: Float = 0, tfCity: Float = 0
    /// The same, within the first record's surname (0 when the surname is too rare to measure).
    var givenWithinFamily: Float = 0, sameCityWithinFamily: Float = 0

    func tf(_ field: Int) -> Float? {
        let v: Float
        switch field {
        case 0: v = tfGiven
        case 1: v = tfFamily
        case 5: v = tfOrganization
        case 7: v = tfCity
        default: return nil
        }
        return v > 0 ? v : nil
    }

    public func level(_ field: Int) -> Int { Int((packed >> UInt64(4 * field)) & 0xF) }
    mutating func set(_ field: Int, _ level: Int) { packed |= UInt64(level) << UInt64(4 * field) }
}

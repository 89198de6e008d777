
/// The comparison of two records: a level per field, packed four bits a field, plus how common
/// the agreeing values are (for term-frequency adjustment), 0 when not applicable.
public struct PairComparison: Sendable, Equatable {
    /// Each field's level, four bits a field in ``FieldID`` order (0: missing).
    public var packed: UInt64 = 0
    /// Share of records with the agreeing given name, surname(s), organization and city.
    var tfGiven: Float = 0, tfFamily: Float = 0, tfOrganization: Float = 0, tfCity: Float = 0
    /// The same, within the first record's surname (0 when the surname is too rare to measure).
    var givenWithinFamily: Float = 0, sameCityWithinFamily: Float = 0

    /// How common the agreeing value is, for the fields with a term frequency.
    func tf(_ field: FieldID) -> Float? {
        let v: Float
        switch field {
        case .given: v = tfGiven
        case .family: v = tfFamily
        case .organization: v = tfOrganization
        case .city: v = tfCity
        default: return nil
        }
        return v > 0 ? v : nil
    }

    /// The field's level: 0 when missing, else 1… in ``MatchField/levels`` order.
    public func level(_ field: FieldID) -> Int { Int((packed >> UInt64(4 * field.rawValue)) & 0xF) }

    /// Sets a field that is still missing.
    mutating func set(_ field: FieldID, _ level: Int) { packed |= UInt64(level) << UInt64(4 * field.rawValue) }

    /// Makes a field missing again: what it would say is already counted elsewhere.
    mutating func clear(_ field: FieldID) { packed &= ~(UInt64(0xF) << UInt64(4 * field.rawValue)) }
}

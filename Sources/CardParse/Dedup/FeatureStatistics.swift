/// How common each value is across the records being deduplicated.
///
/// Agreeing on a rare surname is stronger evidence than agreeing on "García" (term-frequency
/// adjustment), and an e-mail or phone number on many records (`info@`, a switchboard) is not
/// one person's.
struct FeatureStatistics: Sendable {
    /// A value on more records than one person plausibly has is "shared by many".
    static let commonValue: Int32 = 6

    /// Per record: the share of records (with that field) carrying its given name, surname(s),
    /// organization and city; 0 when the record has none.
    var givenTF: [Float] = []
    var familyTF: [Float] = []
    var organizationTF: [Float] = []
    var cityTF: [Float] = []
    var familyTokens: [String: Int32] = [:]
    var familyTotal: Float = 1
    var emailFreq: [UInt64: Int32] = [:]
    var phoneFreq: [UInt64: Int32] = [:]

    init() {}

    init(_ records: [RecordFeatures]) {
        var given: [String: Int32] = [:], family: [String: Int32] = [:], org: [String: Int32] = [:], city: [String: Int32] = [:]
        var nGiven = 0, nFamily = 0, nOrg = 0, nCity = 0
        for r in records {
            if let g = r.given.first { given[g, default: 0] += 1; nGiven += 1 }
            if !r.family.isEmpty {
                family[r.family.joined(separator: " "), default: 0] += 1; nFamily += 1
                for t in r.family { familyTokens[t, default: 0] += 1 }
            }
            if !r.organization.isEmpty { org[r.organization, default: 0] += 1; nOrg += 1 }
            if !r.city.isEmpty { city[r.city, default: 0] += 1; nCity += 1 }
            for e in r.emails { emailFreq[e, default: 0] += 1 }
            for p in r.phones { phoneFreq[p, default: 0] += 1 }
        }
        familyTotal = Float(max(1, nFamily))
        func share(_ count: Int32?, _ total: Int) -> Float { count.map { Float($0) / Float(max(1, total)) } ?? 0 }
        givenTF = records.map { r in r.given.first.map { share(given[$0], nGiven) } ?? 0 }
        familyTF = records.map { r in r.family.isEmpty ? 0 : share(family[r.family.joined(separator: " ")], nFamily) }
        organizationTF = records.map { r in r.organization.isEmpty ? 0 : share(org[r.organization], nOrg) }
        cityTF = records.map { r in r.city.isEmpty ? 0 : share(city[r.city], nCity) }
    }

    func tokenTF(_ token: String) -> Float { Float(familyTokens[token] ?? 1) / familyTotal }
    func count(email: UInt64) -> Int32 { emailFreq[email] ?? 1 }
    func count(phone: UInt64) -> Int32 { phoneFreq[phone] ?? 1 }
}

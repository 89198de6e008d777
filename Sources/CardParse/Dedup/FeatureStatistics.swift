/// How common each value is across the records being deduplicated.
///
/// Agreeing on a rare surname is stronger evidence than agreeing on "García" (term-frequency
/// adjustment), and an e-mail or phone number on many records (`info@`, a switchboard) is not
/// one person's.
struct FeatureStatistics: Sendable {
    /// Per record: the share of records (with that field) carrying its given name, surname(s),
    /// organization and city; 0 when the record has none.
    var givenTF: [Float] = []
    var familyTF: [Float] = []
    var organizationTF: [Float] = []
    var cityTF: [Float] = []
    var familyTokens: [String: Int32] = [:]
    var familyTotal: Float = 1
    /// E-mail (hash ^ 0x5EED) and phone hashes seen on records of differently named people.
    var shared: Set<UInt64> = []

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
        }
        // An address or number on records whose given names cannot be one person's
        // (a switchboard, `info@`, a family phone) is marked shared.
        var firstHolder: [UInt64: Int32] = [:]
        for (i, r) in records.enumerated() {
            for key in r.emails.map({ $0 ^ 0x5EED }) + r.phones {
                if let first = firstHolder[key] {
                    if !shared.contains(key) && !Self.sameGiven(records[Int(first)], r) { shared.insert(key) }
                } else {
                    firstHolder[key] = Int32(i)
                }
            }
        }
        familyTotal = Float(max(1, nFamily))
        func share(_ count: Int32?, _ total: Int) -> Float { count.map { Float($0) / Float(max(1, total)) } ?? 0 }
        givenTF = records.map { r in r.given.first.map { share(given[$0], nGiven) } ?? 0 }
        familyTF = records.map { r in r.family.isEmpty ? 0 : share(family[r.family.joined(separator: " ")], nFamily) }
        organizationTF = records.map { r in r.organization.isEmpty ? 0 : share(org[r.organization], nOrg) }
        cityTF = records.map { r in r.city.isEmpty ? 0 : share(city[r.city], nCity) }
    }

    func tokenTF(_ token: String) -> Float { Float(familyTokens[token] ?? 1) / familyTotal }
    func isShared(email: UInt64) -> Bool { shared.contains(email ^ 0x5EED) }
    func isShared(phone: UInt64) -> Bool { shared.contains(phone) }

    /// Whether two records' given names could be one person's (equal, nickname, typo, initial).
    static func sameGiven(_ a: RecordFeatures, _ b: RecordFeatures) -> Bool {
        guard let x = a.given.first, let y = b.given.first else { return true }
        if x == y || a.givenForms.contains(y) || b.givenForms.contains(x) { return true }
        if x.utf8.count == 1 || y.utf8.count == 1 { return x.utf8.first == y.utf8.first }
        // Given and family swapped on one card.
        if a.family.contains(y) || b.family.contains(x) { return true }
        return JaroWinkler.atLeast(0.85, x, y)
    }
}

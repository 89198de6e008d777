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
    /// Within the record's surname (when at least ``groupMinimum`` records share it): its given
    /// name's share, and the share of pairs that live in the same city. A García is likelier a
    /// José and in Madrid than a random record; 0 when the surname is too rare to say.
    var givenTFWithinFamily: [Float] = []
    var sameCityWithinFamily: [Float] = []
    static let groupMinimum = 30
    static let minimumForFrequencies = 1000
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
        // Frequencies from a few hundred records mostly count one person's own cards: below a
        // thousand values a field gets no term-frequency adjustment (its plain weight applies).
        func share(_ count: Int32?, _ total: Int) -> Float {
            guard total >= Self.minimumForFrequencies else { return 0 }
            return count.map { Float($0) / Float(total) } ?? 0
        }
        givenTF = records.map { r in r.given.first.map { share(given[$0], nGiven) } ?? 0 }
        familyTF = records.map { r in r.family.isEmpty ? 0 : share(family[r.family.joined(separator: " ")], nFamily) }
        organizationTF = records.map { r in r.organization.isEmpty ? 0 : share(org[r.organization], nOrg) }
        cityTF = records.map { r in r.city.isEmpty ? 0 : share(city[r.city], nCity) }
        givenTFWithinFamily = [Float](repeating: 0, count: records.count)
        sameCityWithinFamily = [Float](repeating: 0, count: records.count)
        var groups: [String: [Int32]] = [:]
        for (i, r) in records.enumerated() where !r.family.isEmpty {
            groups[r.family.joined(separator: " "), default: []].append(Int32(i))
        }
        for members in groups.values where members.count >= Self.groupMinimum {
            var givens: [String: Int] = [:], cities: [String: Int] = [:]
            var withGiven = 0, withCity = 0
            for m in members {
                let r = records[Int(m)]
                if let g = r.given.first { givens[g, default: 0] += 1; withGiven += 1 }
                if !r.city.isEmpty { cities[r.city, default: 0] += 1; withCity += 1 }
            }
            var sameCity: Float = 0
            if withCity >= 2 {
                let pairs = Float(withCity) * Float(withCity - 1)
                sameCity = Float(cities.values.reduce(0) { $0 + $1 * ($1 - 1) }) / pairs
            }
            for m in members {
                let r = records[Int(m)]
                if let g = r.given.first, withGiven > 0 { givenTFWithinFamily[Int(m)] = Float(givens[g] ?? 0) / Float(withGiven) }
                sameCityWithinFamily[Int(m)] = sameCity
            }
        }
    }

    func tokenTF(_ token: String) -> Float {
        familyTotal < Float(Self.minimumForFrequencies) ? 0 : Float(familyTokens[token] ?? 1) / familyTotal
    }
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

import CardConcurrency

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
    /// The counts the frequencies come from (surname words, shared values).
    var counts = ValueCounts()
    /// Records with a surname: the denominator of a surname word's frequency.
    var familyTotal: Float = 1

    init() {}

    /// Statistics of a set of records, counted among themselves.
    init(_ records: [RecordFeatures], threads: Int = 1) {
        // Values as 64-bit hashes, computed on all cores; counting then hashes integers, not strings.
        let keys: [ValueCounts.Keys] = Parallel.map(records.count, threads: threads) { range in
            range.map { ValueCounts.keys(of: records[$0]) }
        }
        self.init(keys: keys, counts: ValueCounts(records, keys: keys))
    }

    /// Statistics of some records (their value keys) from counts over a larger set, such as a book.
    init(keys: [ValueCounts.Keys], counts: ValueCounts) {
        self.counts = counts
        // Frequencies from a few hundred records mostly count one person's own cards: below a
        // thousand values a field gets no term-frequency adjustment (its plain weight applies).
        // Each kind's table looked up once, not for every record; the records on all cores.
        func table(_ kind: ValueCounts.Kind) -> [UInt64: Int] { counts.counts[kind] ?? [:] }
        let given = table(.given), family = table(.family), organization = table(.organization), city = table(.city)
        let familyGiven = table(.familyGiven), familyWithGiven = table(.familyWithGiven)
        let familyWithCity = table(.familyWithCity), familyCityPairs = table(.familyCityPairs)
        let totalGiven = counts.totals[.given] ?? 0, totalFamily = counts.totals[.family] ?? 0
        let totalOrganization = counts.totals[.organization] ?? 0, totalCity = counts.totals[.city] ?? 0
        let minimum = Self.groupMinimum
        let perRecord: [(given: Float, family: Float, organization: Float, city: Float, givenWithin: Float, sameCity: Float)] =
            Parallel.map(keys.count) { range in
                range.map { i in
                    let k = keys[i]
                    // Within a surname of at least `groupMinimum` records: its given names' shares
                    // and how often two of its records share a city.
                    var givenWithin: Float = 0, sameCity: Float = 0
                    if k.family != 0, (family[k.family] ?? 0) >= minimum {
                        if k.given != 0, let withGiven = familyWithGiven[k.family], withGiven > 0 {
                            givenWithin = Float(familyGiven[KeyHash.pair(k.family, k.given, seed: 21)] ?? 0) / Float(withGiven)
                        }
                        let withCity = Float(familyWithCity[k.family] ?? 0)
                        if withCity >= 2 { sameCity = Float(familyCityPairs[k.family] ?? 0) / (withCity * (withCity - 1)) }
                    }
                    return (Self.share(k.given, given, totalGiven), Self.share(k.family, family, totalFamily),
                            Self.share(k.organization, organization, totalOrganization), Self.share(k.city, city, totalCity),
                            givenWithin, sameCity)
                }
            }
        givenTF = perRecord.map(\.given)
        familyTF = perRecord.map(\.family)
        organizationTF = perRecord.map(\.organization)
        cityTF = perRecord.map(\.city)
        familyTotal = Float(max(1, totalFamily))
        givenTFWithinFamily = perRecord.map(\.givenWithin)
        sameCityWithinFamily = perRecord.map(\.sameCity)
    }

    /// A value's share of the records that have the field; 0 below ``minimumForFrequencies``.
    static func share(_ key: UInt64, _ values: [UInt64: Int], _ total: Int) -> Float {
        guard key != 0, total >= minimumForFrequencies else { return 0 }
        let count = values[key] ?? 0
        return count > 0 ? Float(count) / Float(total) : 0
    }

    func tokenTF(_ token: String) -> Float {
        guard familyTotal >= Float(Self.minimumForFrequencies) else { return 0 }
        return Float(max(1, counts.count(.familyToken, KeyHash.hash(token)))) / familyTotal
    }
    func isShared(email: UInt64) -> Bool { counts.isShared(email ^ 0x5EED) }
    func isShared(phone: UInt64) -> Bool { counts.isShared(phone) }

    /// Whether two records' surnames could be one person's (a word or its sound in common, or a typo).
    static func sameFamily(_ a: RecordFeatures, _ b: RecordFeatures) -> Bool {
        guard let x = a.family.first, let y = b.family.first else { return true }
        for w in a.family where b.family.contains(w) { return true }
        for p in a.familyPhonetic where !p.isEmpty && b.familyPhonetic.contains(p) { return true }
        return JaroWinkler.atLeast(0.85, x, y)
    }

    /// Whether two records' given names could be one person's (equal, nickname, typo, initial).
    static func sameGiven(_ a: RecordFeatures, _ b: RecordFeatures) -> Bool {
        guard let x = a.given.first, let y = b.given.first else { return true }
        if x == y || a.givenForms.contains(y) || b.givenForms.contains(x) { return true }
        if x.utf8.count == 1 || y.utf8.count == 1 { return x.firstByte == y.firstByte }
        // Given and family swapped on one card.
        if a.family.contains(y) || b.family.contains(x) { return true }
        return JaroWinkler.atLeast(0.85, x, y)
    }
}

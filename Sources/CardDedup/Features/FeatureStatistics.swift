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
    var familyTokens: [UInt64: Int32] = [:]
    var familyTotal: Float = 1
    /// E-mail (hash ^ 0x5EED) and phone hashes seen on records of differently named people.
    var shared: Set<UInt64> = []

    init() {}

    init(_ records: [RecordFeatures], threads: Int = 1) {
        // Values as 64-bit hashes, computed on all cores; counting then hashes integers, not strings.
        struct Keys { var given: UInt64 = 0, family: UInt64 = 0, organization: UInt64 = 0, city: UInt64 = 0 }
        let keys: [Keys] = Parallel.map(records.count, threads: threads) { range in
            range.map { i in
                let r = records[i]
                var k = Keys()
                if let g = r.given.first { k.given = KeyHash.hash(g) }
                if !r.family.isEmpty { k.family = KeyHash.hash(r.family.joined(separator: " "), seed: 1) }
                if !r.organization.isEmpty { k.organization = KeyHash.hash(r.organization, seed: 2) }
                if !r.city.isEmpty { k.city = KeyHash.hash(r.city, seed: 3) }
                return k
            }
        }
        var given: [UInt64: Int32] = [:], family: [UInt64: Int32] = [:], org: [UInt64: Int32] = [:], city: [UInt64: Int32] = [:]
        var nGiven = 0, nFamily = 0, nOrg = 0, nCity = 0
        for (i, k) in keys.enumerated() {
            if k.given != 0 { given[k.given, default: 0] += 1; nGiven += 1 }
            if k.family != 0 {
                family[k.family, default: 0] += 1; nFamily += 1
                for t in records[i].family { familyTokens[KeyHash.hash(t), default: 0] += 1 }
            }
            if k.organization != 0 { org[k.organization, default: 0] += 1; nOrg += 1 }
            if k.city != 0 { city[k.city, default: 0] += 1; nCity += 1 }
        }
        // An address or number on records whose given names cannot be one person's
        // (a switchboard, `info@`, a family phone) is marked shared. A mobile is one person's:
        // it counts as shared only between different surnames too (colleagues), since a
        // nickname or typo we do not know must not turn a person's own number against them.
        var firstHolder: [UInt64: Int32] = [:]
        for (i, r) in records.enumerated() {
            for key in r.emails.map({ $0 ^ 0x5EED }) + r.phones {
                if let first = firstHolder[key] {
                    guard !shared.contains(key) else { continue }
                    let a = records[Int(first)]
                    if !Self.sameGiven(a, r) && (!(r.mobiles.contains(key) || a.mobiles.contains(key)) || !Self.sameFamily(a, r)) { shared.insert(key) }
                } else {
                    firstHolder[key] = Int32(i)
                }
            }
        }
        familyTotal = Float(max(1, nFamily))
        // Frequencies from a few hundred records mostly count one person's own cards: below a
        // thousand values a field gets no term-frequency adjustment (its plain weight applies).
        func share(_ key: UInt64, _ counts: [UInt64: Int32], _ total: Int) -> Float {
            guard key != 0, total >= Self.minimumForFrequencies, let count = counts[key] else { return 0 }
            return Float(count) / Float(total)
        }
        givenTF = keys.map { share($0.given, given, nGiven) }
        familyTF = keys.map { share($0.family, family, nFamily) }
        organizationTF = keys.map { share($0.organization, org, nOrg) }
        cityTF = keys.map { share($0.city, city, nCity) }
        givenTFWithinFamily = [Float](repeating: 0, count: records.count)
        sameCityWithinFamily = [Float](repeating: 0, count: records.count)
        // Surname groups, by sorting rather than a dictionary of arrays.
        let order = keys.indices.filter { keys[$0].family != 0 }.sorted {
            keys[$0].family < keys[$1].family || (keys[$0].family == keys[$1].family && $0 < $1)
        }
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && keys[order[end]].family == keys[order[start]].family { end += 1 }
            defer { start = end }
            guard end - start >= Self.groupMinimum else { continue }
            let members = order[start..<end]
            var givens: [UInt64: Int] = [:], cities: [UInt64: Int] = [:]
            var withGiven = 0, withCity = 0
            for m in members {
                if keys[m].given != 0 { givens[keys[m].given, default: 0] += 1; withGiven += 1 }
                if keys[m].city != 0 { cities[keys[m].city, default: 0] += 1; withCity += 1 }
            }
            var sameCity: Float = 0
            if withCity >= 2 {
                let pairs = Float(withCity) * Float(withCity - 1)
                sameCity = Float(cities.values.reduce(0) { $0 + $1 * ($1 - 1) }) / pairs
            }
            for m in members {
                if keys[m].given != 0, withGiven > 0 { givenTFWithinFamily[m] = Float(givens[keys[m].given] ?? 0) / Float(withGiven) }
                sameCityWithinFamily[m] = sameCity
            }
        }
    }

    func tokenTF(_ token: String) -> Float {
        familyTotal < Float(Self.minimumForFrequencies) ? 0 : Float(familyTokens[KeyHash.hash(token)] ?? 1) / familyTotal
    }
    func isShared(email: UInt64) -> Bool { shared.contains(email ^ 0x5EED) }
    func isShared(phone: UInt64) -> Bool { shared.contains(phone) }

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
        if x.utf8.count == 1 || y.utf8.count == 1 { return x.utf8.first == y.utf8.first }
        // Given and family swapped on one card.
        if a.family.contains(y) || b.family.contains(x) { return true }
        return JaroWinkler.atLeast(0.85, x, y)
    }
}

import CardConcurrency

/// How often each compared value occurs among a set of records: the counts behind term
/// frequencies and the within-surname statistics of ``FeatureStatistics``.
///
/// A batch run counts its own records; the event book keeps the counts of every record it holds
/// and loads only the ones a new batch needs, so both score pairs with the same frequencies.
/// Values are 64-bit hashes (``ValueCounts/keys(of:)``), so counting hashes integers, not strings.
public struct ValueCounts: Sendable, Equatable {
    /// What a count is of.
    public enum Kind: Int, CaseIterable, Sendable {
        /// Records with the given name (first word, folded).
        case given = 1
        /// Records with the surname(s) (all words, folded).
        case family
        /// Records with the organization key (kept for the numbering; organizations are not counted).
        case organization
        /// Records with the city key.
        case city
        /// Records with the surname word (either of two surnames).
        case familyToken
        /// Records with both the surname and the given name (key: ``KeyHash/pair(_:_:seed:)``).
        case familyGiven
        /// Records with both the surname and the city.
        case familyCity
        /// Records with the surname that have a given name.
        case familyWithGiven
        /// Records with the surname that have a city.
        case familyWithCity
        /// Pairs of records with the surname in the same city, counted both ways (Σ n(n − 1) over cities).
        case familyCityPairs
        /// E-mail (hash ^ 0x5EED) and phone hashes seen on records of differently named people.
        case shared
    }

    /// The compared values of one record, hashed; 0 where the record has none.
    public struct Keys: Sendable, Equatable {
        /// First given-name word.
        public var given: UInt64 = 0
        /// All surname words.
        public var family: UInt64 = 0
        /// Organization key.
        public var organization: UInt64 = 0
        /// City key.
        public var city: UInt64 = 0
        /// Each surname word.
        public var familyTokens: [UInt64] = []
    }

    /// Counts by kind and value hash (only the values asked for, when loaded from a book).
    public var counts: [Kind: [UInt64: Int]] = [:]
    /// Records with a given name, a surname, an organization and a city: the denominators.
    public var totals: [Kind: Int] = [:]

    /// No counts.
    public init() {}

    /// The count of `key` under `kind` (0 when unknown).
    public func count(_ kind: Kind, _ key: UInt64) -> Int { counts[kind]?[key] ?? 0 }

    /// Whether a record's value (an e-mail or phone hash) is shared by differently named people.
    public func isShared(_ key: UInt64) -> Bool { count(.shared, key) > 0 }

    /// The hashes of a record's compared values.
    public static func keys(of r: RecordFeatures) -> Keys {
        var k = Keys()
        if let g = r.given.first { k.given = KeyHash.hash(g) }
        if !r.family.isEmpty {
            k.family = KeyHash.hash(words: r.family, seed: 1)
            k.familyTokens = r.family.map { KeyHash.hash($0) }
        }
        if !r.organization.isEmpty { k.organization = KeyHash.hash(r.organization, seed: 2) }
        if !r.city.isEmpty { k.city = KeyHash.hash(r.city, seed: 3) }
        return k
    }

    /// Every (kind, value) a record with these keys adds one to; `familyCityPairs` is not among
    /// them, since it grows by twice the city's count before the record (see ``add(_:)``).
    public static func increments(_ k: Keys) -> [(Kind, UInt64)] {
        var out: [(Kind, UInt64)] = []
        // Organizations are counted nowhere: their field has no term-frequency adjustment (a
        // small company is rare in the data but shared by colleagues).
        if k.given != 0 { out.append((.given, k.given)) }
        if k.city != 0 { out.append((.city, k.city)) }
        if k.family != 0 {
            out.append((.family, k.family))
            for t in k.familyTokens { out.append((.familyToken, t)) }
            if k.given != 0 {
                out.append((.familyGiven, KeyHash.pair(k.family, k.given, seed: 21)))
                out.append((.familyWithGiven, k.family))
            }
            if k.city != 0 {
                out.append((.familyCity, KeyHash.pair(k.family, k.city, seed: 22)))
                out.append((.familyWithCity, k.family))
            }
        }
        return out
    }

    /// Counts one more record. The counts this touches must already be loaded (a book loads them
    /// before adding a batch).
    public mutating func add(_ k: Keys) {
        if k.family != 0 && k.city != 0 {
            // n(n − 1) → (n + 1)n: twice the count before.
            let before = count(.familyCity, KeyHash.pair(k.family, k.city, seed: 22))
            counts[.familyCityPairs, default: [:]][k.family, default: 0] += 2 * before
        }
        for (kind, key) in Self.increments(k) { counts[kind, default: [:]][key, default: 0] += 1 }
        for (kind, present) in [(Kind.given, k.given), (.family, k.family), (.city, k.city)] where present != 0 {
            totals[kind, default: 0] += 1
        }
    }

    /// Counts one record fewer (an import taken out of a book).
    public mutating func remove(_ k: Keys) {
        for (kind, key) in Self.increments(k) { counts[kind, default: [:]][key, default: 0] -= 1 }
        if k.family != 0 && k.city != 0 {
            // n(n − 1) → (n − 1)(n − 2): twice the count after.
            let after = count(.familyCity, KeyHash.pair(k.family, k.city, seed: 22))
            counts[.familyCityPairs, default: [:]][k.family, default: 0] -= 2 * after
        }
        for (kind, present) in [(Kind.given, k.given), (.family, k.family), (.city, k.city)] where present != 0 {
            totals[kind, default: 0] -= 1
        }
    }

    /// The counts of a whole set of records, with the values shared by differently named people.
    ///
    /// The same counts as ``add(_:)`` for each record in turn, kept by kind in an array while
    /// counting: a million records make ten million increments, and looking the kind up in a
    /// dictionary first doubled the hashing.
    public init(_ records: [RecordFeatures], keys: [Keys]) {
        // Counting and finding shared values are independent: one core each.
        enum Part: Sendable { case counted(ValueCounts), shared(Set<UInt64>) }
        let parts: [Part] = Parallel.map(2, minChunk: 1) { range in
            range.map { $0 == 0 ? .counted(ValueCounts(keys: keys)) : .shared(Self.sharedValues(records)) }
        }
        guard case .counted(let counted) = parts[0], case .shared(let shared) = parts[1] else { preconditionFailure("two parts") }
        self = counted
        counts[.shared] = Dictionary(uniqueKeysWithValues: shared.map { ($0, 1) })
    }

    /// The counts of the records with these keys, without shared values.
    init(keys: [Keys]) {
        var byKind = [[UInt64: Int]](repeating: [:], count: Kind.allCases.count + 1)
        // Nearly one surname-and-given and surname-and-city value a person: grown once, not by doubling.
        byKind[Kind.familyGiven.rawValue].reserveCapacity(keys.count / 2)
        byKind[Kind.familyCity.rawValue].reserveCapacity(keys.count / 2)
        var touched = [Bool](repeating: false, count: byKind.count)
        var total = [Int](repeating: 0, count: byKind.count)
        func bump(_ kind: Kind, _ key: UInt64, by n: Int = 1) {
            byKind[kind.rawValue][key, default: 0] += n
            touched[kind.rawValue] = true
        }
        for k in keys {
            if k.family != 0 && k.city != 0 {
                let before = byKind[Kind.familyCity.rawValue][KeyHash.pair(k.family, k.city, seed: 22)] ?? 0
                bump(.familyCityPairs, k.family, by: 2 * before)
            }
            // ``increments(_:)``, in its order.
            if k.given != 0 { bump(.given, k.given) }
            if k.city != 0 { bump(.city, k.city) }
            if k.family != 0 {
                bump(.family, k.family)
                for t in k.familyTokens { bump(.familyToken, t) }
                if k.given != 0 {
                    bump(.familyGiven, KeyHash.pair(k.family, k.given, seed: 21))
                    bump(.familyWithGiven, k.family)
                }
                if k.city != 0 {
                    bump(.familyCity, KeyHash.pair(k.family, k.city, seed: 22))
                    bump(.familyWithCity, k.family)
                }
            }
            if k.given != 0 { total[Kind.given.rawValue] += 1 }
            if k.family != 0 { total[Kind.family.rawValue] += 1 }
            if k.city != 0 { total[Kind.city.rawValue] += 1 }
        }
        for kind in Kind.allCases {
            if touched[kind.rawValue] { counts[kind] = byKind[kind.rawValue] }
            if kind == .given || kind == .family || kind == .city, total[kind.rawValue] > 0 { totals[kind] = total[kind.rawValue] }
        }
    }

    /// An address or number on records whose given names cannot be one person's (a switchboard,
    /// `info@`, a family phone). A mobile is one person's: it counts as shared only between
    /// different surnames too (colleagues), since a nickname or typo we do not know must not turn
    /// a person's own number against them.
    static func sharedValues(_ records: [RecordFeatures]) -> Set<UInt64> {
        var shared: Set<UInt64> = []
        var firstHolder: [UInt64: Int] = [:]
        for (i, r) in records.enumerated() {
            for key in sharedKeys(r) {
                if let first = firstHolder[key] {
                    guard !shared.contains(key) else { continue }
                    if isSharedBetween(records[Int(first)], r, key) { shared.insert(key) }
                } else {
                    firstHolder[key] = i
                }
            }
        }
        return shared
    }

    /// The e-mail and phone hashes that can be shared, as ``Kind/shared`` stores them.
    public static func sharedKeys(_ r: RecordFeatures) -> [UInt64] { r.emails.map { $0 ^ 0x5EED } + r.phones }

    /// Whether `key`, held by `first` and then by `other`, is a shared value.
    public static func isSharedBetween(_ first: RecordFeatures, _ other: RecordFeatures, _ key: UInt64) -> Bool {
        !FeatureStatistics.sameGiven(first, other)
            && (!(other.mobiles.contains(key) || first.mobiles.contains(key)) || !FeatureStatistics.sameFamily(first, other))
    }
}

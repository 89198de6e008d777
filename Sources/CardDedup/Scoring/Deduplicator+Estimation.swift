import CardConcurrency
import Foundation

/// Estimating the match model from the records themselves: u from random pairs, m and the prior
/// by expectation–maximisation on the candidate pairs, and how names and places cluster within a surname.
extension Deduplicator {
    /// Estimates the model on a set of records and its candidate pairs: u from random pairs, the
    /// within-surname corrections, then m and the prior by EM. The prior is for `features.count`
    /// records; ``MatchModel/setPrior(records:)`` moves it to another size.
    public func estimateModel(features: [RecordFeatures], comparator: PairComparator, pairs: [UInt64],
                              rules: [UInt16]) -> MatchModel {
        var model = MatchModel(fields: comparator.fields)
        model.estimateU(counts: randomPairLevels(features, comparator))
        estimateDependence(&model, features)
        estimate(&model, pairs, rules, features, comparator)
        return model
    }

    /// Level counts over random record pairs (all pairs when there are few records).
    func randomPairLevels(_ features: [RecordFeatures], _ comparator: PairComparator) -> [[Double]] {
        let n = features.count
        let fields = comparator.fields
        let empty = fields.map { [Double](repeating: 0, count: $0.levels.count + 1) }
        guard n >= 2 else { return empty }
        let all = n * (n - 1) / 2
        let exhaustive = all <= configuration.randomPairs
        let count = exhaustive ? all : configuration.randomPairs
        let chunks = max(1, configuration.threads * 4)
        let records = UnretainedObjects(features)
        let bytes = records.size(0)
        let parts = Parallel.map(chunks, threads: configuration.threads, minChunk: 1) { range -> [[[Double]]] in
            range.map { k in
                var counts = empty
                var names = NameLevelCache()
                var rng = SplitMix64(state: UInt64(k) &* 0x5851_F42D_4C95_7F2D &+ 17)
                let lo = count * k / chunks, hi = count * (k + 1) / chunks
                var i = 0, j = 1
                if exhaustive {   // walk pairs lo..<hi in order
                    var idx = lo
                    i = 0
                    while idx >= n - 1 - i { idx -= n - 1 - i; i += 1 }
                    j = i + 1 + idx
                }
                func next() -> (Int, Int) {
                    if exhaustive {
                        defer { j += 1; if j == n { i += 1; j = i + 1 } }
                        return (i, j)
                    }
                    let a = Int(rng.next() % UInt64(n))
                    var b = Int(rng.next() % UInt64(n - 1))
                    if b >= a { b += 1 }
                    return (a, b)
                }
                // Pairs are drawn a few ahead of their comparison, so that both records (random
                // ones, far apart in memory) are fetched while earlier pairs are compared.
                let ahead = 8
                var ring = [(Int, Int)](repeating: (0, 0), count: ahead)
                for t in 0..<min(ahead, hi - lo) { ring[t] = next() }
                for t in 0..<(hi - lo) {
                    let (a, b) = ring[t % ahead]
                    if t + ahead < hi - lo {
                        let upcoming = next()
                        ring[t % ahead] = upcoming
                        records.prefetch(upcoming.0, bytes: bytes); records.prefetch(upcoming.1, bytes: bytes)
                    }
                    // Half as far ahead, both records are at hand: fetch the name, e-mail and
                    // phone arrays they point to, which a comparison reads first.
                    if t + ahead / 2 < hi - lo {
                        let (x, y) = ring[(t + ahead / 2) % ahead]
                        records.with(x, y) { $0.prefetchAllValues(); $1.prefetchAllValues() }
                    }
                    let c = records.with(a, b) { comparator.compare($0, $1, -1, -1, names: &names) }
                    for r in 0..<fields.count {
                        let l = c.level(FieldID(rawValue: r))
                        if l != 0 { counts[r][l] += 1 }
                    }
                }
                return counts
            }
        }
        var total = empty
        for part in parts { for f in 0..<total.count { for l in 0..<total[f].count { total[f][l] += part[f][l] } } }
        return total
    }

    /// m by two EM sessions, as Splink trains: pairs that share an identifier (e-mail, phone,
    /// LinkedIn, custom id) teach the name and other fields; pairs that share a name teach the
    /// identifiers. The number of true matches, hence the prior, is the first session's matches
    /// divided by the share of matches that agree on an identifier (from the second session).
    func estimate(_ model: inout MatchModel, _ pairs: [UInt64], _ rules: [UInt16], _ features: [RecordFeatures],
                  _ comparator: PairComparator) {
        let fieldCount = comparator.fields.count
        func bit(_ r: CandidateBlocker.Rule) -> UInt16 { 1 << UInt16(r.rawValue) }
        // Phones are left out of the first session: colleagues share a switchboard, and as a
        // training population they would teach that different names match.
        let idRules = bit(.email) | bit(.linkedIn) | bit(.customValue)
        let fields = FieldID.all(fieldCount)
        let custom = fields.filter(\.isCustom)
        // Identifiers and organization.
        let secondSession = Set([FieldID.email, .phone, .linkedIn, .organization] + custom)
        // Agreeing on an identifier: an e-mail up to "same name-made personal address", the same
        // profile, the same custom value.
        let idAgreement = Dictionary(uniqueKeysWithValues: [(FieldID.email, 3), (.linkedIn, 1)] + custom.map { ($0, 1) })
        let byId = indices(rules) { $0 & idRules != 0 }
        let byName = indices(rules) { $0 & bit(.name) != 0 }
        // Session 1: identifiers agree by construction; learn names and the rest.
        // Each session's likelihood uses only the fields it estimates: with a million records
        // the name-sharing pairs are mostly namesakes, and letting city or title vote there
        // teaches that namesakes match.
        let first = fields.map { !secondSession.contains($0) }
        let idPatterns = patterns(byId, pairs, features, comparator)
        let s1 = model.estimateM(patterns: idPatterns, estimate: first, excluded: secondSession)
        model.estimateMovedCity(patterns: idPatterns, share: s1.share, excluded: secondSession)
        // Session 2: names agree by construction; learn identifiers and organization. The birth
        // date votes too, with what session 1 learned: namesakes rarely share one, and a register
        // whose only identifier is an id number would otherwise leave EM one field to split
        // matches from namesakes with, which any mixture fits (different ids then look common
        // among matches).
        let s2 = model.estimateM(patterns: patterns(byName, pairs, features, comparator),
                                 estimate: fields.map { secondSession.contains($0) },
                                 excluded: Set(fields).subtracting(secondSession).subtracting([.birthday]),
                                 agreement: idAgreement)
        var matches = s1.share * Double(byId.count) / max(s2.agreeing, 0.05)
        // No identifiers at all, or no names shared to say how often matches agree on one.
        if byId.isEmpty || byName.isEmpty { matches = max(s1.share * Double(byId.count), s2.share * Double(byName.count)) / 0.8 }
        model.setPrior(matches: max(matches, 1), records: features.count)
        model.neutralizeSharedValues()
        model.freeze()
    }

    /// How much likelier an agreeing given name and city are among records with the same
    /// surname than among random records: pairs sampled inside common surnames (almost all
    /// different people) against the random-pair u.
    func estimateDependence(_ model: inout MatchModel, _ features: [RecordFeatures]) {
        var keyed: [(key: UInt64, record: UInt32)] = []
        for (i, r) in features.enumerated() where !r.family.isEmpty && !r.given.isEmpty {
            keyed.append((KeyHash.hash(words: r.family), UInt32(i)))
        }
        RadixSort.sort(&keyed)    // stable: by surname, then record
        var rng = SplitMix64(state: 0xC0FFEE)
        var pairs = 0.0, given = 0.0, cityPairs = 0.0, city = 0.0
        var start = 0
        while start < keyed.count {
            var end = start + 1
            while end < keyed.count && keyed[end].key == keyed[start].key { end += 1 }
            let size = end - start
            if size >= 50 {
                for _ in 0..<min(size * 3, 3000) {
                    let i = Int(keyed[start + Int(rng.next() % UInt64(size))].record)
                    let j = Int(keyed[start + Int(rng.next() % UInt64(size))].record)
                    let a = features[i], b = features[j]
                    // Leave out pairs that look like one person (same record, a shared identifier).
                    if i == j || a.emails.contains(where: b.emails.contains) || a.phones.contains(where: b.phones.contains)
                        || (a.linkedIn != 0 && a.linkedIn == b.linkedIn) { continue }
                    pairs += 1
                    if a.given[0] == b.given[0] { given += 1 }
                    if !a.city.isEmpty && !b.city.isEmpty { cityPairs += 1; if a.city == b.city { city += 1 } }
                }
            }
            start = end
        }
        guard pairs >= 1000 else { return }
        model.givenGivenFamily = max(0, log2((given / pairs) / model.u[.given][1]))
        if cityPairs >= 1000 {
            model.cityGivenFamily = max(0, log2((city / cityPairs) / model.u[.city][1]))
        }
    }

    func indices(_ rules: [UInt16], _ keep: (UInt16) -> Bool) -> [Int] {
        var out: [Int] = []
        for (k, r) in rules.enumerated() where keep(r) { out.append(k) }
        return out
    }

    /// Comparison patterns of (a sample of) the given candidate pairs, counted, for EM.
    func patterns(_ selected: [Int], _ pairs: [UInt64], _ features: [RecordFeatures], _ comparator: PairComparator) -> [UInt64: Int] {
        let step = max(1, selected.count / max(1, configuration.emSample))
        let picked = (selected.count + step - 1) / step
        let records = UnretainedObjects(features)
        let bytes = features.isEmpty ? 0 : records.size(0)
        let packed: [UInt64] = Parallel.map(picked, threads: configuration.threads, minChunk: 4096) { range in
            var names = NameLevelCache()
            return range.map { (k: Int) -> UInt64 in
                if k + 8 < range.upperBound { records.prefetch(Int(pairs[selected[(k + 8) * step]] & 0xFFFF_FFFF), bytes: bytes) }
                let pair = pairs[selected[k * step]]
                let a = Int(pair >> 32), b = Int(pair & 0xFFFF_FFFF)
                return records.with(a, b) { comparator.compare($0, $1, -1, -1, names: &names) }.packed
            }
        }
        var patterns: [UInt64: Int] = [:]
        for p in packed { patterns[p, default: 0] += 1 }
        return patterns
    }
}

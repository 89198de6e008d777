import CardModel
import Foundation

/// A Fellegi–Sunter model: for every field and level, m = P(level | same person) and
/// u = P(level | different people); a level weighs log2(m/u) bits.
///
/// u comes from random record pairs (almost all different people); m and the share of matches
/// among candidate pairs are estimated by expectation–maximisation on the candidate pairs, with
/// no labels (as Splink does). Pseudo-counts from ``MatchField``'s starting values keep small
/// inputs, where EM has little to learn from, close to sensible weights.
public struct MatchModel: Sendable {
    /// The compared fields in comparison order: the built-in ones, then custom fields.
    public let fields: [MatchField]
    /// m[f][l] and u[f][l]; index 0 (missing) is unused.
    public internal(set) var m: [[Double]]
    public internal(set) var u: [[Double]]
    /// Share of true matches among candidate pairs, and the prior over all pairs.
    /// The prior probability that two records are the same person.
    public internal(set) var candidateMatchShare: Double = 1e-6
    public internal(set) var priorWeight: Double = -10
    public internal(set) var iterations = 0
    /// Bits taken off an agreeing given name and an agreeing city when the surnames agree too:
    /// names and places cluster by language (a García is more often a José and lives in Madrid),
    /// so under "different people" those agreements are likelier than over random pairs.
    public internal(set) var givenGivenFamily = 0.0
    public internal(set) var cityGivenFamily = 0.0
    /// Bits given back to a differing city when the address differs too: a person who moved
    /// often left the city as well, so the two disagreements are one piece of evidence, not two.
    public internal(set) var cityGivenMoved = 0.0

    init(fields: [MatchField]) {
        self.fields = fields
        m = fields.map { [0] + $0.defaultM }
        u = fields.map { f in [0] + f.defaultM.map { _ in 1.0 / Double(f.levels.count) } }
    }

    /// Level weights, 16 slots a field, filled by ``freeze()`` once estimation is done: the pair
    /// loop reads them instead of taking logarithms.
    private var table: [Double] = []

    mutating func freeze() {
        table = [Double](repeating: 0, count: fields.count * 16)
        for f in 0..<fields.count { for l in 1...fields[f].levels.count { table[f * 16 + l] = log2(m[f][l] / u[f][l]) } }
    }

    /// Weight of one level in bits.
    public func weight(_ field: FieldID, _ level: Int) -> Double {
        if level == 0 { return 0 }
        if !table.isEmpty { return table[field.rawValue * 16 + level] }
        return log2(m[field][level] / u[field][level])
    }

    /// The weight of the best level adjusted for how common the agreeing value is: `log2(m / tf)`
    /// (tf = the value's share of records), kept between 1 bit and the unadjusted weight + 8.
    public func adjustedWeight(_ field: FieldID, _ level: Int, tf: Float) -> Double {
        let plain = weight(field, level)
        guard tf > 0 else { return plain }
        let adjusted = log2(m[field][level] / Double(max(tf, 1e-7)))
        return min(max(adjusted, min(plain, 1)), plain + 8)
    }

    /// Bayes factor of a comparison in bits (no prior): the sum of its fields' weights.
    public func evidence(_ c: PairComparison) -> Double {
        var total = 0.0
        // The compared fields only, in field order (a missing one weighs 0): called twice for
        // every pair scored, and most of a pair's fields are missing or not yet compared.
        var levels = c.packed
        while levels != 0 {
            let r = levels.trailingZeroBitCount >> 2
            total += fieldWeight(c, FieldID(rawValue: r))
            levels &= ~(UInt64(0xF) << UInt64(4 * r))
        }
        return total
    }

    /// The evidence of every compared field but city and address, or nil when one of them weighs
    /// against the pair: the chain guard's test for two records that differ only in where they
    /// live (a move, not a contradiction).
    public func evidenceApartFromPlace(_ c: PairComparison) -> Double? {
        var total = 0.0
        var levels = c.packed
        while levels != 0 {
            let r = levels.trailingZeroBitCount >> 2
            let f = FieldID(rawValue: r)
            if f != .city && f != .address {
                let w = fieldWeight(c, f)
                if w < 0 { return nil }
                total += w
            }
            levels &= ~(UInt64(0xF) << UInt64(4 * r))
        }
        return total
    }

    /// One field's weight in a comparison: its level's weight, adjusted for the agreeing value's
    /// frequency and, for given name and city, for agreeing surnames.
    func fieldWeight(_ c: PairComparison, _ f: FieldID) -> Double {
        let l = c.level(f)
        if l == 0 { return 0 }
        var w = l <= 2 && fields[f.rawValue].termFrequency ? c.tf(f).map { adjustedWeight(f, l, tf: $0) } ?? weight(f, l) : weight(f, l)
        let familyAgrees = (1...3).contains(c.level(.family))
        // Measured within the surname when it is common enough; else the average correction.
        if f == .given && l == 1 && c.givenWithinFamily > 0 {
            return min(w, log2(m[.given][1] / Double(max(c.givenWithinFamily, c.tfGiven))))
        }
        if f == .city && l == 1 && c.sameCityWithinFamily > 0 {
            return min(w, log2(m[.city][1] / Double(c.sameCityWithinFamily)))
        }
        if familyAgrees && f == .given && l <= 3 { w -= givenGivenFamily }
        if familyAgrees && f == .city && l == 1 { w -= cityGivenFamily }
        if f == .city && l == 3 && c.level(.address) == 3 { w += cityGivenMoved }
        return w
    }

    /// The most the fields after the identity fields (organization onwards) can add, plus what
    /// dropping a "different" e-mail on a job change can give back: a pair whose identity
    /// evidence stays below a threshold even with this is not compared further.
    public var maxRestWeight: Double {
        var total = max(0, -weight(.email, 7))
        for f in FieldID.all(fields.count) where f >= .organization {
            var best = 0.0
            for l in 1...fields[f.rawValue].levels.count {
                best = max(best, weight(f, l) + (fields[f.rawValue].termFrequency && l <= 2 ? 8 : 0))
            }
            total += best
        }
        return total
    }

    /// Match weight (prior + evidence) and probability.
    public func score(_ c: PairComparison) -> (weight: Double, probability: Double) {
        let w = priorWeight + evidence(c)
        return (w, 1 / (1 + exp2(-w)))
    }

    /// u from level counts of random pairs, with ``MatchField``'s typical u worth a thousand pairs:
    /// negligible against a large sample, decisive for a small input, whose pairs are few and
    /// often the same person.
    mutating func estimateU(counts: [[Double]], pseudoCount: Double = 1000) {
        for f in 0..<fields.count {
            let n = fields[f].levels.count
            let prior = fields[f].defaultU.count == n ? fields[f].defaultU : [Double](repeating: 1 / Double(n), count: n)
            var present = 0.0
            for l in 1...n { present += counts[f][l] }
            for l in 1...n {
                u[f][l] = (counts[f][l] + pseudoCount * prior[l - 1]) / (present + pseudoCount)
            }
        }
    }

    /// EM over distinct comparison patterns (`packed` → how many candidate pairs have it), for one
    /// training session: pairs found by some blocking rules, with the fields those rules agree on
    /// by construction (`excluded`) left out, as Splink trains; only the fields in `estimate` are
    /// updated, the others keep what the other session learned. Returns the session's match
    /// share and, among its matches, the share that agree on any field in `agreement`
    /// (level ≤ the given level), which sizes the prior.
    mutating func estimateM(patterns: [UInt64: Int], estimate: [Bool], excluded: Set<FieldID>, agreement: [FieldID: Int] = [:],
                            pseudoCount: Double = 50, maxIterations: Int = 100) -> (share: Double, agreeing: Double) {
        // In the patterns' order, not the dictionary's (which changes from run to run): sums of
        // floating-point numbers in another order differ in their last bits, and so would the
        // weights, the ties among pairs and, at the cut, a merge.
        let items = patterns.sorted { $0.key < $1.key }.map { (levels: levelsOf($0.key), count: Double($0.value)) }
        guard !items.isEmpty else { return (0, 0) }
        var lambda = 0.5
        let prior = fields.map { [0] + $0.defaultM }
        var agreeing = 0.0
        for _ in 1...maxIterations {
            var mCounts = prior.map { $0.map { $0 * pseudoCount } }
            var matchTotal = 0.0, total = 0.0, agreeTotal = 0.0
            for item in items {
                var lm = log(lambda), lu = log(1 - lambda)
                // Every field but those the session's blocking rules agree on by construction.
                for (f, l) in item.levels.enumerated() where l != 0 && !excluded.contains(FieldID(rawValue: f)) {
                    lm += log(m[f][l]); lu += log(u[f][l])
                }
                let pm = 1 / (1 + exp(lu - lm))
                let w = pm * item.count
                matchTotal += w; total += item.count
                if agreement.contains(where: { f, maxLevel in item.levels[f.rawValue] != 0 && item.levels[f.rawValue] <= maxLevel }) { agreeTotal += w }
                for (f, l) in item.levels.enumerated() where l != 0 && estimate[f] { mCounts[f][l] += w }
            }
            var change = 0.0
            for f in 0..<fields.count where estimate[f] {
                let sum = mCounts[f].reduce(0, +)
                for l in 1..<mCounts[f].count {
                    let v = max(mCounts[f][l] / sum, 1e-6)
                    change = max(change, abs(v - m[f][l]))
                    m[f][l] = v
                }
            }
            let newLambda = min(max(matchTotal / total, 1e-4), 0.9999)
            change = max(change, abs(newLambda - lambda))
            lambda = newLambda
            agreeing = matchTotal > 0 ? agreeTotal / matchTotal : 0
            iterations += 1
            if change < 1e-5 { break }
        }
        return (lambda, agreeing)
    }

    /// How often the city differs among matches whose address differs (people who moved), from
    /// the posterior of a session's patterns (`share` its match share, `excluded` the fields its
    /// likelihood leaves out), as bits to give back to a differing city on such pairs. Under
    /// independence, a move would count against a pair twice: once for the street, once for the city.
    mutating func estimateMovedCity(patterns: [UInt64: Int], share: Double, excluded: Set<FieldID>, pseudoCount: Double = 20) {
        guard share > 0, share < 1 else { return }
        var moved = 0.0, movedCity = 0.0
        for (packed, count) in patterns.sorted(by: { $0.key < $1.key }) {
            let levels = levelsOf(packed)
            guard levels[FieldID.address.rawValue] == 3, levels[FieldID.city.rawValue] != 0 else { continue }
            var lm = log(share), lu = log(1 - share)
            for (f, l) in levels.enumerated() where l != 0 && !excluded.contains(FieldID(rawValue: f)) {
                lm += log(m[f][l]); lu += log(u[f][l])
            }
            let w = Double(count) / (1 + exp(lu - lm))
            moved += w
            if levels[FieldID.city.rawValue] == 3 { movedCity += w }
        }
        // Without evidence, the prior is the unconditional share: nothing given back.
        let conditional = (movedCity + pseudoCount * m[.city][3]) / (moved + pseudoCount)
        cityGivenMoved = max(0, log2(conditional / m[.city][3]))
    }

    /// The prior over all pairs from an estimate of how many pairs are true matches.
    mutating func setPrior(matches: Double, records: Int) {
        matchesPerRecord = matches / Double(max(records, 1))
        setPrior(records: records)
    }

    /// True matches per record, as estimated: with people holding a few records each, the number
    /// of matching pairs grows with the records, and the prior for a larger set follows from it.
    public internal(set) var matchesPerRecord: Double = 0

    /// The prior for a set of `records` records (a book that has grown since the model was estimated).
    public mutating func setPrior(records: Int) {
        let allPairs = Double(records) * Double(max(records - 1, 1)) / 2
        let p = min(max(matchesPerRecord * Double(max(records, 1)) / allPairs, 1e-12), 0.5)
        priorWeight = log2(p / (1 - p))
        candidateMatchShare = p
    }

    func levelsOf(_ packed: UInt64) -> [Int] {
        (0..<fields.count).map { Int((packed >> UInt64(4 * $0)) & 0xF) }
    }

    /// A profile address made of the name only (`/in/jose-garcia`) is what anyone of that name
    /// could be given by a tool that guesses it: agreeing on it mostly repeats the name's
    /// evidence, so it weighs at most 2 bits and never against the pair. (On generated contacts
    /// 98 % of the pairs sharing one are one person; weighed at nothing, they were scored 0.4.)
    ///
    /// Likewise an address or number already seen on records of differently named people (a
    /// switchboard, `info@`): sharing it says nothing about being one person.
    ///
    /// And agreements that the name mostly explains (a personal address made of the name, a local
    /// part, a one-letter typo) weigh at most 5 bits: namesakes pick the same `jose.garcia@…`.
    mutating func neutralizeSharedValues() {
        u[.linkedIn][2] = min(max(u[.linkedIn][2], m[.linkedIn][2] / 4), m[.linkedIn][2])
        u[.email][2] = m[.email][2]
        u[.phone][3] = m[.phone][3]
        for l in 3...5 { u[.email][l] = max(u[.email][l], m[.email][l] / 32) }
    }

    /// A waterfall: the prior, then each field's level and weight, then the total.
    public func explain(_ c: PairComparison) -> [(field: String, level: String, weight: Double)] {
        var rows: [(String, String, Double)] = [("prior", String(format: "%.2g of all pairs", 1 / (1 + exp2(-priorWeight))), priorWeight)]
        for (f, field) in zip(FieldID.all(fields.count), fields) {
            let l = c.level(f)
            if l == 0 { rows.append((field.name, "missing", 0)); continue }
            var name = field.levels[l - 1]
            if l <= 2, field.termFrequency, let tf = c.tf(f) {
                name += String(format: " (value on %.2g%% of records)", Double(tf) * 100)
            }
            rows.append((field.name, name, fieldWeight(c, f)))
        }
        return rows
    }
}

extension MatchModel {
    /// What an estimated model is, for storing it: the fields it compares, m and u of every level,
    /// the matches per record behind the prior, and the within-surname corrections.
    public struct Parameters: Codable, Sendable, Equatable {
        /// Field names in comparison order (custom fields as `custom:NAME`).
        public var fields: [String]
        /// m per field and level (index 0 unused).
        public var m: [[Double]]
        /// u per field and level (index 0 unused).
        public var u: [[Double]]
        /// True matches per record.
        public var matchesPerRecord: Double
        /// Bits taken off an agreeing given name when the surnames agree.
        public var givenGivenFamily: Double
        /// Bits taken off an agreeing city when the surnames agree.
        public var cityGivenFamily: Double
        /// Bits given back to a differing city when the address differs too (0 in books
        /// estimated before it was measured).
        public var cityGivenMoved: Double
        /// EM iterations the estimate took.
        public var iterations: Int
    }

    /// The parameters to store.
    public var parameters: Parameters {
        Parameters(fields: fields.map(\.name), m: m, u: u, matchesPerRecord: matchesPerRecord,
                   givenGivenFamily: givenGivenFamily, cityGivenFamily: cityGivenFamily, cityGivenMoved: cityGivenMoved,
                   iterations: iterations)
    }

    /// A model from stored parameters, ready to score a set of `records` records; nil when the
    /// parameters are for other fields than `fields`.
    public init?(fields: [MatchField], parameters p: Parameters, records: Int) {
        guard p.fields == fields.map(\.name), p.m.count == fields.count, p.u.count == fields.count,
              zip(fields, p.m).allSatisfy({ $0.levels.count + 1 == $1.count }),
              zip(fields, p.u).allSatisfy({ $0.levels.count + 1 == $1.count })
        else { return nil }
        self.init(fields: fields)
        m = p.m
        u = p.u
        matchesPerRecord = p.matchesPerRecord
        givenGivenFamily = p.givenGivenFamily
        cityGivenFamily = p.cityGivenFamily
        cityGivenMoved = p.cityGivenMoved
        iterations = p.iterations
        setPrior(records: records)
        freeze()
    }
}


extension MatchModel.Parameters {
    enum CodingKeys: String, CodingKey {
        case fields, m, u, matchesPerRecord, givenGivenFamily, cityGivenFamily, cityGivenMoved, iterations
    }

    /// Reads stored parameters; a book's model stored before the moved-city correction reads as 0.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(fields: try c.decode([String].self, forKey: .fields), m: try c.decode([[Double]].self, forKey: .m),
                  u: try c.decode([[Double]].self, forKey: .u), matchesPerRecord: try c.decode(Double.self, forKey: .matchesPerRecord),
                  givenGivenFamily: try c.decode(Double.self, forKey: .givenGivenFamily),
                  cityGivenFamily: try c.decode(Double.self, forKey: .cityGivenFamily),
                  cityGivenMoved: try c.decodeIfPresent(Double.self, forKey: .cityGivenMoved) ?? 0,
                  iterations: try c.decode(Int.self, forKey: .iterations))
    }
}

import CardModel
import CardConcurrency
import Foundation

/// Finds which records are the same person: features → blocking → EM-estimated Fellegi–Sunter
/// scores → clusters with a chain guard.
public struct Deduplicator: Sendable {
    /// Thresholds, custom fields, chain guard and threads.
    public var configuration: DedupConfiguration

    /// Creates a deduplicator; the default configuration merges at 0.7 and lists pairs for review from 0.2.
    public init(configuration: DedupConfiguration = DedupConfiguration()) {
        self.configuration = configuration
    }

    /// Deduplicates normalized contacts, turning them into features first.
    public func run(_ contacts: [Contact]) -> DedupResult {
        let collector = FeatureCollector(customFields: configuration.customFields, threads: configuration.threads)
        for c in contacts { collector.append(c) }
        return run(features: collector.finish().features)
    }

    /// Deduplicates records already turned into features (see ``FeatureCollector``).
    public func run(features: [RecordFeatures]) -> DedupResult {
        let threads = configuration.threads
        var timings: [(String, Double)] = []
        var clock = Date()
        func lap(_ name: String) { timings.append((name, -clock.timeIntervalSinceNow)); clock = Date() }

        let comparator = PairComparator(customFields: configuration.customFields,
                                        stats: FeatureStatistics(features, threads: threads))
        lap("features")
        let (pairs, rules) = CandidateBlocker(threads: threads).candidates(features)
        var ruleCounts = [Int](repeating: 0, count: CandidateBlocker.Rule.allCases.count)
        for r in rules {
            var bits = r
            while bits != 0 { ruleCounts[bits.trailingZeroBitCount] += 1; bits &= bits &- 1 }
        }
        lap("blocking")
        var model = estimateModel(features: features, comparator: comparator, pairs: pairs, rules: rules)
        model.setPrior(records: features.count)
        lap("estimation")
        let scored = score(pairs: pairs, rules: rules, features: features, comparator: comparator, model: model)
        lap("scoring")
        let clustering = cluster(scored, features: features, comparator: comparator, model: model)
        lap("clustering")
        return DedupResult(clusterOf: clustering.clusterOf, clusters: clustering.clusters, merged: clustering.merged,
                           scored: scored, review: clustering.review, cut: clustering.cut,
                           cutPrecision: configuration.threshold == nil ? configuration.expectedPrecision : nil, candidatePairs: pairs.count, model: model,
                           comparator: comparator, features: features, timings: timings, ruleCounts: ruleCounts)
    }

    /// Scores candidate pairs (`i << 32 | j`, with the rules that proposed each) and keeps those at
    /// or above the review threshold, on all cores.
    public func score(pairs: [UInt64], rules: [UInt16], features: [RecordFeatures], comparator: PairComparator,
                      model: MatchModel) -> [ScoredPair] {
        let reviewAt = configuration.reviewThreshold
        let restBound = model.maxRestWeight
        let reviewWeight = log2(reviewAt / (1 - reviewAt))
        // Both cores read the same records: read without retaining them (``UnretainedObjects``).
        let records = UnretainedObjects(features)
        let prefetchDistance = 8
        return Parallel.map(pairs.count, threads: configuration.threads, minChunk: 4096) { range in
            var out: [ScoredPair] = []
            var names = NameLevelCache()
            for k in range {
                // Pairs come in record order, their second records in random order: fetching the
                // second record some pairs ahead hides most of the wait for memory.
                if k + 2 * prefetchDistance < range.upperBound {
                    records.prefetchReference(Int(pairs[k + 2 * prefetchDistance] & 0xFFFF_FFFF))
                }
                if k + prefetchDistance < range.upperBound {
                    records.prefetch(Int(pairs[k + prefetchDistance] & 0xFFFF_FFFF), bytes: RecordFeatures.identityBytes)
                }
                // Half as far ahead, that record is at hand: fetch the arrays it points to.
                if k + prefetchDistance / 2 < range.upperBound {
                    records.with(Int(pairs[k + prefetchDistance / 2] & 0xFFFF_FFFF)) { $0.prefetchValues() }
                }
                let a = Int(pairs[k] >> 32), b = Int(pairs[k] & 0xFFFF_FFFF)
                records.with(a, b) { fa, fb in
                    var c = comparator.compareIdentity(fa, fb, a, names: &names, plausibleSwaps: true)
                    if model.priorWeight + model.evidence(c) + restBound < reviewWeight { return }
                    comparator.compareRest(fa, fb, a, into: &c)
                    let (w, p) = model.score(c)
                    if p >= reviewAt { out.append(ScoredPair(a: a, b: b, weight: w, probability: p, rules: rules[k], comparison: c)) }
                }
            }
            return out
        }
    }

    /// The match probability from which pairs are merged: `threshold` when it is set; else the
    /// lowest probability at which the pairs at or above it are, on average by their own
    /// probabilities, `expectedPrecision` one person, within `automaticCut`. A calibrated model
    /// sure of most pairs (a register with id numbers) merges down to 0.5; one less sure, or one
    /// with few pairs to go on, stays at 0.7.
    public func cut(_ scored: [ScoredPair]) -> Double {
        if let threshold = configuration.threshold { return threshold }
        let range = configuration.automaticCut
        var probabilities = scored.compactMap { $0.probability >= range.lowerBound ? $0.probability : nil }
        probabilities.sort(by: >)
        var sum = 0.0, cut = range.lowerBound
        for (k, p) in probabilities.enumerated() {
            sum += p
            if sum < configuration.expectedPrecision * Double(k + 1) {
                // Merge the pairs above this one only: its ties would fall short with it.
                cut = probabilities[..<k].last { $0 > p } ?? range.upperBound
                break
            }
        }
        return min(max(cut, range.lowerBound), range.upperBound)
    }

    /// Which records are one person, from scored pairs.
    public struct Clustering: Sendable {
        /// For each record, its cluster's index in ``clusters``.
        public var clusterOf: [Int]
        /// Clusters as record indices, in order of their first record.
        public var clusters: [[Int]]
        /// Pairs that joined two clusters, strongest first.
        public var merged: [ScoredPair]
        /// Grey-zone pairs left in different clusters, and matches the chain guard refused.
        public var review: [ScoredPair]
        /// The probability pairs were merged from (``cut(_:)``).
        public var cut: Double
    }

    /// Joins records into clusters, strongest pairs first, under the chain guard.
    ///
    /// - Parameters:
    ///   - groups: records that are one person before any pair is looked at (a book's people,
    ///     records a person linked); they are joined without checks.
    ///   - apart: pairs (`i << 32 | j`, i < j) that must never share a cluster (a person's split).
    public func cluster(_ scored: [ScoredPair], features: [RecordFeatures], comparator: PairComparator, model: MatchModel,
                        groups: [[Int]] = [], apart: Set<UInt64> = []) -> Clustering {
        var clusterer = Clusterer(count: features.count, maxSize: configuration.maxClusterSize)
        for group in groups { for r in group.dropFirst() { _ = clusterer.join(group[0], r, checked: false) } }
        // Strongest first, ties in input order; indices are sorted, not the pairs themselves.
        let cut = cut(scored)
        // Sorted as (weight, index) side by side: a sort that looks each pair up in `scored`
        // reads a scattered record for every comparison.
        var order: [(weight: Double, index: Int)] = []
        for (k, p) in scored.enumerated() where p.probability >= cut { order.append((p.weight, k)) }
        order.sort { $0.weight > $1.weight || ($0.weight == $1.weight && $0.index < $1.index) }
        let matches = order.map(\.index)
        var merged: [ScoredPair] = [], refused: [ScoredPair] = []
        let floor = max(configuration.minimumEvidence, configuration.compatibilityWeight - model.priorWeight)
        let records = UnretainedObjects(features)
        // The guard's pairs within a cluster were mostly scored already: their comparison is at
        // hand, where comparing the records again (names, e-mails, phones) took most of a serial
        // second at a million records.
        var scoredIndex: [UInt64: Int32] = [:]
        scoredIndex.reserveCapacity(scored.count)
        for (k, p) in scored.enumerated() { scoredIndex[UInt64(min(p.a, p.b)) << 32 | UInt64(max(p.a, p.b))] = Int32(k) }
        for k in matches {
            let pair = scored[k]
            let joined = clusterer.join(pair.a, pair.b) { x, y in
                // Always in index order: a comparison takes value frequencies from its first record.
                let (i, j) = (min(x, y), max(x, y))
                let key = UInt64(i) << 32 | UInt64(j)
                if !apart.isEmpty && apart.contains(key) { return false }
                let c = scoredIndex[key].map { scored[Int($0)].comparison } ?? records.with(i, j) { comparator.compare($0, $1, i, j) }
                if model.evidence(c) >= floor { return true }
                // A move is no contradiction: records that differ only in where they live, and
                // agree on the rest by half the floor, may be one person's old and new cards.
                guard let apart = model.evidenceApartFromPlace(c) else { return false }
                return apart >= floor / 2
            }
            switch joined {
            case .joined: merged.append(pair)
            case .alreadyTogether: break
            case .refused: refused.append(pair)
            }
        }
        let (clusterOf, clusters) = clusterer.clusters()
        var review = scored.filter { $0.probability < cut && clusterOf[$0.a] != clusterOf[$0.b] }
        review += refused.filter { clusterOf[$0.a] != clusterOf[$0.b] }
        review.sort { $0.weight > $1.weight }
        return Clustering(clusterOf: clusterOf, clusters: clusters, merged: merged, review: review, cut: cut)
    }
}

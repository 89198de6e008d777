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
        let custom = configuration.customFields
        let threads = configuration.threads
        var timings: [(String, Double)] = []
        var clock = Date()
        func lap(_ name: String) { timings.append((name, -clock.timeIntervalSinceNow)); clock = Date() }

        let stats = FeatureStatistics(features, threads: threads)
        let comparator = PairComparator(customFields: custom, stats: stats)
        lap("features")
        let blocker = CandidateBlocker(threads: threads)
        let (pairs, rules) = blocker.candidates(features)
        var ruleCounts = [Int](repeating: 0, count: CandidateBlocker.Rule.allCases.count)
        for r in rules { for k in 0..<ruleCounts.count where r & (1 << UInt16(k)) != 0 { ruleCounts[k] += 1 } }
        lap("blocking")
        var model = MatchModel(fields: comparator.fields)
        model.estimateU(counts: randomPairLevels(features, comparator))
        estimateDependence(&model, features)
        estimate(&model, pairs, rules, features, comparator)
        lap("estimation")
        let reviewAt = configuration.reviewThreshold
        let frozen = model
        let restBound = model.maxRestWeight
        let reviewWeight = log2(reviewAt / (1 - reviewAt))
        // Borrowed references: both threads read the same records, and retaining them would make
        // the cores fight over their reference counts (`features` keeps them alive).
        let records = BorrowedReferences(features)
        let scored: [ScoredPair] = Parallel.map(pairs.count, threads: threads, minChunk: 4096) { range in
            var out: [ScoredPair] = []
            for k in range {
                let a = Int(pairs[k] >> 32), b = Int(pairs[k] & 0xFFFF_FFFF)
                let c: PairComparison? = records.withPair(a, b) { fa, fb in
                    var c = comparator.compareIdentity(fa, fb, a)
                    if frozen.priorWeight + frozen.evidence(c) + restBound < reviewWeight { return nil }
                    comparator.compareRest(fa, fb, a, into: &c)
                    return c
                }
                guard let c else { continue }
                let (w, p) = frozen.score(c)
                if p >= reviewAt { out.append(ScoredPair(a: a, b: b, weight: w, probability: p, rules: rules[k], comparison: c)) }
            }
            return out
        }
        lap("scoring")
        var clusterer = Clusterer(count: features.count, maxSize: configuration.maxClusterSize)
        let matches = scored.filter { $0.probability >= configuration.threshold }.sorted { $0.weight > $1.weight }
        var merged: [ScoredPair] = [], refused: [ScoredPair] = []
        let floor = max(configuration.minimumEvidence, configuration.compatibilityWeight - frozen.priorWeight)
        for pair in matches {
            let joined = clusterer.join(pair.a, pair.b) { x, y in
                // Always in index order: a comparison takes value frequencies from its first record.
                let (i, j) = (min(x, y), max(x, y))
                return frozen.evidence(comparator.compare(features[i], features[j], i, j)) >= floor
            }
            switch joined {
            case .joined: merged.append(pair)
            case .alreadyTogether: break
            case .refused: refused.append(pair)
            }
        }
        let (clusterOf, clusters) = clusterer.clusters()
        var review = scored.filter { $0.probability < configuration.threshold && clusterOf[$0.a] != clusterOf[$0.b] }
        review += refused.filter { clusterOf[$0.a] != clusterOf[$0.b] }
        review.sort { $0.weight > $1.weight }
        lap("clustering")
        return DedupResult(clusterOf: clusterOf, clusters: clusters, merged: merged, scored: scored, review: review,
                           candidatePairs: pairs.count, model: model, comparator: comparator, features: features,
                           timings: timings, ruleCounts: ruleCounts)
    }
}

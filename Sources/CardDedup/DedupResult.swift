import Foundation

/// What a deduplication run found.
public struct DedupResult: Sendable {
    /// For each input record, its cluster's index in ``clusters``.
    public var clusterOf: [Int]
    /// Clusters as record indices, in order of their first record.
    public var clusters: [[Int]]
    /// Pairs at or above the threshold, strongest first, that joined clusters.
    public var merged: [ScoredPair]
    /// Pairs scored at or above the review threshold (incl. the merged ones), for `--pairs`.
    public var scored: [ScoredPair]
    /// Grey-zone pairs in different clusters, and matches the chain guard refused.
    public var review: [ScoredPair]
    /// The match probability pairs were merged from: `--threshold`, or the model's cut.
    public var cut: Double
    /// When the model chose the cut, the share of merged pairs it expected to be one person.
    public var cutPrecision: Double?
    /// How many candidate pairs blocking proposed (each compared once).
    public var candidatePairs: Int
    /// The estimated Fellegi–Sunter model: m, u and weight of every field's levels, and the prior.
    public var model: MatchModel
    /// The comparator the pairs were scored with, its fields in comparison order.
    public var comparator: PairComparator
    /// Every input record's features, in input order.
    public var features: [RecordFeatures]
    /// Seconds per stage, for benchmarks.
    public var timings: [(String, Double)]
    /// Candidate pairs each blocking rule proposed (a pair may come from several).
    public var ruleCounts: [Int]

    /// The pair's waterfall for `--explain`: the prior, then each field's level and weight in bits.
    public func explain(_ pair: ScoredPair) -> [(field: String, level: String, weight: Double)] {
        model.explain(pair.comparison)
    }
}

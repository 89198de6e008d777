import Foundation

/// A compared pair of records (indices into the input).
public struct ScoredPair: Sendable {
    /// Input index of the first record (the smaller index).
    public var a: Int
    /// Input index of the second record.
    public var b: Int
    /// Match weight in bits: the prior plus every field's weight (`--explain`'s total).
    public var weight: Double
    /// Match probability: merged from `--threshold`, listed for review from `--review-threshold`.
    public var probability: Double
    /// Blocking rules that proposed the pair (``CandidateBlocker/names(_:)``).
    public var rules: UInt16
    /// The level each field reached, for `--pairs` and `--explain`.
    public var comparison: PairComparison
}

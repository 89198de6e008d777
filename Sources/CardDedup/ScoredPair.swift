import Foundation

/// A compared pair of records (indices into the input).
public struct ScoredPair: Sendable {
    public var a: Int
    public var b: Int
    public var weight: Double
    public var probability: Double
    /// Blocking rules that proposed the pair (``CandidateBlocker/names(_:)``).
    public var rules: UInt16
    public var comparison: PairComparison
}

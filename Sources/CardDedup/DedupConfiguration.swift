import CardModel
import CardConcurrency
import Foundation

/// Settings of a deduplication run.
public struct DedupConfiguration: Sendable {
    /// Pairs at or above this match probability are merged; nil lets the model decide
    /// (``Deduplicator/cut(_:)``).
    public var threshold: Double?
    /// The model's cut: the lowest probability at which the pairs merged are, by their own
    /// probabilities, this likely one person on average. How sure a model is depends on the data
    /// (a register with id numbers and birth dates, or cards with e-mails, phones and nicknames),
    /// so one constant cannot suit all.
    public var expectedPrecision = 0.995
    /// Where the model's cut may fall: never a pair likelier two people than one, and always a
    /// pair at 0.7 or above (a handful of pairs cannot vouch for a doubtful one).
    public var automaticCut: ClosedRange<Double> = 0.5...0.7
    /// Pairs between this and the cut are listed for a human to review.
    public var reviewThreshold: Double = 0.2
    /// Extra-property names (`--map column=custom:NAME`) compared as fields.
    public var customFields: [String] = []
    /// The chain guard: two records may share a cluster only if their match weight (prior
    /// included) is at least this many bits, i.e. odds of 1 : 4096. With a million records the
    /// prior is lower, and more namesakes are about: the guard tightens with it. Never below
    /// `minimumEvidence` bits of evidence.
    public var compatibilityWeight: Double = -12
    /// The chain guard's floor on evidence (match weight without the prior), in bits, whatever the prior.
    public var minimumEvidence: Double = 0
    /// Largest cluster the chain guard lets grow: no person has hundreds of cards.
    public var maxClusterSize = 100
    /// Threads each parallel stage uses (default: the active cores, at most 16).
    public var threads = Parallel.defaultThreads
    /// Random pairs for estimating u, and candidate pairs sampled for EM.
    public var randomPairs = 400_000
    /// Most candidate pairs EM learns from; larger sets are sampled evenly down to about this many.
    public var emSample = 300_000

    /// Creates a configuration; `threshold` nil lets the model cut, `reviewThreshold` (default
    /// 0.2) is capped at `threshold` (or at the lowest cut the model may choose), custom fields at six.
    public init(threshold: Double? = nil, reviewThreshold: Double? = nil, customFields: [String] = []) {
        self.threshold = threshold
        self.reviewThreshold = min(reviewThreshold ?? 0.2, threshold ?? automaticCut.lowerBound)
        self.customFields = Array(customFields.prefix(MatchField.maxCustomFields))
    }
}

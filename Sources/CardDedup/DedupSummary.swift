import Foundation

/// The account of a deduplication: records in, people out, merges and pairs for review.
public struct DedupSummary: Sendable, Equatable {
    public var records: Int
    public var people: Int
    public var mergedRecords: Int
    public var review: Int
    public var candidates: Int

    public init(_ result: DedupResult) {
        records = result.clusterOf.count
        people = result.clusters.count
        mergedRecords = result.clusters.reduce(0) { $0 + ($1.count > 1 ? $1.count : 0) }
        review = result.review.count
        candidates = result.candidatePairs
    }

    /// `12 records → 9 people (5 records merged into 2); 1 pair for review`.
    public var line: String {
        let merged = people == records ? "no duplicates" :
            "\(mergedRecords) records merged into \(mergedRecords - (records - people))"
        return "\(records) record\(records == 1 ? "" : "s") → \(people) \(people == 1 ? "person" : "people") (\(merged)); "
            + "\(review) pair\(review == 1 ? "" : "s") for review; \(candidates) candidate pairs compared"
    }
}

import Foundation

/// The account of a deduplication: records in, people out, merges and pairs for review.
public struct DedupSummary: Sendable, Equatable {
    /// Input records.
    public var records: Int
    /// People found: clusters, a record with no duplicate counting as one.
    public var people: Int
    /// Records in clusters of two or more (the 5 in `5 records merged into 2`).
    public var mergedRecords: Int
    /// Pairs for review: grey-zone pairs and matches the chain guard refused.
    public var review: Int
    /// Candidate pairs blocking proposed and the matcher compared.
    public var candidates: Int

    /// Counts what a deduplication run found.
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

import CardDedup
import CardExport
import CardNormalize
import CardModel

/// How to bring a batch into the book.
public struct ImportOptions: Sendable {
    /// The files the batch was read from, as given (shown in the history).
    public var files: [String]
    /// Where the batch was met, for records that do not say (a CSV event or date-met column does):
    /// the record's own name and date win, this fills what it lacks.
    public var event: MetEvent?
    /// Thresholds and custom fields (`--map column=custom:NAME`) for matching.
    public var configuration: DedupConfiguration
    /// Keep the pairs that merged a batch record or wait for review, with their weights, in
    /// ``ImportReport/pairs`` (for `--report`; off, an import of a million records keeps none).
    public var keepPairs = false

    /// Options for a batch read from `files`.
    public init(files: [String], event: MetEvent? = nil, configuration: DedupConfiguration = DedupConfiguration()) {
        self.files = files
        self.event = event
        self.configuration = configuration
    }
}

/// What an import did.
public struct ImportReport: Sendable {
    /// The import's number (`cardtool undo --import N`); nil when nothing changed.
    public var importID: Int?
    /// Records offered.
    public var records = 0
    /// Records the book already had (the same contact met at the same event): skipped.
    public var alreadyInBook = 0
    /// People the batch added.
    public var newPeople = 0
    /// Records that joined people already in the book.
    public var mergedIntoExisting = 0
    /// People already in the book that the batch showed to be one (they are merged).
    public var peopleJoined = 0
    /// Pairs waiting for a person to decide.
    public var review = 0
    /// What became of each record offered, in order: a new person's first record (`contact`), a
    /// record that joined a person (`merged`), or one the book already had (`skipped`).
    public var placements: [AuditLedger.Placement] = []
    /// With ``ImportOptions/keepPairs``: the pairs that joined a batch record to someone, and the
    /// pairs left for review, by record id.
    public var pairs: [Pair] = []
    /// Why the match model was estimated again, or reused, for `--explain`.
    public var model: String = ""
    /// Seconds per step of the import (prepare, candidates, counts, model, scoring, write), for `--explain`.
    public var timings: [(String, Double)] = []

    /// No report yet.
    public init() {}

    /// `12 records: 7 new people, 4 merged into existing people, 1 for review`.
    public var line: String {
        if importID == nil {
            return "\(records) record\(records == 1 ? "" : "s"): all already in the book; nothing changed"
        }
        var text = "\(records) record\(records == 1 ? "" : "s"): \(newPeople) new \(newPeople == 1 ? "person" : "people"), "
            + "\(mergedIntoExisting) merged into existing people, \(review) for review"
        if peopleJoined > 0 { text += "; \(peopleJoined) \(peopleJoined == 1 ? "person" : "people") already in the book found to be one" }
        if alreadyInBook > 0 { text += "; \(alreadyInBook) already in the book" }
        return text
    }
}

extension ImportReport {
    /// A pair of records the import compared, by their ids in the book (`r12`).
    public struct Pair: Sendable {
        /// The first record's id.
        public var a: String
        /// The second record's id.
        public var b: String
        /// Whether the pair joined the records (false: left for review).
        public var merged: Bool
        /// Match probability.
        public var probability: Double
        /// Total match weight in bits.
        public var total: Double
        /// The prior and each compared field's level and weight.
        public var weights: [MatchReport.Weight]
    }
}


import CardDedup
import CardModel
import Foundation

/// What a merge, dedupe or import decided, in the shape a person reads it: the counts, people per
/// event, and for every merged person and every pair left for review the source records side by
/// side with the match weights that decided. ``html()`` renders it as one self-contained page.
///
/// The runs fill it from their own results (``init(_:contacts:title:)`` for a deduplication, the
/// event book for an import), so the page is the same whichever command wrote it.
public struct MatchReport: Sendable {
    /// One field's contribution to a pair's match weight (`--explain`'s waterfall).
    public struct Weight: Sendable, Equatable {
        /// The field (`email`, `family name`, …).
        public var field: String
        /// The level it reached (`exact`, `Jaro-Winkler ≥ 0.92`, …).
        public var level: String
        /// Its weight in bits: positive for evidence of a match, negative against.
        public var bits: Double

        /// A field's contribution.
        public init(field: String, level: String, bits: Double) {
            self.field = field
            self.level = level
            self.bits = bits
        }
    }

    /// A compared pair inside a group, by index into the group's records.
    public struct Pair: Sendable {
        /// Index of the first record in ``Group/records``.
        public var a: Int
        /// Index of the second record.
        public var b: Int
        /// Match probability.
        public var probability: Double
        /// Total match weight in bits.
        public var total: Double
        /// The prior and every field that was not missing, in comparison order.
        public var weights: [Weight]

        /// A pair with its weights.
        public init(a: Int, b: Int, probability: Double, total: Double, weights: [Weight]) {
            self.a = a
            self.b = b
            self.probability = probability
            self.total = total
            self.weights = weights
        }
    }

    /// A merged person (records, the pairs that joined them, the result) or a pair for review.
    public struct Group: Sendable {
        /// A short handle: the cluster id (`c007`) or the person's id in the book (`p3k`).
        public var id: String
        /// The source records, each with its file, line and event.
        public var records: [Contact]
        /// Labels for the records (record ids in the book); empty for a file run.
        public var recordLabels: [String]
        /// Pairs compared within the group, strongest first.
        public var pairs: [Pair]
        /// The merged contact; nil for a pair waiting for review.
        public var result: Contact?

        /// A group with these values.
        public init(id: String, records: [Contact], recordLabels: [String] = [], pairs: [Pair], result: Contact?) {
            self.id = id
            self.records = records
            self.recordLabels = recordLabels
            self.pairs = pairs
            self.result = result
        }
    }

    /// The page's title (`cardtool merge`, `cardtool import #4`).
    public var title: String
    /// The account in plain words (`3 files, 26 records: 18 people, 8 merged, 2 to review`).
    public var summary: String
    /// Counts for the table at the top, in order.
    public var counts: [(label: String, value: Int)]
    /// People per event, largest first (`no event` for records without one).
    public var peoplePerEvent: [(event: String, people: Int)]
    /// For a book's report: each event's new people, those followed up and those still in touch
    /// (`cardtool events`), drawn as bars side by side.
    public var eventYield: [(event: String, new: Int, followedUp: Int, inTouch: Int)] = []
    /// Merged people.
    public var merged: [Group]
    /// Merged people not shown (beyond ``limit``).
    public var mergedOmitted = 0
    /// Pairs waiting for a person to decide.
    public var review: [Group]
    /// Pairs for review not shown.
    public var reviewOmitted = 0

    /// Sections shown of each kind; a page of a million merges helps nobody, the CSV reports list all.
    public static let limit = 500

    /// An empty report with a title and summary.
    public init(title: String, summary: String, counts: [(label: String, value: Int)] = [],
                peoplePerEvent: [(event: String, people: Int)] = [], merged: [Group] = [], review: [Group] = []) {
        self.title = title
        self.summary = summary
        self.counts = counts
        self.peoplePerEvent = peoplePerEvent
        self.merged = merged
        self.review = review
    }

    /// People per event from groups of records: a person counts once for every event one of their
    /// records was met at, and under `no event` when none of them says.
    public static func peoplePerEvent(_ people: [[Contact]]) -> [(event: String, people: Int)] {
        var counts: [String: Int] = [:]
        for records in people {
            var events = Set(records.compactMap { $0.events.first.flatMap(Self.eventLabel) })
            if events.isEmpty { events = ["no event"] }
            for e in events { counts[e, default: 0] += 1 }
        }
        return counts.map { ($0.key, $0.value) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }

    /// `South Summit, 2026-06-05`; nil when the event has neither.
    public static func eventLabel(_ e: MetEvent) -> String? {
        let parts = [e.name, e.date?.iso8601].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}

extension MatchReport {
    /// The report of a deduplication of `contacts` (a `merge` or `dedupe` run): every cluster of two
    /// or more records with the merged pairs inside it and the merged contact, and every pair for review.
    public init(_ result: DedupResult, contacts: [Contact], title: String, files: Int) {
        let summary = DedupSummary(result)
        let mergedPeople = result.clusters.filter { $0.count > 1 }.count
        self.init(title: title,
                  summary: "\(files) file\(files == 1 ? "" : "s"), \(summary.records) record\(summary.records == 1 ? "" : "s"): "
                    + "\(summary.people) \(summary.people == 1 ? "person" : "people"), \(mergedPeople) merged, \(summary.review) to review",
                  counts: [("records", summary.records), ("people", summary.people), ("merged people", mergedPeople),
                           ("records merged", summary.mergedRecords), ("pairs to review", summary.review),
                           ("candidate pairs compared", summary.candidates)])
        peoplePerEvent = Self.peoplePerEvent(result.clusters.map { $0.map { contacts[$0] } })
        var pairsOf: [Int: [ScoredPair]] = [:]
        for p in result.merged where result.clusterOf[p.a] == result.clusterOf[p.b] {
            pairsOf[result.clusterOf[p.a], default: []].append(p)
        }
        func pair(_ p: ScoredPair, in members: [Int]) -> Pair? {
            guard let a = members.firstIndex(of: p.a), let b = members.firstIndex(of: p.b) else { return nil }
            let weights = result.explain(p).filter { $0.level != "missing" }.map { Weight(field: $0.field, level: $0.level, bits: $0.weight) }
            return Pair(a: a, b: b, probability: p.probability, total: p.weight, weights: weights)
        }
        let count = result.clusters.count
        for (k, members) in result.clusters.enumerated() where members.count > 1 {
            guard merged.count < Self.limit else { mergedOmitted += 1; continue }
            let records = members.map { contacts[$0] }
            let pairs = (pairsOf[k] ?? []).sorted { $0.weight > $1.weight }.compactMap { pair($0, in: members) }
            merged.append(Group(id: DedupReports.clusterID(k, of: count), records: records, pairs: pairs,
                                result: ContactMerger.merge(records, keys: false)))
        }
        for (n, p) in result.review.enumerated() {
            guard review.count < Self.limit else { reviewOmitted += 1; continue }
            let members = [p.a, p.b]
            review.append(Group(id: "pair \(n + 1)", records: members.map { contacts[$0] },
                                pairs: pair(p, in: members).map { [$0] } ?? [], result: nil))
        }
    }
}

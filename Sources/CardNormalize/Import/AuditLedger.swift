import CardModel
import CardFormats

/// One row per input record, `source,record,outcome,person,reason`: what became of every record of
/// every input, so a person (or a script) can check that nothing was lost.
///
/// The importer notes each record as it delivers it; once matching is done, the caller says which
/// person each contact became. Outcomes: `contact` (the first record of its person), `merged`
/// (joined another record's person), `skipped` (nothing to import, or already in the book),
/// `rejected` (could not be read). The reason is the record's warning and error codes. The rows
/// add up to the run's account: `contact + merged = ok + with warnings` (less, in a book, the
/// records it already had, which are `skipped`), and `skipped` and `rejected` match it.
public struct AuditLedger: Sendable {
    /// What became of a record.
    public enum Outcome: String, Sendable, CaseIterable {
        case contact, merged, skipped, rejected
    }

    /// Which person a contact became, as the caller decided.
    public struct Placement: Sendable {
        /// The person's id (`p12` in a book, the cluster id `c0042` in a merge).
        public var person: String
        /// `contact`, `merged`, or `skipped` (a record the book already had).
        public var outcome: Outcome
        /// A code to add to the reason (`book.already-in-book`).
        public var reason: DiagnosticCode?

        /// A placement; `reason` says why when it is not the record's own diagnostics.
        public init(person: String, outcome: Outcome, reason: DiagnosticCode? = nil) {
            self.person = person
            self.outcome = outcome
            self.reason = reason
        }
    }

    private struct Entry: Sendable {
        var file: String
        var record: Int
        var outcome: ReadRecord.Outcome
        var reasons: [DiagnosticCode]
        var contact: Int?
    }

    private var entries: [Entry] = []
    private var contacts = 0

    /// An empty ledger.
    public init() {}

    /// Notes a record in the order the importer delivers it; records with a contact are numbered
    /// 0, 1, 2 … as the contacts are handed on.
    public mutating func note(_ record: ReadRecord) {
        var reasons: [DiagnosticCode] = []
        for d in record.diagnostics where d.severity >= .warning && !reasons.contains(d.code) { reasons.append(d.code) }
        var contact: Int?
        // Records that were read have a contact, skipped and rejected ones none; a reader that
        // hands on only each contact's encoding has freed it already, so the outcome tells.
        if record.contact != nil || record.outcome == .ok || record.outcome == .withWarnings {
            contact = contacts
            contacts += 1
        }
        entries.append(Entry(file: record.source.file, record: record.source.record, outcome: record.outcome,
                             reasons: reasons, contact: contact))
    }

    /// Records noted so far.
    public var count: Int { entries.count }

    /// The ledger as spreadsheet-safe CSV; `placement(i)` places the i-th contact.
    public func csv(_ placement: (Int) -> Placement) -> [UInt8] {
        var w = CSVWriter()
        w.writeRow(["source", "record", "outcome", "person", "reason"])
        for row in rows(placement) {
            w.writeRow([row.source, String(row.record), row.outcome.rawValue, row.person, row.reason])
        }
        return w.takeOutput()
    }

    /// How many rows have each outcome.
    public func tally(_ placement: (Int) -> Placement) -> [Outcome: Int] {
        var counts: [Outcome: Int] = [:]
        for row in rows(placement) { counts[row.outcome, default: 0] += 1 }
        return counts
    }

    private func rows(_ placement: (Int) -> Placement) -> [(source: String, record: Int, outcome: Outcome, person: String, reason: String)] {
        entries.map { e in
            var reasons = e.reasons
            var outcome: Outcome
            var person = ""
            if let contact = e.contact {
                let placed = placement(contact)
                outcome = placed.outcome
                person = placed.person
                if let reason = placed.reason { reasons.append(reason) }
            } else {
                outcome = e.outcome == .rejected ? .rejected : .skipped
            }
            return (e.file, e.record, outcome, person, reasons.map(\.rawValue).joined(separator: " "))
        }
    }
}

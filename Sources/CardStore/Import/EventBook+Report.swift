import CardExport
import CardModel
import CardNormalize
import Foundation

extension EventBook {
    /// The page of an import (`cardtool import --report`): every person the batch joined records
    /// to, with all their records and what the book now holds, and every pair the import left for
    /// review. `event` is the import's `--event` and `--date`, for records that name none. `contacts` are the records offered, in the order of ``ImportReport/placements``; the
    /// report must have been made with ``ImportOptions/keepPairs`` for the weights to show.
    public func matchReport(_ report: ImportReport, contacts: [Contact], files: Int, event: MetEvent? = nil) throws(BookError) -> MatchReport {
        var batchOf: [String: [Contact]] = [:]
        var mergedPeople: [String] = []
        var listed = Set<String>()
        for (i, placed) in report.placements.enumerated() where !placed.person.isEmpty && i < contacts.count {
            if placed.outcome != .skipped && listed.insert(placed.person).inserted { mergedPeople.append(placed.person) }
            batchOf[placed.person, default: []].append(Self.fill(contacts[i], event: event))
        }
        let title = report.importID.map { "cardtool import #\($0)" } ?? "cardtool import"
        var page = MatchReport(
            title: title,
            summary: "\(files) file\(files == 1 ? "" : "s"), " + report.line,
            counts: [("records", report.records), ("already in the book", report.alreadyInBook), ("new people", report.newPeople),
                     ("records merged into people already in the book", report.mergedIntoExisting),
                     ("people in the book found to be one", report.peopleJoined), ("pairs to review", report.review)],
            peoplePerEvent: MatchReport.peoplePerEvent(Array(batchOf.values)))
        page.eventYield = try eventYield().map { y in
            ([y.event.name, y.event.date?.iso8601].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", "), y.new, y.followedUp, y.inTouch)
        }
        let merged = report.pairs.filter(\.merged), review = report.pairs.filter { !$0.merged }
        try read { db in
            let coding = ContactCoding()
            for person in mergedPeople {
                guard let row = try SQLRow.fetchOne(try db.cachedStatement(sql: "SELECT * FROM person WHERE id = ?"), arguments: [person]) else { continue }
                let records = try SQLRow.fetchAll(try db.cachedStatement(sql: """
                    SELECT r.id, r.contact FROM membership m JOIN record r ON r.id = m.record_id WHERE m.person_id = ? ORDER BY r.met_on, r.id
                    """), arguments: [person]).map { (PersonID.recordID($0["id"]), try coding.decode($0["contact"])) }
                guard records.count > 1 else { continue }
                guard page.merged.count < MatchReport.limit else { page.mergedOmitted += 1; continue }
                let labels = records.map(\.0)
                let pairs = merged.compactMap { p -> MatchReport.Pair? in
                    guard let a = labels.firstIndex(of: p.a), let b = labels.firstIndex(of: p.b) else { return nil }
                    return MatchReport.Pair(a: a, b: b, probability: p.probability, total: p.total, weights: p.weights)
                }
                let stored = try PersonStore.load(row, coding: coding, db: db)
                page.merged.append(MatchReport.Group(id: person, records: records.map(\.1), recordLabels: labels,
                                                     pairs: pairs, result: stored.contact))
            }
            let fetch = try db.cachedStatement(sql: "SELECT contact FROM record WHERE id = ?")
            for (n, p) in review.enumerated() {
                guard page.review.count < MatchReport.limit else { page.reviewOmitted += 1; continue }
                guard let a = PersonID.recordNumber(p.a), let b = PersonID.recordNumber(p.b),
                      let x = try Data.fetchOne(fetch, arguments: [a]), let y = try Data.fetchOne(fetch, arguments: [b]) else { continue }
                page.review.append(MatchReport.Group(
                    id: "pair \(n + 1)", records: [try coding.decode(x), try coding.decode(y)], recordLabels: [p.a, p.b],
                    pairs: [MatchReport.Pair(a: 0, b: 1, probability: p.probability, total: p.total, weights: p.weights)], result: nil))
            }
        }
        return page
    }
}

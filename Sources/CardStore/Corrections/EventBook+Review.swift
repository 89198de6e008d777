import CardModel
import Foundation

/// Two records an import was unsure about (match probability between the review threshold and
/// the merge threshold, or a match the chain guard refused), waiting for a person to say.
public struct ReviewPair: Sendable {
    /// The records' ids (`r12`), the smaller first.
    public var records: (String, String)
    /// The people they belong to now.
    public var people: (String, String)
    /// The records as read.
    public var contacts: (Contact, Contact)
    /// The match probability the import gave them.
    public var probability: Double
}

/// A person's answer about a ``ReviewPair``.
public enum ReviewAnswer: String, Sendable, CaseIterable {
    /// One person: their people are linked (merged), and later imports keep the records together.
    case same
    /// Two people: the records are kept apart by every later import.
    case different
    /// Not now: the pair stays waiting.
    case skip
}

extension EventBook {
    /// The pairs waiting for review, most likely first. Pairs whose records are already one
    /// person, or that a link or split already decided, are not waiting any more.
    public func pendingReviews() throws(BookError) -> [ReviewPair] {
        try read { db in
            let coding = ContactCoding()
            let rows = try SQLRow.fetchAll(try db.cachedStatement(sql: """
                SELECT v.a, v.b, v.probability, ma.person_id AS pa, mb.person_id AS pb, ra.contact AS ca, rb.contact AS cb
                FROM review v
                JOIN membership ma ON ma.record_id = v.a JOIN membership mb ON mb.record_id = v.b
                JOIN record ra ON ra.id = v.a JOIN record rb ON rb.id = v.b
                WHERE ma.person_id <> mb.person_id
                  AND NOT EXISTS (SELECT 1 FROM link l WHERE l.a = v.a AND l.b = v.b)
                ORDER BY v.probability DESC, v.a, v.b
                """))
            return try rows.map { r in
                ReviewPair(records: (PersonID.recordID(r["a"]), PersonID.recordID(r["b"])), people: (r["pa"], r["pb"]),
                           contacts: (try coding.decode(r["ca"]), try coding.decode(r["cb"])), probability: r["probability"])
            }
        }
    }

    /// Records an answer as one change (`cardtool undo` takes it back): `same` links the two
    /// people, `different` keeps the records apart; either way the pair stops waiting.
    /// Returns what was done, in words; `skip` changes nothing and returns nil.
    @discardableResult
    public func answer(_ pair: ReviewPair, _ answer: ReviewAnswer) throws(BookError) -> String? {
        guard answer != .skip else { return nil }
        guard let a = PersonID.recordNumber(pair.records.0), let b = PersonID.recordNumber(pair.records.1) else {
            throw BookError(.notFound, "no such records: \(pair.records.0), \(pair.records.1)")
        }
        return try change("review") { db, journal in
            try journal.save("review", ["a": min(a, b), "b": max(a, b)])
            try db.cachedStatement(sql: "DELETE FROM review WHERE a = ? AND b = ?").execute(arguments: [min(a, b), max(a, b)])
            let personOf = try db.cachedStatement(sql: "SELECT person_id FROM membership WHERE record_id = ?")
            guard let x = try String.fetchOne(personOf, arguments: [a]), let y = try String.fetchOne(personOf, arguments: [b]) else {
                throw BookError(.notFound, "\(pair.records.0) or \(pair.records.1) is no longer in the book")
            }
            let text: String
            switch answer {
            case .same:
                try Self.decide(a, b, together: true, journal: journal, db: db)
                text = x == y ? "\(pair.records.0) and \(pair.records.1) are one person (\(x))"
                    : "same person: " + (try Self.linkPeople(x, y, journal: journal, db: db))
            case .different, .skip:
                guard x != y else {
                    throw BookError(.notFound, "\(pair.records.0) and \(pair.records.1) are one person (\(x)) now: `cardtool split \(x) \(pair.records.1)` parts them")
                }
                try Self.decide(a, b, together: false, journal: journal, db: db)
                text = "different people: \(pair.records.0) (\(x)) and \(pair.records.1) (\(y)) kept apart"
            }
            return (text, text)
        }
    }
}

import CardModel
import CardNormalize
import Foundation

/// Which people a listing shows.
public struct PersonFilter: Sendable {
    /// Only people met at this event (by name, accents and case ignored).
    public var event: String?
    /// Only people with this tag.
    public var tag: String?
    /// Only people whose names, e-mails, phones, organization, title or city contain this text
    /// (accents and case ignored).
    public var text: String?

    /// A filter; no arguments lists everyone.
    public init(event: String? = nil, tag: String? = nil, text: String? = nil) {
        self.event = event
        self.tag = tag
        self.text = text
    }
}

/// An event in the book and who was met there.
public struct BookEvent: Sendable, Equatable {
    /// The event's number in the book.
    public var id: Int64
    /// The event's name (empty for a date-only meeting).
    public var name: String
    /// Its date, when known.
    public var date: PartialDate?
    /// Records imported from it.
    public var records: Int
    /// People met there.
    public var people: Int
    /// People first met there.
    public var new: Int
    /// A note on the event.
    public var note: String?
    /// What going cost.
    public var cost: Double?
}

/// Everything the book knows about one person, for `cardtool show`.
public struct PersonDetail: Sendable {
    /// The person as listings show them.
    public var person: Person
    /// Their records as read, oldest first, with their record ids.
    public var records: [(id: String, contact: Contact)]
    /// Interactions logged with `cardtool touch`, newest first.
    public var touches: [Person.Interaction]
    /// Older ids that now lead to this person.
    public var aliases: [String]
    /// Manual values (`cardtool edit`).
    public var edits: [(field: String, value: String)]
    /// Their rhythm in days, and where it comes from (`person`, a tag, `default`).
    public var cadence: (days: Int, from: String)
    /// Who on the team met them or was in touch, most recent first.
    public var team: [TeamContact] = []
    /// More than one name has made changes to the book (a team's book).
    public var sharedBook = false
}

/// One member of the team and a person: the events where they met, and their last interaction.
public struct TeamContact: Sendable, Equatable {
    /// The team member (`--as`, else the login name of who imported or touched).
    public var name: String
    /// Events where this member met the person, oldest first.
    public var events: [MetEvent]
    /// This member's latest interaction: a touch they logged or an event where they met.
    public var last: Person.Interaction?

    /// The team members of a person, from their records and touches, most recent first.
    static func of(_ person: Person, touches: [Person.Interaction]) -> [TeamContact] {
        var byName: [String: TeamContact] = [:]
        func consider(_ name: String?, _ i: Person.Interaction?) {
            guard let name else { return }
            var t = byName[name] ?? TeamContact(name: name, events: [], last: nil)
            if let i, t.last.map({ $0.date < i.date }) ?? true { t.last = i }
            byName[name] = t
        }
        for s in person.sources {
            consider(s.by, s.event?.date.map { Person.Interaction(date: $0, kind: "met", by: s.by) })
            if let by = s.by, let e = s.event, !(byName[by]?.events.contains(e) ?? false) { byName[by]?.events.append(e) }
        }
        for t in touches { consider(t.by, t) }
        return byName.values.sorted { a, b in
            let x = a.last?.date, y = b.last?.date
            return x != y ? (x ?? .min) > (y ?? .min) : a.name < b.name
        }
    }
}

extension EventBook {
    /// The people a filter selects, by name.
    public func people(_ filter: PersonFilter = PersonFilter()) throws(BookError) -> [Person] {
        try read { db in
            let (conditions, arguments) = try Self.conditions(filter, db)
            return Self.sortedByName(try PersonStore.loadMany(try SQLRow.fetchAll(db, sql: "SELECT p.* FROM person p" + conditions,
                                                                                  arguments: arguments),
                                                              coding: ContactCoding(), db: db))
        }
    }

    /// The people ``people(_:)`` returns, in the same order, from one snapshot, handed to `each`
    /// a few thousand at a time: a listing of a large book holds one chunk in memory, not the
    /// book. `ids` keeps only these people. Returns how many were handed; an error `each` throws
    /// stops the listing and is thrown again.
    public func eachPerson(_ filter: PersonFilter = PersonFilter(), ids: Set<String>? = nil,
                           _ each: (Person) throws -> Void) throws -> Int {
        var failure: (any Error)?
        let count: Int = try read { db in
            let (conditions, arguments) = try Self.conditions(filter, db)
            // The order from the names the book keeps beside each person (their display names).
            var keys: [(name: String, seq: Int64, id: String)] = []
            for row in try SQLRow.fetchAll(db, sql: "SELECT p.id, p.name FROM person p" + conditions, arguments: arguments) {
                let id: String = row[0]
                if let ids, !ids.contains(id) { continue }
                keys.append((TextFolding.fold(row[1]), PersonID.seq(id) ?? 0, id))
            }
            keys.sort { ($0.name, $0.seq, $0.id) < ($1.name, $1.seq, $1.id) }
            let coding = ContactCoding()
            var handed = 0
            for start in stride(from: 0, to: keys.count, by: 2_000) {
                let chunk = keys[start..<min(keys.count, start + 2_000)].map(\.id)
                let byID = try PersonStore.load(ids: chunk, coding: coding, db: db)
                for id in chunk {
                    guard let person = byID[id] else { continue }
                    do {
                        try each(person)
                    } catch {
                        failure = error
                        return handed
                    }
                    handed += 1
                }
            }
            return handed
        }
        if let failure { throw failure }
        return count
    }

    /// A filter as a `WHERE` clause on `person p`, and its arguments.
    static func conditions(_ filter: PersonFilter, _ db: any BookConnection) throws -> (String, SQLArguments) {
        var conditions: [String] = [], arguments: [any SQLValueConvertible] = []
        if let event = filter.event {
            let ids = try Self.eventIDs(matching: event, db)
            guard !ids.isEmpty else { throw BookError(.notFound, "no event named '\(event)' in the book (`cardtool events` lists them)") }
            conditions.append("p.id IN (SELECT m.person_id FROM membership m JOIN record r ON r.id = m.record_id WHERE r.event_id IN (\(ids.map { _ in "?" }.joined(separator: ","))))")
            arguments += ids
        }
        if let tag = filter.tag {
            conditions.append("p.id IN (SELECT person_id FROM tag WHERE tag = ?)")
            arguments.append(tag)
        }
        if let text = filter.text {
            conditions.append("p.search LIKE ?")
            arguments.append("%" + Self.searchKey(text) + "%")
        }
        return (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "), SQLArguments(arguments))
    }

    /// The people with these ids (those that exist), sorted as listings are.
    func people(ids: some Collection<String>) throws(BookError) -> [Person] {
        try read { db in Self.sortedByName(Array(try PersonStore.load(ids: ids, coding: ContactCoding(), db: db).values)) }
    }

    /// Listings' order: folded display name, then id; each name folded once, not per comparison.
    static func sortedByName(_ people: [Person]) -> [Person] {
        let keys = people.map { (TextFolding.fold(PersonStore.displayName($0.contact)), PersonID.seq($0.id) ?? 0, $0.id) }
        return people.indices.sorted { keys[$0] < keys[$1] }.map { people[$0] }
    }

    /// Search text as stored: folded (accents, case and punctuation away).
    static func searchKey(_ text: String) -> String {
        let folded = TextFolding.fold(text)
        return folded.isEmpty ? text.lowercased() : folded
    }

    /// Events whose folded name is the folded text (or contains it, when none is equal).
    static func eventIDs(matching text: String, _ db: any BookConnection) throws -> [Int64] {
        let key = TextFolding.fold(text)
        let all = try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT id, name, date FROM event"))
        let exact = all.filter { TextFolding.fold($0["name"]) == key || ($0["date"] as String) == text }
        if !exact.isEmpty { return exact.map { $0["id"] } }
        return all.filter { !key.isEmpty && TextFolding.fold($0["name"]).contains(key) }.map { $0["id"] }
    }

    /// One person, whatever they were called by: id, old id, e-mail or phone.
    public func detail(_ who: String) throws(BookError) -> PersonDetail {
        try read { db in
            let id = try Self.resolve(who, db)
            let coding = ContactCoding()
            guard let row = try SQLRow.fetchOne(try db.cachedStatement(sql: "SELECT * FROM person WHERE id = ?"), arguments: [id]) else {
                throw BookError(.unknownPerson, "no one in the book is '\(who)'")
            }
            let person = try PersonStore.load(row, coding: coding, db: db)
            let records = try SQLRow.fetchAll(try db.cachedStatement(sql: """
                SELECT r.id, r.contact FROM membership m JOIN record r ON r.id = m.record_id WHERE m.person_id = ? ORDER BY r.met_on, r.id
                """), arguments: [id]).map { (PersonID.recordID($0["id"]), try coding.decode($0["contact"])) }
            let touches = try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT date, kind, note, by_name FROM touch WHERE person_id = ? ORDER BY date DESC, id DESC"),
                                           arguments: [id]).compactMap { r -> Person.Interaction? in
                PartialDate(iso8601: r["date"]).map { Person.Interaction(date: $0, kind: r["kind"], note: r["note"], by: r["by_name"]) }
            }
            let aliases = try String.fetchAll(try db.cachedStatement(sql: "SELECT old_id FROM alias WHERE person_id = ? ORDER BY old_id"), arguments: [id])
            let edits = try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT field, value FROM person_edit WHERE person_id = ? ORDER BY field"), arguments: [id])
                .map { ($0["field"] as String, $0["value"] as String) }
            let rhythm = try Self.rhythm(id, tags: person.tags, db)
            let names = try String.fetchAll(try db.cachedStatement(sql: "SELECT DISTINCT by_name FROM change WHERE by_name IS NOT NULL LIMIT 2"))
            return PersonDetail(person: person, records: records, touches: touches, aliases: aliases, edits: edits, cadence: rhythm,
                                team: TeamContact.of(person, touches: touches), sharedBook: names.count > 1)
        }
    }

    /// Every event, oldest first, with who was met there.
    public func events() throws(BookError) -> [BookEvent] {
        try read { db in try Self.events(db, YieldFacts(db)) }
    }

    /// The events with records, counted from one pass over who was met where (a person is new
    /// at the event of their earliest record).
    static func events(_ db: any BookConnection, _ facts: YieldFacts) throws -> [BookEvent] {
        try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT id, name, date, note, cost FROM event ORDER BY date, name")).compactMap { r in
            let id: Int64 = r["id"], date: String = r["date"]
            guard facts.records(at: id) > 0 else { return nil }
            return BookEvent(id: id, name: r["name"], date: PartialDate(iso8601: date), records: facts.records(at: id),
                             people: facts.people(at: id), new: facts.new(at: id), note: r["note"], cost: r["cost"])
        }
    }

    /// The changes in the book, newest first.
    /// `who` keeps the changes one team member made.
    public func history(limit: Int? = nil, who: String? = nil) throws(BookError) -> [BookChange] {
        try read { db in
            try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT id, kind, at, summary, by_name FROM change" + (who == nil ? "" : " WHERE by_name = ?")
                                                       + " ORDER BY id DESC" + (limit.map { " LIMIT \($0)" } ?? "")),
                                arguments: who.map { [$0] } ?? [])
                .map { BookChange(id: $0["id"], kind: $0["kind"], at: $0["at"], summary: $0["summary"], by: $0["by_name"]) }
        }
    }

    /// How many records and people the book holds.
    public func size() throws(BookError) -> (records: Int, people: Int) {
        try read { db in
            (try Int.fetchOne(try db.cachedStatement(sql: "SELECT COUNT(*) FROM record")) ?? 0, try Int.fetchOne(try db.cachedStatement(sql: "SELECT COUNT(*) FROM person")) ?? 0)
        }
    }

    /// The matching model's explanation: when it was estimated and on how many records.
    public func modelNote() throws(BookError) -> String? {
        try read { db in
            try ModelState.load(db).map { "estimated when the book had \($0.estimatedAt) records (on \($0.sample)); estimated again at \(Int((Double($0.estimatedAt) * ModelState.growth).rounded(.up)))" }
        }
    }
}

import CardConcurrency
import CardDedup
import CardModel
import Foundation

/// A change the book made, as the history lists it.
public struct BookChange: Sendable, Equatable {
    /// The change's number.
    public var id: Int
    /// `import`, `touch`, `link`, `split`, `edit`, `tag`, `cadence`, `remove-import`, `event`.
    public var kind: String
    /// When, ISO 8601 UTC.
    public var at: String
    /// What it did, in words.
    public var summary: String
    /// Who made it (`--as`, else the login name); nil for changes from before the book knew.
    public var by: String? = nil
}

extension EventBook {
    /// Reverts the most recent change (an import with its merges, a touch, a link, a split, an
    /// edit, a tag…) and returns it; the history forgets it.
    ///
    /// On a team's book the newest change may be someone else's import: it is taken back only with
    /// `anyone`, so that one person's `undo` never silently throws away another's work.
    public func undo(anyone: Bool = false) throws(BookError) -> BookChange {
        try write { db in
            guard let row = try SQLRow.fetchOne(try db.cachedStatement(sql: "SELECT id, kind, at, summary, by_name FROM change ORDER BY id DESC LIMIT 1")) else {
                throw BookError(.nothingToUndo, "nothing to undo: the book has no changes")
            }
            let change = BookChange(id: row["id"], kind: row["kind"], at: row["at"], summary: row["summary"], by: row["by_name"])
            if !anyone, let by = change.by, by != actor {
                throw BookError(.someoneElsesChange, """
                    the newest change (\(change.id), \(change.kind) at \(change.at)) was made by \(by), not \(actor); \
                    changes are taken back newest first: `cardtool undo --anyone` takes back \(by)'s
                    """)
            }
            try Self.revert(change.id, db)
            return change
        }
    }

    /// Puts back every row image of a change's journal, newest first, and forgets the change.
    static func revert(_ changeID: Int, _ db: any BookConnection) throws {
        let entries = try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT tbl, row_key, before FROM journal WHERE change_id = ? ORDER BY seq DESC"),
                                       arguments: [changeID])
        let coding = ContactCoding()
        var restoredPeople = Set<String>()
        for entry in entries {
            let table: String = entry["tbl"], key: Data = entry["row_key"]
            switch table {
            case Journal.Marker.importAdded.rawValue:
                try removeRecords(ofImport: Int64(String(decoding: key, as: UTF8.self)) ?? -1, coding: coding, db: db)
            case Journal.Marker.recordsUnindexed.rawValue:
                let ids = String(decoding: key, as: UTF8.self).split(separator: ",").compactMap { Int64($0) }
                try reindex(ids, coding: coding, db: db)
            default:
                let keyValues = try Journal.decode(key)
                if table == "person", let id = String.fromSQL(keyValues["id"] ?? .null) { restoredPeople.insert(id) }
                let columns = keyValues.keys.sorted()
                try db.cachedStatement(sql: "DELETE FROM \(table) WHERE " + columns.map { "\($0) = ?" }.joined(separator: " AND "))
                    .execute(arguments: SQLArguments(columns.map { keyValues[$0]! }))
                if let before = entry["before"] as Data? {
                    let values = try Journal.decode(before)
                    let names = values.keys.sorted()
                    try db.cachedStatement(sql: "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))")
                        .execute(arguments: SQLArguments(names.map { values[$0]! }))
                }
            }
        }
        // A person put back is a person changed: the next export of what changed carries them. The
        // stamp is a fresh number (counters never go back), later than any export mark.
        if !restoredPeople.isEmpty {
            let stamp = try Counter.next(.change, db)
            for list in db.lists(Array(restoredPeople)) {
                try db.cachedStatement(sql: "UPDATE person SET changed = ? WHERE id \(list.test)").execute(arguments: [stamp] + list.arguments)
            }
        }
        try db.cachedStatement(sql: "DELETE FROM journal WHERE change_id = ?").execute(arguments: [changeID])
        try db.cachedStatement(sql: "DELETE FROM change WHERE id = ?").execute(arguments: [changeID])
    }

    /// Deletes an import's records with everything derived from them (undoing the import).
    static func removeRecords(ofImport importID: Int64, coding: ContactCoding, db: any BookConnection) throws {
        let ids = try Int64.fetchAll(try db.cachedStatement(sql: "SELECT id FROM record WHERE import_id = ? ORDER BY id"), arguments: [importID])
        let loaded = try StoredFeatures.load(ids, customFields: try customFields(db), threads: Parallel.defaultThreads, db: db)
        try RecordIndex.remove(loaded.map(\.1), ids: loaded.map(\.0), db: db)
        // 400 at a time: the review delete binds each id twice, and older SQLite allows 999 arguments.
        for list in db.lists(ids, sqliteChunk: 400) {
            let args = list.arguments
            try db.cachedStatement(sql: "DELETE FROM membership WHERE record_id \(list.test)").execute(arguments: args)
            try db.cachedStatement(sql: "DELETE FROM review WHERE a \(list.test) OR b \(list.test)").execute(arguments: args + args)
        }
        try db.cachedStatement(sql: "DELETE FROM record WHERE import_id = ?").execute(arguments: [importID])
        try db.cachedStatement(sql: "DELETE FROM import WHERE id = ?").execute(arguments: [importID])
    }

    /// Derives the keys, sort names and counts of records put back.
    static func reindex(_ ids: [Int64], coding: ContactCoding, db: any BookConnection) throws {
        let loaded = try StoredFeatures.load(ids, customFields: try customFields(db), threads: Parallel.defaultThreads, db: db)
        var counts = ValueCounts()
        try RecordIndex.add(loaded.map(\.1), ids: loaded.map(\.0), counts: &counts, db: db)
    }

    static func customFields(_ db: any BookConnection) throws -> [String] {
        try String.fetchOne(try db.cachedStatement(sql: "SELECT value FROM book_meta WHERE key = 'custom_fields'"))
            .map { $0.split(separator: "\u{1F}").map(String.init) } ?? []
    }

    /// Takes one import out of the book, however many changes came after it, and derives again
    /// every person it touched: their remaining records are matched anew among themselves.
    /// The removal is itself a change (`undo` puts the import back).
    public func removeImport(_ importID: Int, configuration: DedupConfiguration = DedupConfiguration()) throws(BookError) -> String {
        let summary: String? = try change("remove-import") { db, journal in
            guard let files = try String.fetchOne(try db.cachedStatement(sql: "SELECT files FROM import WHERE id = ?"), arguments: [importID]) else {
                throw BookError(.notFound, "no import #\(importID) in the book (`cardtool history` lists them)")
            }
            let coding = ContactCoding()
            let ids = try Int64.fetchAll(try db.cachedStatement(sql: "SELECT id FROM record WHERE import_id = ? ORDER BY id"), arguments: [importID])
            let people = Set(try Self.people(of: ids, db))
            try journal.mark(.recordsUnindexed, ids.map(String.init).joined(separator: ","))
            try journal.save("import", ["id": importID])
            for id in ids {
                try journal.save("record", ["id": id])
                try journal.save("membership", ["record_id": id])
            }
            for row in try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT a, b FROM review WHERE a IN (SELECT id FROM record WHERE import_id = ?) OR b IN (SELECT id FROM record WHERE import_id = ?)"),
                                        arguments: [importID, importID]) {
                try journal.save("review", ["a": row["a"] as Int64, "b": row["b"] as Int64])
            }
            try Self.removeRecords(ofImport: Int64(importID), coding: coding, db: db)
            let regrouped = try Regrouping(db: db, journal: journal, coding: coding, configuration: configuration)
                .regroup(people)
            let text = "removed import #\(importID) (\(files.split(separator: "\n").joined(separator: ", ")), \(ids.count) records); "
                + "\(people.count) \(people.count == 1 ? "person" : "people") derived again\(regrouped > 0 ? ", \(regrouped) split off" : "")"
            return (text, text)
        }
        return summary ?? ""
    }

    /// The people these records belong to.
    static func people(of records: [Int64], _ db: any BookConnection) throws -> [String] {
        var out = Set<String>()
        for list in db.lists(records) {
            out.formUnion(try String.fetchAll(try db.cachedStatement(sql: "SELECT DISTINCT person_id FROM membership WHERE record_id \(list.test)"),
                                              arguments: list.arguments))
        }
        return out.sorted()
    }

    /// Resolves what a user typed to a person: an id (or an old id merged into another), an
    /// e-mail address, or a phone number.
    public func resolve(_ text: String) throws(BookError) -> String {
        try read { db in try Self.resolve(text, db) }
    }

    static func resolve(_ text: String, _ db: any BookConnection) throws -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        if PersonID.looksLikeID(t.lowercased()) {
            let id = t.lowercased()
            if try Int.fetchOne(try db.cachedStatement(sql: "SELECT 1 FROM person WHERE id = ?"), arguments: [id]) != nil { return id }
            if let alias = try String.fetchOne(try db.cachedStatement(sql: "SELECT person_id FROM alias WHERE old_id = ?"), arguments: [id]),
               try Int.fetchOne(try db.cachedStatement(sql: "SELECT 1 FROM person WHERE id = ?"), arguments: [alias]) != nil {
                return alias
            }
        }
        if t.contains("@") {
            let matches = try String.fetchAll(try db.cachedStatement(sql: "SELECT id FROM person WHERE search LIKE ? ORDER BY seq"),
                                              arguments: ["% " + t.lowercased() + " %"])
            if let first = matches.first { return first }
        }
        let digits = t.filter(\.isNumber)
        if digits.count >= 7 {
            let tail = String(digits.suffix(9))
            let matches = try String.fetchAll(try db.cachedStatement(sql: "SELECT id FROM person WHERE search LIKE ? ORDER BY seq"),
                                              arguments: ["%" + tail + "%"])
            if let first = matches.first { return first }
        }
        throw BookError(.unknownPerson, "no one in the book is '\(text)' (give an id such as p3k, an e-mail or a phone number)")
    }

    /// Says the records of two people are one person's: they are merged (the older id stays) and
    /// later imports keep them together.
    public func link(_ a: String, _ b: String) throws(BookError) -> String {
        let text: String? = try change("link") { db, journal in
            let x = try Self.resolve(a, db), y = try Self.resolve(b, db)
            guard x != y else { throw BookError(.notFound, "\(a) and \(b) are already one person (\(x))") }
            let text = try Self.linkPeople(x, y, journal: journal, db: db)
            return (text, text)
        }
        return text ?? ""
    }

    /// Merges two people (the older id stays) and records the decision record by record, so that
    /// it outlives the people's ids; a split between them is taken back.
    static func linkPeople(_ x: String, _ y: String, journal: Journal, db: any BookConnection) throws -> String {
        let (target, other) = (PersonID.seq(x) ?? 0) < (PersonID.seq(y) ?? 0) ? (x, y) : (y, x)
        let keep = try Int64.fetchAll(try db.cachedStatement(sql: "SELECT record_id FROM membership WHERE person_id = ?"), arguments: [target])
        let move = try Int64.fetchAll(try db.cachedStatement(sql: "SELECT record_id FROM membership WHERE person_id = ?"), arguments: [other])
        for r in keep { for s in move { try Self.decide(r, s, together: true, journal: journal, db: db) } }
        try PersonMerging.merge(other, into: target, journal: journal, db: db)
        try PersonStore.derive([target], changeID: journal.changeID, journal: journal, coding: ContactCoding(), db: db)
        return "linked \(other) into \(target)"
    }

    /// Splits records off a person: each record named leaves (together, as one new person), or
    /// every record becomes a person of its own when none is named. Later imports keep them apart.
    public func split(_ who: String, records: [String] = []) throws(BookError) -> String {
        let text: String? = try change("split") { db, journal in
            let person = try Self.resolve(who, db)
            let members = try Int64.fetchAll(try db.cachedStatement(sql: "SELECT record_id FROM membership WHERE person_id = ? ORDER BY record_id"),
                                             arguments: [person])
            guard members.count > 1 else { throw BookError(.notFound, "\(person) has one record: nothing to split") }
            var groups: [[Int64]]
            if records.isEmpty {
                groups = members.map { [$0] }
            } else {
                var leaving: [Int64] = []
                for r in records {
                    guard let n = PersonID.recordNumber(r), members.contains(n) else {
                        throw BookError(.notFound, "\(r) is not a record of \(person) (`cardtool show \(person)` lists them)")
                    }
                    leaving.append(n)
                }
                let staying = members.filter { !leaving.contains($0) }
                guard !staying.isEmpty else { throw BookError(.notFound, "every record of \(person) was named: nothing would stay") }
                groups = [staying, leaving.sorted()]
            }
            for (i, g) in groups.enumerated() {
                for h in groups[(i + 1)...] { for r in g { for s in h { try Self.decide(r, s, together: false, journal: journal, db: db) } } }
            }
            var ids = [person]
            for g in groups.dropFirst() {
                let id = PersonID.make(try Counter.next(.person, db))
                for r in g {
                    try journal.save("membership", ["record_id": r])
                    try db.cachedStatement(sql: "UPDATE membership SET person_id = ? WHERE record_id = ?").execute(arguments: [id, r])
                }
                ids.append(id)
            }
            try PersonStore.derive(ids, changeID: journal.changeID, journal: journal, coding: ContactCoding(), db: db)
            let text = "split \(person) into \(ids.joined(separator: ", "))"
            return (text, text)
        }
        return text ?? ""
    }

    /// Records a decision about two records (`together` or apart), replacing an earlier one.
    static func decide(_ r: Int64, _ s: Int64, together: Bool, journal: Journal, db: any BookConnection) throws {
        let (a, b) = (min(r, s), max(r, s))
        try journal.save("link", ["a": a, "b": b])
        try db.cachedStatement(sql: """
            INSERT INTO link (a, b, together) VALUES (?, ?, ?) ON CONFLICT (a, b) DO UPDATE SET together = excluded.together
            """).execute(arguments: [a, b, together ? 1 : 0])
    }

    /// Sets manual values on a person (they win over the records) or clears them (`nil`).
    public func edit(_ who: String, set values: [(field: String, value: String?)]) throws(BookError) -> String {
        let text: String? = try change("edit") { db, journal in
            let person = try Self.resolve(who, db)
            var done: [String] = []
            for (field, value) in values {
                guard PersonStore.editable.contains(field) else {
                    throw BookError(.notFound, "cannot edit '\(field)': the fields are \(PersonStore.editable.joined(separator: ", "))")
                }
                if field == "birthday", let value, PartialDate(iso8601: value) == nil {
                    throw BookError(.notFound, "a birthday is YYYY-MM-DD or --MM-DD, got '\(value)'")
                }
                try journal.save("person_edit", ["person_id": person, "field": field])
                if let value {
                    try db.cachedStatement(sql: """
                        INSERT INTO person_edit (person_id, field, value) VALUES (?, ?, ?)
                        ON CONFLICT (person_id, field) DO UPDATE SET value = excluded.value
                        """).execute(arguments: [person, field, value])
                    done.append("set \(field)")
                } else {
                    try db.cachedStatement(sql: "DELETE FROM person_edit WHERE person_id = ? AND field = ?").execute(arguments: [person, field])
                    done.append("cleared \(field)")
                }
            }
            try PersonStore.derive([person], changeID: journal.changeID, journal: journal, coding: ContactCoding(), db: db)
            let text = "edited \(person): " + done.joined(separator: ", ")
            return (text, text)
        }
        return text ?? ""
    }
}

/// People whose records changed under them (an import taken out): their remaining records are
/// clustered again among themselves, with the book's decisions, and the groups that no longer
/// hold together become people of their own.
struct Regrouping {
    let db: any BookConnection
    let journal: Journal
    let coding: ContactCoding
    let configuration: DedupConfiguration

    /// Returns how many new people split off.
    func regroup(_ people: Set<String>) throws -> Int {
        var splitOff = 0
        let custom = try EventBook.customFields(db)
        let total = try Int.fetchOne(try db.cachedStatement(sql: "SELECT COUNT(*) FROM record")) ?? 0
        let fields = MatchField.all(custom: custom)
        let model = try ModelState.load(db).flatMap { MatchModel(fields: fields, parameters: $0.parameters, records: total) }
        var touched = Set(people)
        for person in people.sorted() {
            let rows = try SQLRow.fetchAll(try db.cachedStatement(sql: """
                SELECT r.id, r.contact FROM membership m JOIN record r ON r.id = m.record_id WHERE m.person_id = ? ORDER BY r.id
                """), arguments: [person])
            guard rows.count > 1, let model else { continue }
            let ids = rows.map { $0["id"] as Int64 }
            let features = try rows.map { RecordFeatures(try coding.decode($0["contact"]), customFields: custom) }
            var counts = ValueCounts()
            try ValueCountStore.load(for: features.map(ValueCounts.keys(of:)), into: &counts, db: db)
            let comparator = PairComparator(customFields: custom, records: features, counts: counts)
            var pairs: [UInt64] = []
            for i in 0..<ids.count { for j in (i + 1)..<ids.count { pairs.append(UInt64(i) << 32 | UInt64(j)) } }
            let dedup = Deduplicator(configuration: configuration)
            let scored = dedup.score(pairs: pairs, rules: pairs.map { _ in 0 }, features: features, comparator: comparator, model: model)
            // Decisions among these records.
            var together: [[Int]] = [], apart = Set<UInt64>()
            for i in 0..<ids.count {
                for j in (i + 1)..<ids.count {
                    if let t = try Int.fetchOne(try db.cachedStatement(sql: "SELECT together FROM link WHERE a = ? AND b = ?"), arguments: [ids[i], ids[j]]) {
                        if t == 1 { together.append([i, j]) } else { apart.insert(UInt64(i) << 32 | UInt64(j)) }
                    }
                }
            }
            let clusters = dedup.cluster(scored, features: features, comparator: comparator, model: model,
                                         groups: together, apart: apart).clusters
            guard clusters.count > 1 else { continue }
            // The group with the person's oldest record keeps the id (with its tags, touches and
            // edits): the person as first met; the others are new people.
            let ordered = clusters.sorted { ($0.map { ids[$0] }.min() ?? 0) < ($1.map { ids[$0] }.min() ?? 0) }
            for group in ordered.dropFirst() {
                let id = PersonID.make(try Counter.next(.person, db))
                for i in group {
                    try journal.save("membership", ["record_id": ids[i]])
                    try db.cachedStatement(sql: "UPDATE membership SET person_id = ? WHERE record_id = ?").execute(arguments: [id, ids[i]])
                }
                touched.insert(id)
                splitOff += 1
            }
        }
        try PersonStore.derive(touched, changeID: journal.changeID, journal: journal, coding: coding, db: db)
        return splitOff
    }
}

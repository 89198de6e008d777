import CardConcurrency
import CardDedup
import CardModel
import Foundation
import CardNormalize

/// People as the book derives them: the survivorship merge of their records, with manual edits
/// over it, cached in `person` for listing and searching, and recomputed whenever their records
/// or decisions change.
enum PersonStore {
    /// The fields `cardtool edit --set` can set: a manual value wins over the records until cleared.
    static let editable = ["name", "given", "family", "organization", "department", "title", "role", "note", "birthday",
                           "email", "phone", "url", "city", "country"]

    /// Recomputes these people's rows; a person left without records is removed (their id is
    /// never reused). Works a few hundred people at a time: their records, edits and touches in a
    /// few queries, the merges on all cores.
    static func derive(_ ids: some Sequence<String>, changeID: Int64, journal: Journal, coding: ContactCoding, db: any BookConnection) throws {
        let upsert = BatchInsert(db, "INSERT INTO person (id, seq, contact, name, search, first_met, last_interaction, last_kind, changed) VALUES",
                                 columns: 9, tail: """
            ON CONFLICT (id) DO UPDATE SET contact = excluded.contact, name = excluded.name, search = excluded.search,
                first_met = excluded.first_met, last_interaction = excluded.last_interaction,
                last_kind = excluded.last_kind, changed = excluded.changed
            """)
        let remove = try db.cachedStatement(sql: "DELETE FROM person WHERE id = ?")
        for chunk in Set(ids).sorted().chunked(400) {
            let people = Array(chunk)
            try journal.saveRows("person", keyColumn: "id", people)
            let list = db.list(people)
            let args = list.arguments
            var records: [String: [(Data, String?)]] = [:]
            for row in try SQLRow.fetchAll(try db.cachedStatement(sql: """
                SELECT m.person_id, r.contact, r.met_on FROM membership m JOIN record r ON r.id = m.record_id
                WHERE m.person_id \(list.test) ORDER BY r.id
                """), arguments: args) {
                records[row["person_id"], default: []].append((row["contact"], row["met_on"]))
            }
            var edits: [String: [(String, String)]] = [:]
            for row in try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT person_id, field, value FROM person_edit WHERE person_id \(list.test)"),
                                        arguments: args) {
                edits[row["person_id"], default: []].append((row["field"], row["value"]))
            }
            var touches: [String: Person.Interaction] = [:]
            for row in try SQLRow.fetchAll(try db.cachedStatement(sql: """
                SELECT person_id, date, kind, note FROM touch WHERE person_id \(list.test) ORDER BY date, id
                """), arguments: args) {
                if let date = PartialDate(iso8601: row["date"]) {
                    touches[row["person_id"]] = Person.Interaction(date: date, kind: row["kind"], note: row["note"])
                }
            }
            var seqs: [String: Int64] = [:]
            for row in try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT id, seq FROM person WHERE id \(list.test)"), arguments: args) {
                seqs[row["id"]] = row["seq"]
            }
            // The merges on all cores; the writes in order.
            let (allRecords, allEdits, latestTouch) = (records, edits, touches)
            let derived: [Derived?] = Parallel.map(people.count, threads: Parallel.defaultThreads, minChunk: 64) { range in
                range.map { k in
                    let id = people[k]
                    guard let recs = allRecords[id], !recs.isEmpty else { return nil }
                    return derivePerson(recs, edits: allEdits[id] ?? [], touch: latestTouch[id], coding: coding)
                }
            }
            for (id, d) in zip(people, derived) {
                guard let d else {
                    try remove.execute(arguments: [id])
                    continue
                }
                let seq: Int64 = seqs[id] ?? PersonID.seq(id) ?? 0
                try upsert.add([id, seq, d.contact, d.name, d.search, d.firstMet, d.last?.date.iso8601, d.last?.kind, changeID])
            }
            try upsert.flush()
        }
    }

    /// A person's row values.
    struct Derived: Sendable {
        var contact: Data
        var name: String
        var search: String
        var firstMet: String?
        var last: Person.Interaction?
    }

    /// One person from their records (stored form and date met), manual edits and latest touch.
    static func derivePerson(_ records: [(Data, String?)], edits: [(String, String)], touch: Person.Interaction?,
                             coding: ContactCoding) -> Derived {
        let contacts = records.compactMap { try? coding.decode($0.0) }
        var person = ContactMerger.merge(contacts, keys: false)
        for (field, value) in edits { apply(field: field, value: value, to: &person) }
        let metOn = records.compactMap { $0.1.flatMap(PartialDate.init(iso8601:)) }
        var best: Person.Interaction?
        func consider(_ i: Person.Interaction) {
            if best == nil || best!.date < i.date || (best!.date == i.date && i.kind != "met" && best!.kind == "met") { best = i }
        }
        for date in metOn { consider(Person.Interaction(date: date, kind: "met")) }
        if let connected = person.connectedOn { consider(Person.Interaction(date: connected, kind: "connected")) }
        if let touch { consider(touch) }
        return Derived(contact: coding.encode(person), name: displayName(person), search: searchText(person),
                       firstMet: metOn.min()?.iso8601, last: best)
    }

    /// The name a listing shows: the full name, else the organization, else the first e-mail.
    static func displayName(_ c: Contact) -> String {
        c.fullName ?? c.name?.displayName ?? c.organization ?? c.emails.first?.value ?? c.phones.first?.value ?? "(no name)"
    }

    /// Folded text `cardtool search` looks in: names, nicknames, e-mails, phones, organization, title, city.
    static func searchText(_ c: Contact) -> String {
        var parts: [String] = []
        if let n = c.fullName { parts.append(n) }
        if let n = c.name?.displayName { parts.append(n) }
        parts += c.nicknames
        parts += c.emails.map(\.value)
        parts += c.phones.flatMap { [$0.value, $0.e164 ?? ""] }
        parts += [c.organization, c.department, c.title].compactMap { $0 }
        parts += c.addresses.compactMap(\.locality)
        return " " + TextFolding.fold(parts.joined(separator: " ")) + " " + parts.joined(separator: " ").lowercased() + " "
    }

    /// A manual value over the merged one.
    static func apply(field: String, value: String, to c: inout Contact) {
        switch field {
        case "name":
            c.fullName = value
            c.name = NameNormalizer.parse(value).name
        case "given":
            c.name = c.name ?? PersonName()
            c.name?.given = value
            c.fullName = c.name?.displayName
        case "family":
            c.name = c.name ?? PersonName()
            c.name?.family = value
            c.fullName = c.name?.displayName
        case "organization": c.organization = value
        case "department": c.department = value
        case "title": c.title = value
        case "role": c.role = value
        case "note": c.note = value
        case "birthday": c.birthday = PartialDate(iso8601: value)
        case "email":
            c.emails.removeAll { $0.value.lowercased() == value.lowercased() }
            c.emails.insert(Email(value: value, pref: 1), at: 0)
        case "phone":
            c.phones.removeAll { $0.value == value }
            c.phones.insert(Phone(value: value, pref: 1), at: 0)
        case "url":
            c.urls.removeAll { $0.value == value }
            c.urls.insert(WebLink(value: value), at: 0)
        case "city", "country":
            if c.addresses.isEmpty { c.addresses = [PostalAddress()] }
            if field == "city" { c.addresses[0].locality = value } else { c.addresses[0].country = value }
        default: break
        }
    }

    /// A person as listings and exports show them.
    static func load(_ row: SQLRow, coding: ContactCoding, db: any BookConnection) throws -> Person {
        try loadMany([row], coding: coding, db: db)[0]
    }

    /// The people with these ids that exist, by id.
    static func load(ids: some Collection<String>, coding: ContactCoding, db: any BookConnection) throws -> [String: Person] {
        var rows: [SQLRow] = []
        for list in db.lists(Array(ids)) {
            rows += try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT * FROM person WHERE id \(list.test)"), arguments: list.arguments)
        }
        var byID: [String: Person] = [:]
        for p in try loadMany(rows, coding: coding, db: db) { byID[p.id] = p }
        return byID
    }

    /// People as listings and exports show them, from their `person` rows, in the rows' order:
    /// tags, sources and latest touches asked for many people to a statement (a listing of a
    /// large book was three statements a person: minutes on PostgreSQL), contacts decoded on
    /// every core.
    static func loadMany(_ rows: [SQLRow], coding: ContactCoding, db: any BookConnection) throws -> [Person] {
        let ids: [String] = rows.map { $0["id"] }
        var tags: [String: [String]] = [:]
        var sources: [String: [Person.Source]] = [:]
        var touches: [String: (note: String?, by: String?)] = [:]
        var events: [Int64: MetEvent] = [:]
        for row in try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT id, name, date FROM event")) {
            let name: String = row["name"], date: String? = row["date"]
            events[row["id"]] = MetEvent(name: name.isEmpty ? nil : name, date: date.flatMap(PartialDate.init(iso8601:)))
        }
        var importedBy: [Int64: String] = [:]
        for row in try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT i.id, c.by_name FROM import i JOIN change c ON c.id = i.change_id")) {
            if let by: String = row["by_name"] { importedBy[row["id"]] = by }
        }
        let touched = Set(rows.filter { row in
            row["last_interaction"] as String? != nil && row["last_kind"] as String? != "met" && row["last_kind"] as String? != "connected"
        }.map { $0["id"] as String })
        for list in db.lists(ids) {
            for row in try SQLRow.fetchAll(try db.cachedStatement(sql: "SELECT person_id, tag FROM tag WHERE person_id \(list.test) ORDER BY tag"),
                                           arguments: list.arguments) {
                tags[row["person_id"], default: []].append(row["tag"])
            }
            for row in try SQLRow.fetchAll(try db.cachedStatement(sql: """
                SELECT m.person_id, r.id, r.file, r.record_no, r.import_id, r.event_id
                FROM membership m JOIN record r ON r.id = m.record_id
                WHERE m.person_id \(list.test) ORDER BY r.met_on, r.id
                """), arguments: list.arguments) {
                let importID: Int64 = row["import_id"]
                sources[row["person_id"], default: []].append(Person.Source(
                    record: PersonID.recordID(row["id"]), file: row["file"], number: row["record_no"], importID: Int(importID),
                    event: (row["event_id"] as Int64?).flatMap { events[$0] }, by: importedBy[importID]))
            }
        }
        let wantTouch = ids.filter(touched.contains)
        for list in db.lists(wantTouch) {
            for row in try SQLRow.fetchAll(try db.cachedStatement(sql: """
                SELECT person_id, note, by_name FROM touch WHERE person_id \(list.test) ORDER BY date DESC, id DESC
                """), arguments: list.arguments) where touches[row["person_id"]] == nil {
                touches[row["person_id"]] = (row["note"], row["by_name"])
            }
        }
        let blobs: [Data] = rows.map { $0["contact"] }
        let contacts: [Contact?] = Parallel.map(blobs.count, threads: Parallel.defaultThreads, minChunk: 256) { range in
            let coding = ContactCoding()
            return range.map { try? coding.decode(blobs[$0]) }
        }
        var out: [Person] = []
        out.reserveCapacity(rows.count)
        for (k, row) in rows.enumerated() {
            let id = ids[k]
            let mine = sources[id] ?? []
            var last: Person.Interaction?
            if let date = (row["last_interaction"] as String?).flatMap(PartialDate.init(iso8601:)) {
                var note: String?, by: String?
                if touched.contains(id) {
                    (note, by) = touches[id] ?? (nil, nil)
                } else {
                    by = mine.last { $0.event?.date == date }?.by
                }
                last = Person.Interaction(date: date, kind: row["last_kind"] ?? "met", note: note, by: by)
            }
            out.append(Person(id: id, contact: try contacts[k] ?? coding.decode(blobs[k]), lastInteraction: last,
                              tags: tags[id] ?? [], sources: mine))
        }
        return out
    }
}

extension Person {
    /// The name listings show: the full name, else the organization, else an e-mail or phone.
    public var displayName: String { PersonStore.displayName(contact) }
}

import CardDedup
import CardModel
import CardNormalize
import GRDB

/// People as the book derives them: the survivorship merge of their records, with manual edits
/// over it, cached in `person` for listing and searching, and recomputed whenever their records
/// or decisions change.
enum PersonStore {
    /// The fields `cardtool edit --set` can set: a manual value wins over the records until cleared.
    static let editable = ["name", "given", "family", "organization", "department", "title", "role", "note", "birthday",
                           "email", "phone", "url", "city", "country"]

    /// Recomputes these people's rows; a person left without records is removed (their id is
    /// never reused).
    static func derive(_ ids: some Sequence<String>, changeID: Int64, journal: Journal, coding: ContactCoding, db: Database) throws {
        for id in Set(ids).sorted() {
            try journal.save("person", ["id": id])
            let records = try Row.fetchAll(db, sql: """
                SELECT r.id, r.contact, r.met_on FROM membership m JOIN record r ON r.id = m.record_id
                WHERE m.person_id = ? ORDER BY r.id
                """, arguments: [id])
            guard !records.isEmpty else {
                try db.execute(sql: "DELETE FROM person WHERE id = ?", arguments: [id])
                continue
            }
            let contacts = try records.map { try coding.decode($0["contact"]) }
            var person = ContactMerger.merge(contacts, keys: false)
            let edits = try Row.fetchAll(db, sql: "SELECT field, value FROM person_edit WHERE person_id = ?", arguments: [id])
            for edit in edits { apply(field: edit["field"], value: edit["value"], to: &person) }
            let metOn = records.compactMap { ($0["met_on"] as String?).flatMap(PartialDate.init(iso8601:)) }
            let last = try lastInteraction(id, contact: person, metOn: metOn, db: db)
            let seq = try Int64.fetchOne(db, sql: "SELECT seq FROM person WHERE id = ?", arguments: [id])
                ?? Int64(PersonID.seq(id) ?? 0)
            try db.execute(sql: """
                INSERT INTO person (id, seq, contact, name, search, first_met, last_interaction, last_kind, changed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET contact = excluded.contact, name = excluded.name, search = excluded.search,
                    first_met = excluded.first_met, last_interaction = excluded.last_interaction,
                    last_kind = excluded.last_kind, changed = excluded.changed
                """, arguments: [id, seq, try coding.encode(person), displayName(person), searchText(person),
                                 metOn.min()?.iso8601, last?.date.iso8601, last?.kind, changeID])
        }
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

    /// The latest of: a touch, an event where the person was met, the date you connected.
    static func lastInteraction(_ id: String, contact: Contact, metOn: [PartialDate], db: Database) throws -> Person.Interaction? {
        var best: Person.Interaction?
        func consider(_ i: Person.Interaction) {
            if best == nil || best!.date < i.date || (best!.date == i.date && i.kind != "met" && best!.kind == "met") { best = i }
        }
        for date in metOn { consider(Person.Interaction(date: date, kind: "met")) }
        if let connected = contact.connectedOn { consider(Person.Interaction(date: connected, kind: "connected")) }
        if let touch = try Row.fetchOne(db, sql: "SELECT date, kind, note FROM touch WHERE person_id = ? ORDER BY date DESC, id DESC LIMIT 1",
                                        arguments: [id]),
           let date = PartialDate(iso8601: touch["date"]) {
            consider(Person.Interaction(date: date, kind: touch["kind"], note: touch["note"]))
        }
        return best
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
    static func load(_ row: Row, coding: ContactCoding, db: Database) throws -> Person {
        let id: String = row["id"]
        let tags = try String.fetchAll(db, sql: "SELECT tag FROM tag WHERE person_id = ? ORDER BY tag", arguments: [id])
        let sources = try Row.fetchAll(db, sql: """
            SELECT r.id, r.file, r.record_no, r.import_id, e.name AS event_name, e.date AS event_date
            FROM membership m JOIN record r ON r.id = m.record_id LEFT JOIN event e ON e.id = r.event_id
            WHERE m.person_id = ? ORDER BY r.met_on, r.id
            """, arguments: [id]).map { r -> Person.Source in
            let name: String? = r["event_name"], date: String? = r["event_date"]
            let event = name.map { MetEvent(name: $0.isEmpty ? nil : $0, date: date.flatMap(PartialDate.init(iso8601:))) }
            return Person.Source(record: PersonID.recordID(r["id"]), file: r["file"], number: r["record_no"],
                                 importID: r["import_id"], event: event)
        }
        var last: Person.Interaction?
        if let date = (row["last_interaction"] as String?).flatMap(PartialDate.init(iso8601:)) {
            var note: String?
            if row["last_kind"] as String? != "met", row["last_kind"] as String? != "connected" {
                note = try String.fetchOne(db, sql: "SELECT note FROM touch WHERE person_id = ? ORDER BY date DESC, id DESC LIMIT 1",
                                           arguments: [id])
            }
            last = Person.Interaction(date: date, kind: row["last_kind"] ?? "met", note: note)
        }
        return Person(id: id, contact: try coding.decode(row["contact"]), lastInteraction: last, tags: tags, sources: sources)
    }
}

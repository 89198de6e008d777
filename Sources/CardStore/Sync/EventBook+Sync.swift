import CardDedup
import CardModel
import CardNormalize
import Foundation

/// A CRM record the book has something new for.
public struct CRMUpdate: Sendable {
    /// The CRM's own record id.
    public var crmID: String
    /// The book's person.
    public var person: Person
    /// The fields where the book knows better, with the CRM's value and the book's.
    public var changes: [(field: String, crm: String, book: String)]
}

/// What matching the book against a CRM's export found.
public struct CRMMatch: Sendable {
    /// People the CRM does not have.
    public var new: [Person]
    /// CRM records the book can complete or correct.
    public var updates: [CRMUpdate]
    /// People the CRM has, with nothing to change.
    public var unchanged: Int
    /// CRM records that match no one in the book.
    public var crmOnly: Int
}

extension EventBook {
    /// The people to export: everyone, or (`changedOnly`) those new or changed since the last
    /// export for `profile`. Returns the change the export reaches, for ``recordExport(profile:through:)``.
    public func peopleToExport(profile: String, changedOnly: Bool) throws(BookError) -> (people: [Person], through: Int) {
        let scope = try exportScope(profile: profile, changedOnly: changedOnly)
        if let changed = scope.changed { return (try people(ids: changed), scope.through) }
        return (try people(), scope.through)
    }

    /// Who an export for `profile` takes (nil: everyone; else the people changed since its last
    /// export) and the change it reaches, for ``recordExport(profile:through:)``.
    public func exportScope(profile: String, changedOnly: Bool) throws(BookError) -> (changed: Set<String>?, through: Int) {
        try read { db in
            let since = changedOnly ? try Int.fetchOne(try db.cachedStatement(sql: "SELECT change_id FROM export_mark WHERE profile = ?"), arguments: [profile]) ?? 0 : 0
            let through = try Int.fetchOne(try db.cachedStatement(sql: "SELECT value FROM book_meta WHERE key = 'next_change'")).map { $0 - 1 } ?? 0
            let changed: Set<String>? = changedOnly ? Set(try String.fetchAll(try db.cachedStatement(sql: "SELECT id FROM person WHERE changed > ?"),
                                                                              arguments: [since])) : nil
            return (changed, through)
        }
    }

    /// Remembers that an export for `profile` reached change `through`: the next
    /// `--changed-since-last` export starts after it. Not a change of the book (not in the history).
    public func recordExport(profile: String, through: Int) throws(BookError) {
        try write { db in
            try db.cachedStatement(sql: """
                INSERT INTO export_mark (profile, change_id) VALUES (?, ?)
                ON CONFLICT (profile) DO UPDATE SET change_id = excluded.change_id
                """).execute(arguments: [profile, through])
        }
    }

    /// Every record with its person's id, as `rec_id,cluster_id` (the record's own id, as
    /// `dedupe --clusters` names it, and the person).
    public func recordClusters() throws(BookError) -> [(record: String, person: String)] {
        try read { db in
            let coding = ContactCoding()
            return try SQLRow.fetchAll(try db.cachedStatement(sql: """
                SELECT r.contact, m.person_id FROM record r JOIN membership m ON m.record_id = r.id ORDER BY r.id
                """)).map { (try coding.decode($0["contact"]).recordID, $0["person_id"] as String) }
        }
    }

    /// Matches the book's people against the records of a CRM's own export: who the CRM lacks,
    /// and which of its records the book can complete (an e-mail, phone, company, title or city
    /// it does not have, or a newer job).
    public func match(crm records: [Contact], configuration: DedupConfiguration = DedupConfiguration()) throws(BookError) -> CRMMatch {
        let people = try self.people()
        let all = people.map(\.contact) + records
        let result = Deduplicator(configuration: configuration).run(all)
        var new: [Person] = [], updates: [CRMUpdate] = []
        var unchanged = 0
        var matchedCRM = Set<Int>()
        for (k, person) in people.enumerated() {
            let crm = result.clusters[result.clusterOf[k]].filter { $0 >= people.count }.map { $0 - people.count }
            guard let first = crm.first else { new.append(person); continue }
            matchedCRM.formUnion(crm)
            let record = records[first]
            let changes = Self.differences(record, person.contact)
            if changes.isEmpty { unchanged += 1 } else {
                updates.append(CRMUpdate(crmID: record.recordID, person: person, changes: changes))
            }
        }
        return CRMMatch(new: new, updates: updates, unchanged: unchanged, crmOnly: records.count - matchedCRM.count)
    }

    /// Fields where the book has a value the CRM record lacks or differs from.
    static func differences(_ crm: Contact, _ book: Contact) -> [(field: String, crm: String, book: String)] {
        var out: [(String, String, String)] = []
        func compare(_ field: String, _ a: String?, _ b: String?) {
            guard let b, !b.isEmpty else { return }
            if TextFolding.fold(a ?? "") != TextFolding.fold(b) { out.append((field, a ?? "", b)) }
        }
        compare("given", crm.name?.given, book.name?.given)
        compare("family", crm.name?.family, book.name?.family)
        let crmEmails = Set(crm.emails.map { $0.value.lowercased() })
        if let e = book.emails.first(where: { !crmEmails.contains($0.value.lowercased()) }) {
            out.append(("email", crm.emails.first?.value ?? "", e.value))
        }
        let crmPhones = Set(crm.phones.map { $0.e164 ?? RecordFeatures.tailDigits($0.value) })
        if let p = book.phones.first(where: { !crmPhones.contains($0.e164 ?? RecordFeatures.tailDigits($0.value)) }) {
            out.append(("phone", crm.phones.first?.value ?? "", p.e164 ?? p.value))
        }
        compare("organization", crm.organization, book.organization)
        compare("title", crm.title, book.title)
        compare("city", crm.addresses.first?.locality, book.addresses.first?.locality)
        return out
    }
}

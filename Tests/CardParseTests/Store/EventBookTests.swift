import Foundation
import GRDB
import Testing
@testable import CardModel
@testable import CardFormats
@testable import CardNormalize
@testable import CardDedup
@testable import CardExport
@testable import CardStore

/// The event book on a real SQLite file in a temporary folder, fed the season of
/// `Tests/Fixtures/book` (three events, 24 records, 16 people).
@Suite("Event book")
struct EventBookTests {
    /// A fresh book in its own temporary folder, or in its own database of the test cluster.
    final class TempBook {
        let folder: URL
        let book: EventBook
        let store: BookStore
        init(_ store: BookStore = .sqlite) throws {
            self.store = store
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("cardtool-book-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            switch store {
            case .sqlite: book = try EventBook(path: folder.appendingPathComponent("book.sqlite").path)
            case .postgres: book = try EventBook(path: try TestPostgres.createDatabase())
            }
        }
        deinit {
            try? FileManager.default.removeItem(at: folder)
            if store == .postgres { TestPostgres.dropDatabase(book.path) }
        }
        var path: String { folder.appendingPathComponent("book.sqlite").path }
    }

    static let season: [(file: String, event: String, date: String)] = [
        ("book/networking-madrid-tech.vcf", "Networking Madrid Tech", "2026-03-12"),
        ("book/south-summit-badges.csv", "South Summit Madrid", "2026-06-05"),
        ("book/des-malaga-connections.csv", "DES Málaga", "2026-11-12"),
    ]

    /// Reads and normalizes a fixture as `cardtool import` does.
    static func contacts(_ fixture: String) throws -> [Contact] {
        var out: [Contact] = []
        let importer = ContactImporter(normalizer: ContactNormalizer(region: "ES", computeKeys: false))
        _ = try importer.run(paths: [Fixtures.path(fixture)], contact: { c in
            var c = c
            c.source?.file = fixture
            out.append(c)
        }, diagnostic: { _ in })
        return out
    }

    @discardableResult
    static func importEvent(_ book: EventBook, _ k: Int) throws -> ImportReport {
        let (file, event, date) = season[k]
        return try book.importContacts(try contacts(file), options: ImportOptions(
            files: [file], event: MetEvent(name: event, date: PartialDate(iso8601: date))))
    }

    /// Who is with whom: each person's records as `file:number`, sorted.
    static func grouping(_ book: EventBook) throws -> Set<[String]> {
        Set(try book.people().map { p in p.sources.map { "\(($0.file as NSString).lastPathComponent):\($0.number)" }.sorted() })
    }

    /// The people a record belongs to, found by one of its files and numbers.
    static func person(_ book: EventBook, _ file: String, _ number: Int) throws -> Person {
        try #require(try book.people().first { $0.sources.contains { ($0.file as NSString).lastPathComponent == file && $0.number == number } })
    }

    /// Everything undo must restore, as comparable text: people with their contacts, tags and
    /// sources, and the history.
    static func snapshot(_ book: EventBook) throws -> String {
        let people = try book.people().map { p -> String in
            var w = JSONLWriter()
            w.write(p)
            return String(decoding: w.takeOutput(), as: UTF8.self)
        }
        return people.joined() + (try book.history().map(\.summary).joined(separator: "\n"))
    }

    @Test("a season of three events: who met where, merged across events", arguments: BookStore.all)
    func season(_ store: BookStore) throws {
        let t = try TempBook(store)
        let first = try Self.importEvent(t.book, 0)
        #expect(first.importID == 1)
        #expect(first.records == 8 && first.newPeople == 8 && first.mergedIntoExisting == 0)
        let second = try Self.importEvent(t.book, 1)
        #expect(second.records == 10)
        #expect(second.mergedIntoExisting == 5, "Francisco, Bob, Carla (wrongly), Lucía and Javier join people of the first event")
        #expect(second.newPeople == 5)
        let third = try Self.importEvent(t.book, 2)
        #expect(third.records == 6 && third.mergedIntoExisting == 4 && third.newPeople == 2)
        let groups = try Self.grouping(t.book)
        #expect(groups.contains(["networking-madrid-tech.vcf:1", "south-summit-badges.csv:1"]), "Paco García is Francisco García López")
        #expect(groups.contains(["networking-madrid-tech.vcf:3", "south-summit-badges.csv:2"]), "Robert is Bob")
        #expect(groups.contains(["networking-madrid-tech.vcf:2", "south-summit-badges.csv:4"]), "Lucía after a job change")
        #expect(groups.contains(["networking-madrid-tech.vcf:6", "south-summit-badges.csv:9"]))
        #expect(groups.contains(["des-malaga-connections.csv:1", "networking-madrid-tech.vcf:5"]), "Ana on LinkedIn")
        #expect(groups.contains(["des-malaga-connections.csv:2", "south-summit-badges.csv:6"]))
        #expect(groups.contains(["des-malaga-connections.csv:3", "networking-madrid-tech.vcf:8"]))
        #expect(groups.contains(["des-malaga-connections.csv:6", "south-summit-badges.csv:7"]))
        #expect(try t.book.size() == (records: 24, people: 15), "16 people, Carlos and Carla taken for one")
        // Where and when each was met.
        let paco = try Self.person(t.book, "networking-madrid-tech.vcf", 1)
        #expect(paco.contact.events.map(\.name) == ["Networking Madrid Tech", "South Summit Madrid"])
        #expect(paco.contact.nicknames.contains("Paco"))
        #expect(paco.contact.name?.family == "García López")
        #expect(paco.lastInteraction == Person.Interaction(date: PartialDate(iso8601: "2026-06-05")!, kind: "met", by: t.book.actor))
        let events = try t.book.events()
        #expect(events.map(\.name) == ["Networking Madrid Tech", "South Summit Madrid", "DES Málaga"])
        #expect(events.map(\.people) == [8, 10, 6])
        #expect(events.map(\.new) == [8, 5, 2], "each person counts as new where first met")
    }

    @Test("importing a batch already in the book changes nothing and leaves no history entry", arguments: BookStore.all)
    func reimport(_ store: BookStore) throws {
        let t = try TempBook(store)
        try Self.importEvent(t.book, 0)
        let before = try Self.snapshot(t.book)
        let again = try Self.importEvent(t.book, 0)
        #expect(again.importID == nil)
        #expect(again.alreadyInBook == 8)
        #expect(again.line == "8 records: all already in the book; nothing changed")
        #expect(try Self.snapshot(t.book) == before)
        #expect(try t.book.history().count == 1)
    }

    @Test("undo reverts each kind of change exactly, one per call", arguments: BookStore.all)
    func undoEveryKind(_ store: BookStore) throws {
        let t = try TempBook(store)
        var snapshots = [try Self.snapshot(t.book)]
        for k in 0..<3 {
            try Self.importEvent(t.book, k)
            snapshots.append(try Self.snapshot(t.book))
        }
        let carla = try Self.person(t.book, "south-summit-badges.csv", 3)
        let carlaRecord = try #require(carla.sources.first { $0.file.hasSuffix("south-summit-badges.csv") }).record
        _ = try t.book.split(carla.id, records: [carlaRecord]); snapshots.append(try Self.snapshot(t.book))
        let ana = try Self.person(t.book, "networking-madrid-tech.vcf", 5)
        _ = try t.book.touch(ana.id, note: "Café", date: PartialDate(iso8601: "2026-11-20")!, kind: "meeting"); snapshots.append(try Self.snapshot(t.book))
        _ = try t.book.tag(ana.id, ["investor"]); snapshots.append(try Self.snapshot(t.book))
        _ = try t.book.edit(ana.id, set: [("title", "CDO")]); snapshots.append(try Self.snapshot(t.book))
        let marta = try Self.person(t.book, "south-summit-badges.csv", 10)
        let sofia = try Self.person(t.book, "networking-madrid-tech.vcf", 7)
        _ = try t.book.link(marta.id, sofia.id); snapshots.append(try Self.snapshot(t.book))
        _ = try t.book.cadence(person: nil, tag: "investor", days: 90); snapshots.append(try Self.snapshot(t.book))
        let kinds = try t.book.history().map(\.kind)
        #expect(kinds == ["cadence", "link", "edit", "tag", "touch", "split", "import", "import", "import"])
        snapshots.removeLast()
        while let expected = snapshots.popLast() {
            _ = try t.book.undo()
            #expect(try Self.snapshot(t.book) == expected)
        }
        #expect(try t.book.size() == (records: 0, people: 0))
        #expect(throws: BookError.self) { try t.book.undo() }
    }

    @Test("a book copied to the other backend and back keeps every record, decision, touch and change; undo works on the copy")
    func copyRoundTrip() throws {
        let t = try TempBook(.sqlite)
        for k in 0..<3 { try Self.importEvent(t.book, k) }
        let carla = try Self.person(t.book, "south-summit-badges.csv", 3)
        _ = try t.book.split(carla.id, records: [try #require(carla.sources.first { $0.file.hasSuffix("south-summit-badges.csv") }).record])
        let ana = try Self.person(t.book, "networking-madrid-tech.vcf", 5)
        _ = try t.book.touch(ana.id, note: "Café en Chamberí", date: PartialDate(iso8601: "2026-11-20")!, kind: "meeting")
        _ = try t.book.tag(ana.id, ["investor"])
        _ = try t.book.edit(ana.id, set: [("title", "CDO")])
        _ = try t.book.cadence(person: nil, tag: "investor", days: 90)
        let original = try Self.snapshot(t.book)
        // Through PostgreSQL when the test cluster runs, else through a second SQLite file.
        let middle = try TempBook(BookStore.all.last!)
        let there = try t.book.copy(to: middle.book)
        #expect(there.rows("record") == 24 && there.rows("touch") == 1 && there.rows("change") == 8)
        #expect(there.rows("journal") > 0 && there.rows("record_key") > 0 && there.rows("value_count") > 0)
        #expect(try Self.snapshot(middle.book) == original)
        let back = try TempBook(.sqlite)
        let home = try middle.book.copy(to: back.book)
        #expect(home.tables.map(\.rows) == there.tables.map(\.rows))
        #expect(try Self.snapshot(back.book) == original)
        #expect(try back.book.detail(ana.id).touches.first?.note == "Café en Chamberí")
        // The copy's history undoes as the original's would.
        for book in [t.book, middle.book, back.book] { _ = try book.undo(); _ = try book.undo() }
        #expect(try Self.snapshot(middle.book) == Self.snapshot(t.book))
        #expect(try Self.snapshot(back.book) == Self.snapshot(t.book))
        // Only into an empty book.
        #expect(throws: BookError.self) { _ = try t.book.copy(to: back.book) }
    }

    @Test("split keeps two people apart, and later imports respect it; link keeps them together", arguments: BookStore.all)
    func splitAndLink(_ store: BookStore) throws {
        let t = try TempBook(store)
        try Self.importEvent(t.book, 0)
        try Self.importEvent(t.book, 1)
        let carlos = try Self.person(t.book, "networking-madrid-tech.vcf", 4)
        #expect(carlos.sources.count == 2, "Carlos and Carla Ruiz Vega share an address and a mobile: taken for one")
        let carla = try #require(carlos.sources.first { $0.file.hasSuffix("south-summit-badges.csv") })
        let text = try t.book.split(carlos.id, records: [carla.record])
        #expect(text.hasPrefix("split \(carlos.id) into \(carlos.id), "))
        #expect(try Self.person(t.book, "networking-madrid-tech.vcf", 4).sources.count == 1)
        // Carla again at a new event: she joins her own person, not her brother.
        var card = try Self.contacts("book/south-summit-badges.csv")[2]
        card.source?.record = 1
        _ = try t.book.importContacts([card], options: ImportOptions(files: ["carla.csv"], event: MetEvent(name: "Foro Pyme", date: PartialDate(iso8601: "2026-09-01"))))
        let carlaNow = try Self.person(t.book, "south-summit-badges.csv", 3)
        #expect(carlaNow.sources.count == 2)
        #expect(try Self.person(t.book, "networking-madrid-tech.vcf", 4).sources.count == 1)
        // Link: two people the matcher kept apart are one.
        let sofia = try Self.person(t.book, "networking-madrid-tech.vcf", 7)
        let marta = try Self.person(t.book, "south-summit-badges.csv", 10)
        #expect(try t.book.link(marta.id, sofia.id) == "linked \(marta.id) into \(sofia.id)")
        #expect(try Self.person(t.book, "south-summit-badges.csv", 10).id == sofia.id)
        // The old id still leads to the person.
        #expect(try t.book.detail(marta.id).person.id == sofia.id)
    }

    @Test("undo --import takes one import out after later ones and derives its people again", arguments: BookStore.all)
    func removeOldImport(_ store: BookStore) throws {
        let t = try TempBook(store)
        for k in 0..<3 { try Self.importEvent(t.book, k) }
        let text = try t.book.removeImport(2)
        #expect(text.hasPrefix("removed import #2 (book/south-summit-badges.csv, 10 records)"))
        #expect(try t.book.size().records == 14)
        let paco = try Self.person(t.book, "networking-madrid-tech.vcf", 1)
        #expect(paco.sources.count == 1)
        #expect(paco.contact.events.map(\.name) == ["Networking Madrid Tech"])
        // Valentina and Emma were first met at the removed event: only their LinkedIn records remain.
        #expect(try Self.person(t.book, "des-malaga-connections.csv", 2).sources.count == 1)
        let groups = try Self.grouping(t.book)
        #expect(groups.count == 12, "the first event's 8, and Valentina, Emma, Iñaki and Laura from LinkedIn")
        // And the removal is a change like any other.
        _ = try t.book.undo()
        #expect(try t.book.size() == (records: 24, people: 15))
        #expect(try Self.person(t.book, "networking-madrid-tech.vcf", 1).sources.count == 2)
    }

    @Test("a manual value wins over the records until cleared", arguments: BookStore.all)
    func edits(_ store: BookStore) throws {
        let t = try TempBook(store)
        try Self.importEvent(t.book, 0)
        try Self.importEvent(t.book, 1)
        let lucia = try Self.person(t.book, "networking-madrid-tech.vcf", 2)
        #expect(lucia.contact.organization == "Quintana Arquitectos", "the latest meeting's job")
        _ = try t.book.edit(lucia.id, set: [("organization", "Quintana Arquitectura S.L.P."), ("city", "Toledo")])
        #expect(try t.book.detail(lucia.id).person.contact.organization == "Quintana Arquitectura S.L.P.")
        #expect(try t.book.detail(lucia.id).person.contact.addresses.first?.locality == "Toledo")
        _ = try t.book.edit(lucia.id, set: [("organization", nil)])
        #expect(try t.book.detail(lucia.id).person.contact.organization == "Quintana Arquitectos")
        #expect(throws: BookError.self) { try t.book.edit(lucia.id, set: [("salary", "1")]) }
    }

    @Test("touches, follow-ups, rhythms and reconnect", arguments: BookStore.all)
    func keepingInTouch(_ store: BookStore) throws {
        let t = try TempBook(store)
        for k in 0..<3 { try Self.importEvent(t.book, k) }
        // First met at South Summit: Diego, Valentina, Emma, Andrés, Marta.
        let follow = try t.book.followUp(event: "south summit madrid")
        #expect(follow.count == 5)
        let diego = try Self.person(t.book, "south-summit-badges.csv", 5)
        _ = try t.book.touch(diego.id, note: "Llamada: quiere una demo", date: PartialDate(iso8601: "2026-06-20")!, kind: "call")
        #expect(try t.book.followUp(event: "South Summit Madrid").count == 4)
        #expect(try t.book.detail(diego.id).person.lastInteraction
                == Person.Interaction(date: PartialDate(iso8601: "2026-06-20")!, kind: "call", note: "Llamada: quiere una demo", by: t.book.actor))
        // On 2026-11-30, with the default six months, only people last seen in March are due.
        let today = PartialDate(iso8601: "2026-11-30")!
        let due = try t.book.reconnect(today: today)
        #expect(due.map { $0.person.contact.fullName ?? "" }.sorted() == ["Sofía Herrera"])
        #expect(due.first?.daysOverdue == 263 - 182)
        // A shorter rhythm for investors brings Diego (tagged) in: 163 days since the call.
        _ = try t.book.tag(diego.id, ["investor"])
        _ = try t.book.cadence(person: nil, tag: "investor", days: 90)
        let now = try t.book.reconnect(today: today)
        #expect(now.map(\.person.id) == [try Self.person(t.book, "networking-madrid-tech.vcf", 7).id, diego.id])
        #expect(now.map(\.daysOverdue) == [263 - 182, 163 - 90])
        let everyone = try t.book.reconnect(today: today, all: true)
        #expect(everyone.count == 15)
        #expect(everyone.last?.person.lastInteraction?.date == PartialDate(iso8601: "2026-11-12"))
        // A limit is the head of the same list (only those people are loaded).
        let firstFive = try t.book.reconnect(today: today, all: true, limit: 5)
        #expect(firstFive.map(\.person.id) == everyone.prefix(5).map(\.person.id))
        #expect(firstFive.map(\.due) == everyone.prefix(5).map(\.due))
        #expect(try t.book.reconnect(today: today, limit: 1).map(\.person.id) == [now[0].person.id])
    }

    @Test("export of what changed since the last export, and the CRM's own export matched", arguments: BookStore.all)
    func crmSync(_ store: BookStore) throws {
        let t = try TempBook(store)
        try Self.importEvent(t.book, 0)
        let (all, through) = try t.book.peopleToExport(profile: "hubspot", changedOnly: true)
        #expect(all.count == 8)
        try t.book.recordExport(profile: "hubspot", through: through)
        #expect(try t.book.peopleToExport(profile: "hubspot", changedOnly: true).people.isEmpty)
        try Self.importEvent(t.book, 1)
        let changed = try t.book.peopleToExport(profile: "hubspot", changedOnly: true).people
        #expect(changed.count == 10, "5 new people and the 5 the event added records to")
        #expect(try t.book.peopleToExport(profile: "salesforce", changedOnly: true).people.count == 13, "each layout has its own mark")
        // The CRM has Francisco with an old address, Ana without a phone, and someone the book lacks.
        let crm = try Self.contacts("book/hubspot-export.csv")
        let match = try t.book.match(crm: crm)
        #expect(match.crmOnly == 1)
        #expect(match.new.count == 13 - 2)
        let francisco = try #require(match.updates.first { $0.crmID == "20451" })
        #expect(francisco.changes.map(\.field).contains("email"))
        let ana = try #require(match.updates.first { $0.crmID == "20452" })
        #expect(ana.changes.contains { $0.field == "phone" && $0.book == "+34611223344" })
    }

    @Test("a person put back by undo is in the next export of what changed", arguments: BookStore.all)
    func exportAfterUndo(_ store: BookStore) throws {
        let t = try TempBook(store)
        try Self.importEvent(t.book, 0)
        let ana = try Self.person(t.book, "networking-madrid-tech.vcf", 5)
        _ = try t.book.edit(ana.id, set: [("title", "CDO")])
        let (_, through) = try t.book.peopleToExport(profile: "hubspot", changedOnly: true)
        try t.book.recordExport(profile: "hubspot", through: through)
        _ = try t.book.undo()
        let changed = try t.book.peopleToExport(profile: "hubspot", changedOnly: true).people
        #expect(changed.map(\.id) == [ana.id])
        #expect(changed.first?.contact.title == "Directora de Datos")
    }

    @Test("an id merged into another stops leading anywhere once that person is gone", arguments: BookStore.all)
    func danglingAlias(_ store: BookStore) throws {
        let t = try TempBook(store)
        try Self.importEvent(t.book, 0)
        let sofia = try Self.person(t.book, "networking-madrid-tech.vcf", 7)
        let marc = try Self.person(t.book, "networking-madrid-tech.vcf", 8)
        _ = try t.book.link(sofia.id, marc.id)
        #expect(try t.book.resolve(marc.id) == sofia.id)
        _ = try t.book.removeImport(1)
        #expect(throws: BookError.self) { try t.book.resolve(marc.id) }
    }

    @Test("clusters per record for evaluation, as dedupe writes them", arguments: BookStore.all)
    func clusters(_ store: BookStore) throws {
        let t = try TempBook(store)
        try Self.importEvent(t.book, 1)
        let rows = try t.book.recordClusters()
        #expect(rows.count == 10)
        #expect(rows.first?.record == "SSM26-0117")
        #expect(Set(rows.map(\.person)).count == 10)
    }

    @Test("a book written by a newer cardtool is refused and left untouched")
    func newerBook() throws {
        let t = try TempBook()
        try Self.importEvent(t.book, 0)
        let queue = try DatabaseQueue(path: t.path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9: from the future')") }
        let before = try Data(contentsOf: URL(fileURLWithPath: t.path))
        #expect {
            _ = try EventBook(path: t.path)
        } throws: { ($0 as? BookError)?.kind == .newerBook }
        #expect(try Data(contentsOf: URL(fileURLWithPath: t.path)) == before)
    }

    @Test("a book indexed before the birth-date-and-either-name keys gets them when opened, and finds a swapped name with them")
    func keysAddedOnOpen() throws {
        let t = try TempBook()
        let normalizer = ContactNormalizer(region: "ES")
        func contacts(_ rows: String) throws -> [Contact] {
            try registerContacts("rec_id,given_name,family_name,birth_date,street,postal_code,city,national_id\n" + rows)
                .map { c in var c = c; _ = normalizer.normalize(&c); return c }
        }
        try t.book.importContacts(try contacts("""
            a,Christopher,Winsford,26/3/1955,26 Queens Close,E8 1YR,London,
            x,Margaret,Halcombe,5/5/1996,60 Orchard Drive,EH10 8LN,Edinburgh,

            """), options: ImportOptions(files: ["register-1.csv"]))
        // As a book written before the rule existed: its keys and its migration gone.
        let queue = try DatabaseQueue(path: t.path)
        let added: [(Int64, Int64)] = try queue.write { db in
            var out: [(Int64, Int64)] = []
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM record ORDER BY id")
            for (id, features) in try StoredFeatures.load(ids, customFields: [], threads: 1, db: SQLiteConnection(db)) {
                for (key, rule) in RecordIndex.keys(features) where rule == .birthdayAndNameSound {
                    out.append((key, id))
                    try db.execute(sql: "DELETE FROM record_key WHERE key = ? AND record_id = ?", arguments: [key, id])
                }
            }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v2:%'")
            return out
        }
        #expect(added.count == 4)   // two records, the sound of each name
        let book = try EventBook(path: t.path)
        let back = try queue.read { db in
            try added.filter { try Int.fetchOne(db, sql: "SELECT count(*) FROM record_key WHERE key = ? AND record_id = ?", arguments: [$0.0, $0.1]) == 1 }
        }
        #expect(back.count == added.count)
        // The same person later, surname in the given-name field and the given name misspelt.
        try book.importContacts(try contacts("b,WINSFORD,CHRHSTOPHER,1955-03-26,26 Queens Close,E8 1YR,London,\n"),
                                options: ImportOptions(files: ["register-2.csv"]))
        #expect(try book.people().count == 2)
    }

    @Test("a book whose features and name keys came from older nickname tables gets them worked out again when opened")
    func nicknameFormsOnOpen() throws {
        #expect(Nicknames.forms(of: "Sasha").contains("alexandra") && Nicknames.forms(of: "Alexander").contains("sasha"))
        #expect(Nicknames.forms(of: "Katie").contains("katherine"))
        let t = try TempBook()
        let normalizer = ContactNormalizer(region: "GB")
        func contacts(_ rows: String) throws -> [Contact] {
            try registerContacts("rec_id,given_name,family_name,birth_date,street,postal_code,city,national_id\n" + rows)
                .map { c in var c = c; _ = normalizer.normalize(&c); return c }
        }
        // Thirteen namesakes: a name key that common is split further (``RecordIndex/splitFrom``).
        let namesakes = (1...13).map { "n\($0),Sasha,Smith,\($0)/3/19\(50 + $0),\($0) High Street,,Town \($0),\n" }.joined()
        try t.book.importContacts(try contacts("""
            s,Sasha,Brookbridge,1/9/1960,188 Orchard Rd,B29 9LJ,Birmingham,
            k,Katie,Holloway,,12 Mill Lane,OX4 1AA,Oxford,

            """ + namesakes), options: ImportOptions(files: ["register-1.csv"]))
        // As a book written before: features of the version before, no keys of the name rules,
        // and the migration not run.
        let rules: [CandidateBlocker.Rule] = [.name, .initialAndOrganization, .birthdayAndGiven, .postcodeAndGiven]
        let queue = try DatabaseQueue(path: t.path)
        let expected: [(Int64, Int64)] = try queue.write { db in
            var out: [(Int64, Int64)] = []
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM record ORDER BY id")
            for (id, features) in try StoredFeatures.load(ids, customFields: [], threads: 1, db: SQLiteConnection(db)) {
                // The name rules' keys, and the split keys of common names (no rule of their own).
                for (key, rule) in RecordIndex.keys(features) where rule.map(rules.contains) ?? true {
                    guard try Int.fetchOne(db, sql: "SELECT count(*) FROM record_key WHERE key = ? AND record_id = ?", arguments: [key, id]) == 1
                    else { continue }
                    out.append((key, id))
                    try db.execute(sql: "DELETE FROM record_key WHERE key = ? AND record_id = ?", arguments: [key, id])
                }
            }
            try db.execute(sql: "UPDATE record SET features = X'04' || substr(features, 2)")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v5:%'")
            return out
        }
        #expect(expected.count >= 6 + 13 * 4)
        let book = try EventBook(path: t.path)
        try queue.read { db in
            for (key, id) in expected {
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM record_key WHERE key = ? AND record_id = ?", arguments: [key, id]) == 1)
            }
            for blob in try Data.fetchAll(db, sql: "SELECT features FROM record") {
                #expect(RecordFeatures.decode([UInt8](blob), customFields: []) != nil)
            }
        }
        // Sasha imported before, Alexandra after: one person (one birth date and postcode).
        try book.importContacts(try contacts("a,Alexandra,Brookbridge,1960-09-01,59 Green Street,B29 9LJ,Birmingham,\n"),
                                options: ImportOptions(files: ["register-2.csv"]))
        #expect(try book.people().count == 15)
    }

    @Test("a database that is not a book is refused")
    func notABook() throws {
        let t = try TempBook()
        let other = t.folder.appendingPathComponent("other.sqlite").path
        let queue = try DatabaseQueue(path: other)
        try queue.write { db in try db.execute(sql: "CREATE TABLE invoices (id INTEGER)") }
        #expect {
            _ = try EventBook(path: other)
        } throws: { ($0 as? BookError)?.kind == .notABook }
        #expect {
            _ = try EventBook(path: t.folder.appendingPathComponent("missing.sqlite").path, create: false)
        } throws: { ($0 as? BookError)?.kind == .missing }
    }

    @Test("people are found by id, old id, e-mail or phone", arguments: BookStore.all)
    func resolving(_ store: BookStore) throws {
        let t = try TempBook(store)
        try Self.importEvent(t.book, 0)
        let ana = try Self.person(t.book, "networking-madrid-tech.vcf", 5)
        #expect(try t.book.resolve(ana.id) == ana.id)
        #expect(try t.book.resolve("ABeltran@GrupoMedialuna.example.com") == ana.id)
        #expect(try t.book.resolve("611 22 33 44") == ana.id)
        #expect(throws: BookError.self) { try t.book.resolve("nadie@example.com") }
        #expect(try t.book.people(PersonFilter(text: "BELTRAN")).map(\.id) == [ana.id])
        #expect(try t.book.people(PersonFilter(text: "lumière")).count == 1)
    }
}

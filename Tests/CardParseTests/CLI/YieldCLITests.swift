import Foundation
import Testing

/// The yield of each event (`cardtool events`, `cardtool event`), on the season's book with
/// touches whose dates sit on and around every boundary. Every expected number is worked out by
/// hand in the comments from the fixtures and the touches below.
@Suite("event yield")
struct YieldCLITests {
    let book = BookCLITests()

    /// The season's three imports, then follow-ups and meetings, and the events' costs.
    func seasonWithTouches(_ f: BookCLITests.Folder) throws {
        _ = try book.season(f)
        let iñaki = try book.id(f, named: "Iñaki Etxeberria")
        let touches: [(String, String, String)] = [
            // Networking Madrid Tech, 2026-03-12: follow-up window 03-12 … 03-19.
            ("francisco.garcia@iberdata.example.es", "email", "2026-03-16"),    // within
            ("lucia@quintana-arquitectos.example.es", "call", "2026-03-17"),     // within
            ("sofia@fintechandina.example.co", "email", "2026-03-19"),           // day 7: within
            ("javier.ruiz@tecnosoluciones.example.es", "message", "2026-03-20"), // day 8: not
            // South Summit Madrid, 2026-06-05.
            ("marta.gil@farmalia.example.es", "email", "2026-06-08"),            // within
            ("diego.fernandez@logisur.example.es", "call", "2026-11-25"),        // long after; in the last 90 days
            // Later meetings (the last 90 days before 2026-11-30 start on 2026-09-01).
            ("francisco.garcia@iberdata.example.es", "meeting", "2026-09-10"),
            ("lucia@quintana-arquitectos.example.es", "call", "2026-10-02"),
            ("lucia@quintana-arquitectos.example.es", "meeting", "2026-11-20"),
            // DES Málaga, 2026-11-12.
            ("laura.perez@tecnosoluciones.example.es", "email", "2026-11-14"),
            (iñaki, "email", "2026-11-14"),
            ("laura.perez@tecnosoluciones.example.es", "call", "2026-11-24"),
        ]
        for (who, kind, date) in touches {
            #expect(try book.run(f, ["touch", who, "--kind", kind, "--date", date]).status == 0)
        }
        #expect(try book.run(f, ["event", "Networking Madrid Tech", "--note", "Afterwork, 40 people", "--cost", "30"]).stdout
                == "Networking Madrid Tech: note set, cost 30\n")
        #expect(try book.run(f, ["event", "South Summit", "--cost", "450"]).status == 0)
        #expect(try book.run(f, ["event", "2026-11-12", "--cost", "120"]).status == 0)
    }

    @Test("events: people, new, known, followed up, in touch, relationships and cost per relationship, best yield first")
    func table() throws {
        let f = try BookCLITests.Folder()
        try seasonWithTouches(f)
        let csv = try book.run(f, ["events", "--to", "csv", "--today", "2026-11-30"])
        #expect(csv.status == 0)
        // Networking Madrid Tech: 8 people, all new. Followed up: Francisco, Lucía, Sofía (Javier's
        // touch is on day 8) = 3. In touch since 09-01: Francisco, Lucía = 2. Relationships (touches
        // + events met at ≥ 3): Francisco 2+2, Lucía 3+2, Javier 1+2 (Sofía 1+1, the others 0+2 at
        // most) = 3; 30 / 3 = 10 per relationship; 3 per 8 people met.
        // DES Málaga: 6 people, 2 new (Laura, Iñaki), both followed up on 11-14, both in touch;
        // Laura 2+1 = 3 is a relationship, Iñaki 1+1 is not: 1; 120 per relationship; 1 per 6.
        // South Summit: 10 people, 5 new (Carla and Carlos are one person in this book, met first in
        // March): Marta followed up (06-08) = 1; Diego in touch (11-25) = 1; no one reaches 3
        // (Diego 1+1, Marta 1+1): 0, so no cost per relationship.
        #expect(csv.stdout == """
            name,date,records,people,new,known,followed_up,in_touch,relationships,note,cost,cost_per_relationship\r
            Networking Madrid Tech,2026-03-12,8,8,8,0,3,2,3,"Afterwork, 40 people",30,10\r
            DES Málaga,2026-11-12,6,6,2,4,2,2,1,,120,120\r
            South Summit Madrid,2026-06-05,10,10,5,5,1,1,0,,450,\r

            """)
        // The window and thresholds move the numbers: 14 days takes Javier in; two interactions
        // make Sofía, Marta, Diego, Iñaki and the ones met twice relationships.
        let wider = try book.run(f, ["events", "--to", "jsonl", "--today", "2026-11-30", "--within", "14d", "--min", "2", "--sort", "date"])
        let rows = wider.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(rows.map { $0["name"] as? String } == ["Networking Madrid Tech", "South Summit Madrid", "DES Málaga"])
        #expect(rows[0]["followedUp"] as? Int == 4)
        // Networking, min 2: each of the 8 was touched or met again (Sofía 1+1; Ana, Marc, Robert and
        // Carlos met at a second event): all 8; 30 / 8 = 3.75.
        #expect(rows[0]["relationships"] as? Int == 8)
        #expect(rows[0]["costPerRelationship"] as? Double == 3.75)
        #expect(rows[1]["relationships"] as? Int == 4) // Marta, Diego, Emma and Valentina (met again at DES Málaga); Andrés 1
        #expect(rows[2]["relationships"] as? Int == 2)
        // In touch counts from --today; --since leaves out older events.
        let later = try book.run(f, ["events", "--to", "jsonl", "--today", "2027-06-01", "--since", "2026-06-01"])
        let laterRows = later.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(laterRows.compactMap { $0["name"] as? String }.sorted() == ["DES Málaga", "South Summit Madrid"])
        #expect(laterRows.allSatisfy { $0["inTouch"] as? Int == 0 })
        #expect(try book.run(f, ["events", "--within", "soon"]).status == 64)
    }

    @Test("event EVENT: whom you followed up, whom not yet, and whom you knew from where; the note and cost undo")
    func oneEvent() throws {
        let f = try BookCLITests.Folder()
        try seasonWithTouches(f)
        let shown = try book.run(f, ["event", "South Summit Madrid", "--to", "table"]).stdout
        #expect(shown.hasPrefix("South Summit Madrid, 2026-06-05\n  cost: 450\n"))
        #expect(shown.contains("10 people: 5 new, 5 already known; 1 of the new followed up within 7 days; 0 relationships"))
        let lines = shown.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("yes ") && $0.contains("Marta Gil Ibáñez") && $0.contains("2026-06-08") })
        #expect(lines.contains { $0.hasPrefix("not yet ") && $0.contains("Diego Fernández Soto") })
        #expect(lines.contains { $0.contains("Francisco García López") && $0.hasSuffix("Networking Madrid Tech, 2026-03-12") })
        let jsonl = try book.run(f, ["event", "DES Málaga", "--to", "jsonl"]).stdout
        #expect(jsonl.split(separator: "\n").count == 6)
        #expect(jsonl.contains(#""name":"Laura Pérez Gómez","new":true,"interactions":3,"followedUpOn":"2026-11-14""#))
        #expect(try book.run(f, ["event", "Madrid"]).stderr.contains("names 2 events"))
        #expect(try book.run(f, ["event", "Nowhere"]).status == 1)
        #expect(try book.run(f, ["event", "DES Málaga", "--cost", "1e19"]).status == 64)
        #expect(try book.run(f, ["undo"]).stdout.contains("DES Málaga: cost 120"))
        let after = try book.run(f, ["events", "--to", "csv", "--today", "2026-11-30"]).stdout
        #expect(after.contains("DES Málaga,2026-11-12,6,6,2,4,2,2,1,,,\r\n"))
    }
}

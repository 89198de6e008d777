import Foundation
import GRDB
import Testing

/// Every event-book command, end to end through the built `cardtool`, on a temporary book.
@Suite("cardtool event book")
struct BookCLITests {
    let cli = CardToolCLITests()

    /// A temporary folder with a book path in it.
    final class Folder {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("cardtool-cli-book-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }
        var book: String { url.appendingPathComponent("book.sqlite").path }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    }

    func run(_ folder: Folder, _ arguments: [String]) throws -> CardToolCLITests.Run {
        try cli.run(arguments + ["--store", folder.book])
    }

    /// The season's three imports, as docs/event-book.md walks through them.
    func season(_ f: Folder) throws -> [CardToolCLITests.Run] {
        [
            try run(f, ["import", "book/networking-madrid-tech.vcf", "--event", "Networking Madrid Tech", "--date", "2026-03-12"]),
            try run(f, ["import", "book/south-summit-badges.csv", "--event", "South Summit Madrid", "--date", "2026-06-05"]),
            try run(f, ["import", "book/des-malaga-connections.csv", "--event", "DES Málaga", "--date", "2026-11-12", "--explain"]),
        ]
    }

    /// Person records from `list --to jsonl`.
    func people(_ f: Folder, _ extra: [String] = []) throws -> [[String: Any]] {
        let r = try run(f, ["list", "--to", "jsonl"] + extra)
        #expect(r.status == 0)
        return r.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    func id(_ f: Folder, named name: String) throws -> String {
        try #require(try people(f).first { ($0["fullName"] as? String) == name }?["id"] as? String)
    }

    @Test("import prints what happened; a second import of the same file changes nothing")
    func importing() throws {
        let f = try Folder()
        let runs = try season(f)
        #expect(runs.map(\.status) == [0, 0, 0])
        #expect(runs[0].stdout == "8 records: 8 new people, 0 merged into existing people, 0 for review\n")
        #expect(runs[1].stdout.hasPrefix("10 records: 5 new people, 5 merged into existing people, "))
        #expect(runs[2].stderr.contains("read 6 records from 1 file"))
        #expect(runs[2].stdout.contains("model: "))
        let again = try run(f, ["import", "book/networking-madrid-tech.vcf", "--event", "Networking Madrid Tech", "--date", "2026-03-12"])
        #expect(again.stdout == "8 records: all already in the book; nothing changed\n")
        #expect(try run(f, ["history"]).stdout.split(separator: "\n").count == 3)
    }

    @Test("list, show, search, events and history")
    func reading() throws {
        let f = try Folder()
        _ = try season(f)
        let all = try people(f)
        #expect(all.count == 15)
        let paco = try #require(all.first { ($0["fullName"] as? String) == "Francisco García López" })
        #expect((paco["id"] as? String)?.hasPrefix("p") == true)
        #expect((paco["events"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["Networking Madrid Tech", "South Summit Madrid"])
        #expect((paco["lastInteraction"] as? [String: Any])?["kind"] as? String == "met")
        #expect((paco["sources"] as? [[String: Any]])?.count == 2)
        #expect(paco["tags"] as? [String] == [])
        #expect(try people(f, ["--event", "des malaga"]).count == 6)
        let table = try run(f, ["list", "--to", "table"])
        #expect(table.stdout.hasPrefix("ID"))
        #expect(table.stdout.contains("Francisco García López"))
        // JSON Lines are written as they are read, the table from the whole list: the same order.
        let tableIDs = table.stdout.split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(tableIDs == all.compactMap { $0["id"] as? String })
        let unknown = try run(f, ["list", "--event", "nowhere", "--to", "jsonl", "-o", f.path("out.jsonl")])
        #expect(unknown.status == 1 && unknown.stderr.contains("no event named 'nowhere'"))
        #expect(!FileManager.default.fileExists(atPath: f.path("out.jsonl")), "no half-written listing")
        let id = paco["id"] as! String
        let show = try run(f, ["show", "francisco.garcia@iberdata.example.es", "--to", "table"])
        #expect(show.status == 0)
        #expect(show.stdout.hasPrefix("\(id)  Francisco García López\n"))
        #expect(show.stdout.contains("  records:\n"))
        #expect(try run(f, ["show", "+34 612 34 56 78", "--to", "jsonl"]).stdout.hasPrefix("{\"id\":\"\(id)\""))
        let search = try run(f, ["search", "GARCIA", "--to", "jsonl"])
        #expect(search.stdout.split(separator: "\n").count == 1)
        let events = try run(f, ["events", "--to", "csv"])
        // No touches yet: no yield anywhere, so the events come in date order.
        #expect(events.stdout == "name,date,records,people,new,known,followed_up,in_touch,relationships,note,cost,cost_per_relationship\r\n"
                + "Networking Madrid Tech,2026-03-12,8,8,8,0,0,0,0,,,\r\nSouth Summit Madrid,2026-06-05,10,10,5,5,0,0,0,,,\r\n"
                + "DES Málaga,2026-11-12,6,6,2,4,0,0,0,,,\r\n")
        let nobody = try run(f, ["show", "nadie@example.com"])
        #expect(nobody.status == 1)
        #expect(nobody.stderr.contains("no one in the book is 'nadie@example.com'"))
    }

    @Test("split, link, edit, tag, cadence, touch, followup, reconnect and undo")
    func corrections() throws {
        let f = try Folder()
        _ = try season(f)
        let carlos = try id(f, named: "Carlos Ruiz Vega")
        let shown = try run(f, ["show", carlos, "--to", "table"]).stdout
        let carlaRecord = try #require(shown.split(separator: "\n").first { $0.contains("south-summit-badges.csv") }?
            .split(separator: " ").first.map(String.init))
        let split = try run(f, ["split", carlos, carlaRecord])
        #expect(split.status == 0)
        #expect(try people(f).count == 16)
        let lucia = try id(f, named: "Lucía Quintana Rey")
        #expect(try run(f, ["edit", lucia, "--set", "title=Socia fundadora"]).stdout == "edited \(lucia): set title\n")
        #expect(try run(f, ["show", lucia, "--to", "jsonl"]).stdout.contains("\"title\":\"Socia fundadora\""))
        #expect(try run(f, ["tag", lucia, "architecture", "madrid"]).status == 0)
        #expect(try people(f, ["--tag", "madrid"]).count == 1)
        #expect(try run(f, ["cadence", "--tag", "madrid", "1m"]).stdout == "rhythm for tag madrid: every 30 days\n")
        #expect(try run(f, ["cadence", lucia]).status == 64)
        let touch = try run(f, ["touch", "lquintana@estudioarquia.example.es", "--note", "Café en Atocha", "--kind", "meeting", "--date", "2026-07-01"])
        #expect(touch.stdout == "meeting with \(lucia) on 2026-07-01\n")
        let follow = try run(f, ["followup", "--event", "South Summit Madrid", "--to", "jsonl"])
        #expect(follow.stdout.split(separator: "\n").count == 6, "5 first met there, and Carla since the split")
        let reconnect = try run(f, ["reconnect", "--to", "jsonl"])
        #expect(reconnect.stdout.contains("\"fullName\":\"Sofía Herrera\""))
        #expect(reconnect.stdout.contains("\"fullName\":\"Lucía Quintana Rey\""), "a monthly rhythm, last seen in July")
        let history = try run(f, ["history"]).stdout
        #expect(history.split(separator: "\n").count == 8)
        let undo = try run(f, ["undo"])
        #expect(undo.stdout.hasPrefix("undid ") && undo.stdout.contains("meeting with \(lucia)"))
        let sofia = try id(f, named: "Sofía Herrera"), marta = try id(f, named: "Marta Gil Ibáñez")
        #expect(try run(f, ["link", sofia, marta]).status == 0)
        #expect(try people(f).count == 15)
        #expect(try run(f, ["undo", "--import", "2"]).stdout.hasPrefix("removed import #2"))
        #expect(try run(f, ["undo", "--import", "42"]).status == 1)
        #expect(try run(f, ["edit", lucia]).status == 64)
        #expect(try run(f, ["edit", lucia, "--set", "birthday=el martes"]).status == 1)
        for usage in [["reconnect", "--limit", "0"], ["cadence", "--tag", "x", "--default", "3m"], ["cadence", lucia, "3 meses"],
                      ["export", "--changed-since-last"], ["export", "--clusters", f.path("c.csv"), "--to", "jsonl"], ["history", "--limit", "-1"]] {
            #expect(try run(f, usage).status == 64, "\(usage)")
        }
    }

    @Test("undo takes back only one's own newest change on a shared book; --anyone takes back a teammate's")
    func undoWhose() throws {
        let f = try Folder()
        #expect(try run(f, ["import", "book/networking-madrid-tech.vcf", "--event", "Networking Madrid Tech", "--as", "ana"]).status == 0)
        #expect(try run(f, ["touch", "lquintana@estudioarquia.example.es", "--note", "Café", "--date", "2026-07-01", "--as", "bruno"]).status == 0)
        // Ana's undo would throw away Bruno's touch: refused, in one line, the book unchanged.
        let refused = try run(f, ["undo", "--as", "ana"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("was made by bruno, not ana") && refused.stderr.contains("cardtool undo --anyone"))
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(try run(f, ["history"]).stdout.split(separator: "\n").count == 2)
        #expect(try run(f, ["undo", "--as", "bruno"]).stdout.contains("undid 2"))
        // Now the newest is Ana's import: Bruno takes it back only when he says so.
        #expect(try run(f, ["undo", "--as", "bruno"]).status == 1)
        #expect(try run(f, ["undo", "--as", "bruno", "--anyone"]).stdout.contains("undid 1"))
        #expect(try people(f).isEmpty)
    }

    @Test("a register's DNI/NIE column: compared on import without --map, kept as a column by the book's CSV lists and exports")
    func identityColumn() throws {
        let f = try Folder()
        let imported = try run(f, ["import", "csv/padron_es_cp1252_semicolon.csv", "--event", "Padrón", "--explain"])
        #expect(imported.status == 0)
        #expect(imported.stderr.contains("'DNI/NIE' read as an identity document number"))
        #expect(imported.stdout.contains("11 records: 7 new people"))
        #expect(imported.stdout.contains("merged from probability"))
        for args in [["list", "--to", "csv"], ["export", "--to", "csv", "--crm", "hubspot", "-o", f.path("out.csv")]] {
            let r = try run(f, args)
            #expect(r.status == 0)
            let text = args.contains("-o") ? try String(contentsOfFile: f.path("out.csv"), encoding: .utf8) : r.stdout
            let rows = text.split(separator: "\r\n")
            #expect(rows.first?.hasSuffix(",DNI/NIE,cardtool ID") == true, "\(args)")
            #expect(rows.count == 8, "\(args)")
            #expect(rows.contains { $0.contains("Francisco") && $0.contains(",53709116-E,") }, "\(args)")
        }
    }

    @Test("export for a CRM, all then what changed; clusters; match against the CRM's export")
    func exporting() throws {
        let f = try Folder()
        _ = try season(f)
        let first = try run(f, ["export", "--to", "csv", "--crm", "hubspot", "-o", f.path("all.csv"), "--changed-since-last"])
        #expect(first.status == 0)
        let all = try String(contentsOfFile: f.path("all.csv"), encoding: .utf8)
        #expect(all.hasPrefix("First Name,Last Name,Email,Phone Number,"))
        #expect(all.split(separator: "\r\n").first?.hasSuffix(",cardtool ID") == true)
        #expect(all.split(separator: "\r\n").count == 16)
        let lucia = try id(f, named: "Lucía Quintana Rey")
        _ = try run(f, ["touch", lucia, "--note", "Llamada", "--kind", "call"])
        _ = try run(f, ["export", "--to", "csv", "--crm", "hubspot", "-o", f.path("changed.csv"), "--changed-since-last"])
        let changed = try String(contentsOfFile: f.path("changed.csv"), encoding: .utf8).split(separator: "\r\n")
        #expect(changed.count == 2)
        #expect(changed.last?.hasSuffix(",\(lucia)") == true)
        let clusters = try run(f, ["export", "--clusters", f.path("clusters.csv")])
        #expect(clusters.status == 0)
        #expect(try String(contentsOfFile: f.path("clusters.csv"), encoding: .utf8).split(separator: "\r\n").count == 25)
        let match = try run(f, ["match", "book/hubspot-export.csv", "-o", f.path("sync"), "--crm", "hubspot"])
        #expect(match.status == 0)
        #expect(match.stdout.hasPrefix("13 new (new.csv), 2 to update (updates.csv), 0 unchanged, 1 only in the CRM"))
        let updates = try String(contentsOfFile: f.path("sync/updates.csv"), encoding: .utf8)
        #expect(updates.hasPrefix("crm_id,cardtool_id,field,crm_value,book_value\r\n"))
        #expect(updates.contains("20452,"))
    }

    @Test("a second import waits for the first and both land; one import is one transaction")
    func concurrentImports() throws {
        let f = try Folder()
        let a = Process(), b = Process()
        for (p, args) in [(a, ["import", "book/networking-madrid-tech.vcf", "--event", "Networking Madrid Tech", "--date", "2026-03-12"]),
                          (b, ["import", "book/south-summit-badges.csv", "--event", "South Summit Madrid", "--date", "2026-06-05"])] {
            p.executableURL = CardToolCLITests.binary
            p.arguments = args + ["--store", f.book, "--quiet"]
            p.currentDirectoryURL = Fixtures.root
            p.standardOutput = FileHandle.nullDevice
        }
        let errA = Pipe(), errB = Pipe()
        a.standardError = errA
        b.standardError = errB
        try a.run(); try b.run()
        let textA = String(decoding: errA.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let textB = String(decoding: errB.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        a.waitUntilExit(); b.waitUntilExit()
        #expect(a.terminationStatus == 0 && b.terminationStatus == 0, "\(textA)\n\(textB)")
        // The same people as one import after the other, whichever ran first.
        let list = try people(f)
        #expect(list.count == 13)
        #expect(try run(f, ["history"]).stdout.split(separator: "\n").count == 2)
    }

    @Test("kill -9 during a large import leaves the book as it was before it, or after it")
    func killedImport() throws {
        let f = try Folder()
        // 20,000 badge rows, 5,000 people met four times: long enough to be killed mid-way.
        var csv = "rec_id,given_name,family_name,email,phone,company\n"
        let given = ["Ana", "Luis", "Marta", "Jorge", "Lucía", "Pablo", "Elena", "Raúl"]
        let family = ["García", "Martín", "López", "Sánchez", "Pérez", "Gómez", "Ruiz", "Díaz", "Moreno", "Álvarez"]
        for i in 0..<20_000 {
            let p = i % 5_000
            csv += "B\(i),\(given[p % 8]),\(family[p / 8 % 10]) \(family[p / 80 % 10]),user\(p)@example.es,6\(String(format: "%08d", p)),Empresa \(p % 300)\n"
        }
        try csv.write(toFile: f.path("big.csv"), atomically: false, encoding: .utf8)
        _ = try run(f, ["import", "book/networking-madrid-tech.vcf", "--event", "Networking Madrid Tech", "--date", "2026-03-12"])
        var outcomes = Set<Int>()
        for delay in [0.4, 1.2, 2.5, 4.0] {
            let p = Process()
            p.executableURL = CardToolCLITests.binary
            p.arguments = ["import", f.path("big.csv"), "--event", "Feria", "--store", f.book, "--quiet"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let queue = try DatabaseQueue(path: f.book)
            let (check, records, people, imports) = try queue.read { db in
                (try String.fetchOne(db, sql: "PRAGMA integrity_check"), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record")!,
                 try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person")!, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM import")!)
            }
            #expect(check == "ok")
            #expect((records, people, imports) == (8, 8, 1) || (records == 20_008 && imports == 2 && people > 5_000))
            outcomes.insert(records)
            if records > 8 { break }
        }
        #expect(outcomes.contains(8), "at least one kill came before the import committed")
        #expect(try run(f, ["list", "--to", "jsonl"]).status == 0)
    }
}

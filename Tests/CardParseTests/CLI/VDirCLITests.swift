import Foundation
import Testing

/// `export --to vdir FOLDER` and reading such a folder back (`import FOLDER`, `parse FOLDER`).
@Suite("vdir folders")
struct VDirCLITests {
    let book = BookCLITests()

    func files(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    @Test("one card per person named by its UID; unchanged people keep their files, merged-away people lose theirs, other files stay")
    func export() throws {
        let f = try BookCLITests.Folder()
        _ = try book.season(f)
        let people = try book.people(f)
        let folder = f.path("contacts")
        let first = try book.run(f, ["export", "--to", "vdir", "-o", folder])
        #expect(first.status == 0)
        #expect(first.stderr.contains("\(people.count) people in \(folder): \(people.count) added, 0 updated, 0 unchanged, 0 removed"))
        let names = try files(folder)
        #expect(names.count == people.count)
        for name in names {
            let card = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            let uid = String(name.dropLast(4))
            #expect(card.hasPrefix("BEGIN:VCARD\r\nVERSION:3.0\r\n") || card.hasPrefix("BEGIN:VCARD\nVERSION:3.0\n"))
            #expect(card.contains("UID:\(uid)"), "\(name)")
            #expect(card.contains("X-CARDTOOL-ID:\(uid.dropFirst("cardtool-".count))"))
        }
        let sofia = try book.id(f, named: "Sofía Herrera")
        let sofiaFile = folder + "/cardtool-\(sofia).vcf"
        #expect(try String(contentsOfFile: sofiaFile, encoding: .utf8).contains("FN:Sofía Herrera"))
        let stamp = try FileManager.default.attributesOfItem(atPath: sofiaFile)[.modificationDate] as? Date

        // Again, nothing changed: no file is rewritten (a sync tool sees no change).
        usleep(20_000)
        let second = try book.run(f, ["export", "--to", "vdir", "-o", folder])
        #expect(second.stderr.contains("0 added, 0 updated, \(people.count) unchanged, 0 removed"))
        #expect(try FileManager.default.attributesOfItem(atPath: sofiaFile)[.modificationDate] as? Date == stamp)

        // Two people linked: the one kept is updated, the other's card goes; a file of the user's stays.
        try "BEGIN:VCARD\nVERSION:3.0\nFN:Mine\nEND:VCARD\n".write(toFile: folder + "/mine.vcf", atomically: false, encoding: .utf8)
        let ids = people.compactMap { $0["id"] as? String }.filter { $0 != sofia }
        let linked = try book.run(f, ["link", sofia, ids[0]])
        #expect(linked.status == 0)
        let third = try book.run(f, ["export", "--to", "vdir", "-o", folder])
        #expect(third.stderr.contains("0 added, 1 updated, \(people.count - 2) unchanged, 1 removed"), "\(third.stderr)")
        #expect(try files(folder).count == people.count)
        #expect(FileManager.default.fileExists(atPath: folder + "/mine.vcf"))
    }

    @Test("import FOLDER reads every card in it: a book exported as a vdir comes back as the same people")
    func importFolder() throws {
        let f = try BookCLITests.Folder()
        _ = try book.season(f)
        let names = Set(try book.people(f).compactMap { $0["fullName"] as? String })
        let folder = f.path("contacts")
        #expect(try book.run(f, ["export", "--to", "vdir", "-o", folder]).status == 0)
        try "sync state".write(toFile: folder + "/.vdirsyncer-status", atomically: false, encoding: .utf8)

        let g = try BookCLITests.Folder()
        let imported = try book.run(g, ["import", folder, "--event", "Phone address book"])
        #expect(imported.status == 0)
        #expect(imported.stderr.contains("read \(names.count) records from \(names.count) files: \(names.count) ok"))
        #expect(Set(try book.people(g).compactMap { $0["fullName"] as? String }) == names)
        #expect(try book.run(f, ["list", "--to", "vdir", "-o", f.path("x")]).status == 64)
        #expect(try book.run(f, ["export", "--to", "vdir"]).status == 64)
        #expect(try book.run(f, ["export", "--to", "vdir", "-o", "-"]).status == 64)
        // An output inside an input folder would overwrite a card, or be read as one next time.
        let inside = try book.cli.run(["merge", folder, "-o", folder + "/people.vcf"])
        #expect(inside.status == 64 && inside.stderr.contains("is inside the input folder"))
        #expect(try book.cli.run(["parse", folder, "-o", folder + "/../contacts/x.jsonl"]).status == 64)

        // Read back into the same book and written again: each card names its person once.
        #expect(try book.run(f, ["import", folder, "--event", "Phone address book"]).status == 0)
        #expect(try book.run(f, ["export", "--to", "vdir", "-o", folder]).status == 0)
        for name in try files(folder) where name.hasPrefix("cardtool-") {
            let card = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            #expect(card.components(separatedBy: "X-CARDTOOL-ID:").count == 2, "\(name)")
        }
    }
}

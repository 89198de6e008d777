import Foundation
import Testing

/// The audit ledger, output safety and privacy, through the real `cardtool`.
@Suite("Ledger, outputs and privacy", ScratchFolder.ledger)
struct LedgerCLITests {
    let cli = CardToolCLITests()

    /// Every fixture the readers have, of every format.
    static var allFixtures: [String] {
        var out: [String] = []
        for folder in ["vcard", "vcard/ez-vcard", "csv", "html", "merge", "book"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.path(folder))) ?? []
            for name in names.sorted() where [".vcf", ".csv", ".html"].contains(where: name.hasSuffix) {
                out.append(folder + "/" + name)
            }
        }
        return out
    }

    static func temporary(_ name: String) -> String {
        ScratchFolder.ledger.url.appendingPathComponent(name).path
    }

    /// `read N records from F files: a ok, b with warnings[, c skipped], d rejected` as numbers.
    func account(_ stderr: String) throws -> (records: Int, ok: Int, warned: Int, skipped: Int, rejected: Int) {
        let line = try #require(stderr.split(separator: "\n").last { $0.hasPrefix("read ") })
        func number(before word: String) -> Int {
            guard let range = line.range(of: " " + word) else { return 0 }
            return Int(line[..<range.lowerBound].split(whereSeparator: { !$0.isNumber }).last ?? "0") ?? 0
        }
        let records = Int(line.split(separator: " ")[1]) ?? -1
        return (records, number(before: "ok"), number(before: "with warnings"), number(before: "skipped"), number(before: "rejected"))
    }

    /// The ledger's rows (header checked), split simply: sources and codes hold no commas.
    func ledger(_ path: String) throws -> [[String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines.removeFirst() == "source,record,outcome,person,reason")
        return lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test("merge --audit: every record of every fixture once, and the counts agree with the summary")
    func mergeLedgerBalances() throws {
        let path = Self.temporary("merge-ledger.csv")
        let r = try cli.run(["merge"] + Self.allFixtures + ["-o", "/dev/null", "--audit", path, "--quiet"])
        let rows = try ledger(path)
        let account = try account(r.stderr)
        #expect(rows.count == account.records)
        #expect(Set(rows.map { $0[0] + "#" + $0[1] }).count == rows.count)
        let count = { (o: String) in rows.filter { $0[2] == o }.count }
        #expect(count("contact") + count("merged") == account.ok + account.warned)
        #expect(count("skipped") == account.skipped)
        #expect(count("rejected") == account.rejected)
        #expect(count("contact") + count("merged") + count("skipped") + count("rejected") == rows.count)
        // The people line: "N records → M people".
        let people = try #require(r.stderr.split(separator: "\n").first { $0.contains(" → ") })
        let m = people.split(separator: "→")[1].split(separator: " ").first.flatMap { Int($0) }
        #expect(m == count("contact"))
        #expect(Set(rows.filter { $0[2] == "contact" }.map { $0[3] }).count == count("contact"))
        // Every file given appears, unreadable ones aside; skipped and rejected rows say why.
        #expect(rows.filter { ["skipped", "rejected"].contains($0[2]) }.allSatisfy { !$0[4].isEmpty })
        #expect(rows.contains { $0[0] == "vcard/malformed_recovery.vcf" && $0[2] == "skipped" && $0[4].contains("vcard.empty-card") })
    }

    @Test("import --audit: new people, records that joined them, and records the book already had")
    func importLedger() throws {
        let book = Self.temporary("audit-book.sqlite")
        try? FileManager.default.removeItem(atPath: book)
        let first = Self.temporary("import-1.csv"), second = Self.temporary("import-2.csv")
        let r1 = try cli.run(["import", "book/networking-madrid-tech.vcf", "--event", "Madrid", "--store", book, "--audit", first])
        #expect(r1.status == 0)
        let rows1 = try ledger(first)
        #expect(rows1.count == (try account(r1.stderr)).records)
        let newPeople = Int(r1.stdout.split(separator: ":")[1].split(separator: " ")[0]) ?? -1
        #expect(rows1.filter { $0[2] == "contact" }.count == newPeople)
        #expect(rows1.allSatisfy { $0[3].hasPrefix("p") })
        // The same file again: all already in the book, each with its person.
        let r2 = try cli.run(["import", "book/networking-madrid-tech.vcf", "--event", "Madrid", "--store", book, "--audit", second])
        let rows2 = try ledger(second)
        #expect(rows2.count == rows1.count)
        #expect(rows2.allSatisfy { $0[2] == "skipped" && $0[4] == "book.already-in-book" })
        #expect(rows2.map { $0[3] } == rows1.map { $0[3] })
        #expect(r2.stdout.contains("all already in the book"))
    }

    @Test("an output that is one of the inputs is refused before anything is read; outputs are replaced whole")
    func outputSafety() throws {
        let input = Self.temporary("cards.vcf")
        try? FileManager.default.removeItem(atPath: input)
        try FileManager.default.copyItem(atPath: Fixtures.path("vcard/synthetic_es_mixed_versions.vcf"), toPath: input)
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        for args in [["parse", input, "-o", input], ["merge", input, "-o", "/dev/null", "--audit", input],
                     ["dedupe", input, "--clusters", input]] {
            let r = try cli.run(args)
            #expect(r.status == 64)
            #expect(r.stderr.contains("is also the input"))
        }
        // Through another path to the same file.
        let link = Self.temporary("link.vcf")
        try? FileManager.default.removeItem(atPath: link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: input)
        #expect(try cli.run(["parse", input, "-o", link]).status == 64)
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
        // Two outputs that are one file.
        #expect(try cli.run(["dedupe", input, "--clusters", Self.temporary("x.csv"), "--pairs", Self.temporary("x.csv")]).status == 64)
        // /dev/null may take every output at once.
        #expect(try cli.run(["merge", input, "-o", "/dev/null", "--audit", "/dev/null", "--quiet"]).status == 0)
        // A file with another hard link is written in place: both names see the new content.
        let linked = Self.temporary("linked.jsonl"), other = Self.temporary("other-name.jsonl")
        for p in [linked, other] { try? FileManager.default.removeItem(atPath: p) }
        FileManager.default.createFile(atPath: linked, contents: Data("old\n".utf8))
        try FileManager.default.linkItem(atPath: linked, toPath: other)
        #expect(try cli.run(["parse", input, "-o", linked]).status == 0)
        #expect(try String(contentsOfFile: other, encoding: .utf8).hasPrefix("{\"fullName\""))
        // A replaced output keeps its mode and no temporary file is left beside it.
        let out = Self.temporary("out.jsonl")
        FileManager.default.createFile(atPath: out, contents: Data("old\n".utf8), attributes: [.posixPermissions: 0o600])
        #expect(try cli.run(["parse", input, "-o", out]).status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("{\"fullName\":\"María José García Fernández\""))
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (out as NSString).deletingLastPathComponent)
            .filter { $0.hasPrefix(".out.jsonl.cardtool-") }   // the folder is shared with tests running beside this one
        #expect(leftovers.isEmpty)
    }

    @Test("diagnostics never show contact data without --verbose")
    func privacy() throws {
        let r = try cli.run(["parse"] + Self.allFixtures)
        // E-mail addresses and phone numbers of every record read.
        var secrets = Set<String>()
        for line in r.stdout.split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            for key in ["emails", "phones"] {
                for value in (object[key] as? [[String: Any]]) ?? [] {
                    if let v = value["value"] as? String, v.count >= 6 { secrets.insert(v) }
                }
            }
            if let name = object["fullName"] as? String, name.count >= 6 { secrets.insert(name) }
        }
        #expect(secrets.count > 50)
        let leaked = secrets.filter { r.stderr.contains($0) }
        #expect(leaked.isEmpty, "contact data in diagnostics: \(leaked.prefix(5))")
        // With --verbose the details are there.
        let verbose = try cli.run(["parse", "vcard/malformed_recovery.vcf", "--verbose"])
        #expect(verbose.stderr.contains("esto no es una propiedad"))
        let quiet = try cli.run(["parse", "vcard/malformed_recovery.vcf"])
        #expect(!quiet.stderr.contains("esto no es una propiedad"))
    }

    @Test("a run interrupted (SIGTERM; SIGINT and SIGHUP alike) leaves the previous output and no temporary file")
    func interruptedRun() throws {
        let input = Self.temporary("many.csv")
        var text = "First Name,Last Name,E-mail Address,Mobile Phone\n"
        for i in 0..<60_000 { text += "Ana\(i),Ruiz\(i % 97),ana\(i)@example.es,+34 6\(String(format: "%08d", i))\n" }
        try text.write(toFile: input, atomically: false, encoding: .utf8)
        let out = Self.temporary("interrupted.jsonl")
        try "previous\n".write(toFile: out, atomically: false, encoding: .utf8)
        let folder = (out as NSString).deletingLastPathComponent
        // Started with no signal blocked, as from a shell (a child of the test runner inherits
        // its thread's mask, which blocks them).
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execv(sys.argv[1], sys.argv[1:])",
                             CardToolCLITests.binary.path, "parse", input, "-o", out, "--quiet"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the temporary file, then interrupt.
        var waited = 0
        while waited < 2_000, (try FileManager.default.contentsOfDirectory(atPath: folder)).allSatisfy({ !$0.contains("interrupted.jsonl.cardtool-") }) {
            usleep(5_000)
            waited += 1
        }
        usleep(50_000)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "previous\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains("interrupted.jsonl.cardtool-") }.isEmpty)
    }
}

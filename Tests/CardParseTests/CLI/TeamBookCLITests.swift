import Foundation
import Testing

/// A team's book on PostgreSQL, through the built `cardtool`, on the cluster `make test` starts
/// (`scripts/with-postgres.sh`); each test has a database of its own.
@Suite("cardtool team book on PostgreSQL", .enabled(if: TestPostgres.admin != nil, "needs the test cluster of make test"))
struct TeamBookCLITests {
    let cli = CardToolCLITests()

    /// A fresh database on the cluster, and a folder for the batches written.
    final class Book {
        let address: String
        let folder: URL
        init() throws {
            address = try TestPostgres.createDatabase()
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("cardtool-team-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        deinit {
            try? FileManager.default.removeItem(at: folder)
            TestPostgres.dropDatabase(address.components(separatedBy: "?")[0])
        }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    }

    func run(_ book: Book, _ arguments: [String], environment: [String: String] = [:]) throws -> CardToolCLITests.Run {
        try cli.run(arguments + ["--store", book.address], environment: environment)
    }

    /// Four badge scans of one fair by four people of a team: 240 visitors, each scanned by two or
    /// three of them, written each scanner's way (capitals, accents dropped, national or
    /// international phones).
    static func batches(in book: Book) throws -> [String] {
        let given = ["Ana", "Luis", "Marta", "Jorge", "Lucía", "Pablo", "Elena", "Raúl", "Carmen", "Javier"]
        let family = ["García", "Martín", "López", "Sánchez", "Pérez", "Gómez", "Ruiz", "Díaz", "Moreno", "Álvarez", "Romero", "Navarro"]
        func plain(_ s: String) -> String { s.folding(options: .diacriticInsensitive, locale: nil) }
        var files: [String] = []
        for batch in 0..<4 {
            var csv = "rec_id,given_name,family_name,email,phone,company\n"
            for p in 0..<240 where (p + batch) % 3 != 0 {
                let g = given[p % 10], f = family[p / 10 % 12] + " " + family[(p / 3 + 5) % 12]
                let number = String(format: "6%02d%06d", p % 100, 100_000 + p)
                let phone = batch == 0 ? number : batch == 1 ? "+34" + number : batch == 2 ? "0034 " + number : String(number.prefix(3)) + " " + number.dropFirst(3)
                let name = batch == 1 ? (g, f.uppercased()) : batch == 2 ? (plain(g), plain(f)) : (g, f)
                let email = batch == 3 ? "visitor\(p)@EXAMPLE.es" : "visitor\(p)@example.es"
                csv += "S\(batch)-\(p),\(name.0),\(name.1),\(email),\(phone),Empresa \(p % 37)\n"
            }
            let file = book.path("scanner-\(batch + 1).csv")
            try csv.write(toFile: file, atomically: false, encoding: .utf8)
            files.append(file)
        }
        return files
    }

    /// Who is with whom: each person's records as `file:number`, sorted.
    func grouping(_ book: Book) throws -> Set<[String]> {
        let r = try run(book, ["list", "--to", "jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
        return Set(r.stdout.split(separator: "\n").compactMap { line -> [String]? in
            guard let person = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let sources = person["sources"] as? [[String: Any]] else { return nil }
            return sources.map { "\((($0["file"] as? String) ?? "") as NSString).lastPathComponent):\($0["number"] ?? "")" }.sorted()
        })
    }

    @Test("four cardtools importing overlapping scans at once end with the people of the same imports one after another")
    func concurrentImports() throws {
        let book = try Book()
        let files = try Self.batches(in: book)
        let processes = files.map { file -> Process in
            let p = Process()
            p.executableURL = CardToolCLITests.binary
            p.arguments = ["import", file, "--event", "Feria Madrid", "--date", "2026-11-12", "--store", book.address, "--quiet"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            return p
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0, 0, 0])
        let together = try grouping(book)
        #expect(together.map(\.count).reduce(0, +) == 640, "every record landed once")
        // The order the imports committed in, from the history (newest first).
        let history = try run(book, ["history"]).stdout.split(separator: "\n")
        let order = history.reversed().compactMap { line in files.first { line.contains(($0 as NSString).lastPathComponent) } }
        #expect(order.count == 4)
        let sequential = try Book()
        for file in order {
            #expect(try run(sequential, ["import", file, "--event", "Feria Madrid", "--date", "2026-11-12", "--quiet"]).status == 0)
        }
        #expect(try grouping(sequential) == together)
        #expect(together.count <= 245, "240 visitors; at most a handful left apart")
    }

    @Test("the password comes from PGPASSWORD or ~/.pgpass, never from the address, and no message shows it")
    func passwords() throws {
        let book = try Book()
        let password = ProcessInfo.processInfo.environment["PGPASSWORD"] ?? ""
        let withPassword = book.address.replacingOccurrences(of: "cardtool@", with: "cardtool:\(password)@")
        let refused = try cli.run(["list", "--store", withPassword])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("PGPASSWORD or ~/.pgpass"))
        #expect(!refused.stderr.contains(password))
        // A wrong password: refused by the server, said without the password or a driver's dump.
        let wrong = try cli.run(["list", "--store", book.address], environment: ["PGPASSWORD": "not-the-password"])
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("cannot connect to postgres://cardtool@127.0.0.1"))
        #expect(!wrong.stderr.contains("not-the-password") && !wrong.stderr.contains("PSQLError"))
        // The password file, as psql reads it.
        #expect(try run(book, ["import", "book/networking-madrid-tech.vcf", "--event", "Networking Madrid Tech", "--date", "2026-03-12"]).status == 0)
        let pgpass = book.path("pgpass")
        try "# team book\n127.0.0.1:*:*:cardtool:\(password.replacingOccurrences(of: ":", with: "\\:"))\n".write(toFile: pgpass, atomically: false, encoding: .utf8)
        let fromFile = try cli.run(["list", "--store", book.address], environment: ["PGPASSWORD": "", "PGPASSFILE": pgpass])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(fromFile.stdout.split(separator: "\n").count == 8)
    }

    @Test("a read-only database user lists, shows and exports; a change is refused in one clear line")
    func readOnlyRole() throws {
        let book = try Book()
        #expect(try run(book, ["import", "book/networking-madrid-tech.vcf", "--event", "Networking Madrid Tech", "--date", "2026-03-12"]).status == 0)
        let database = String(book.address.components(separatedBy: "?")[0].split(separator: "/").last!)
        let role = "reader_" + database.suffix(8)
        try TestPostgres.psql("CREATE ROLE \(role) LOGIN PASSWORD 'reader-secret'")
        try TestPostgres.psql("GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(role)", database: database)
        defer { _ = try? TestPostgres.psql("DROP OWNED BY \(role); DROP ROLE \(role)", database: database) }
        let reader = book.address.replacingOccurrences(of: "cardtool@", with: "\(role)@")
        let env = ["PGPASSWORD": "reader-secret"]
        let list = try cli.run(["list", "--store", reader], environment: env)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.split(separator: "\n").count >= 8)
        let export = try cli.run(["export", "--to", "csv", "--crm", "hubspot", "--store", reader], environment: env)
        #expect(export.status == 0, "\(export.stderr)")
        let touch = try cli.run(["touch", "p1", "--kind", "call", "--store", reader], environment: env)
        #expect(touch.status != 0)
        #expect(touch.stderr.contains("may read the book but not change it"), "\(touch.stderr)")
        #expect(touch.stderr.split(separator: "\n").count == 1, "\(touch.stderr)")
    }

    @Test("who met whom: each import and touch keeps who made it; show, reconnect --mine and history --who use it")
    func whoMetWhom() throws {
        let book = try Book()
        #expect(try run(book, ["import", "book/networking-madrid-tech.vcf", "--event", "Networking Madrid Tech", "--date", "2026-03-12", "--as", "ana"]).status == 0)
        #expect(try run(book, ["import", "book/south-summit-badges.csv", "--event", "South Summit Madrid", "--date", "2026-06-05", "--as", "luis"]).status == 0)
        // Paco (Francisco García López) was met by both: Ana in March, Luis in June.
        let paco = try run(book, ["show", "paco@iberdata.example.es", "--to", "jsonl"])
        #expect(paco.status == 0, "\(paco.stderr)")
        #expect(paco.stdout.contains(#""event":"Networking Madrid Tech","date":"2026-03-12","by":"ana""#), "\(paco.stdout)")
        #expect(paco.stdout.contains(#""event":"South Summit Madrid","date":"2026-06-05","by":"luis""#))
        let id = try #require(paco.stdout.firstMatch(of: /"id":"(p[0-9a-z]+)"/)?.1).description
        #expect(try run(book, ["touch", id, "--kind", "call", "--date", "2026-09-01", "--note", "Pilot in Q4", "--as", "ana"]).status == 0)
        let page = try run(book, ["show", id, "--to", "table"]).stdout
        #expect(page.contains("team          ana: Networking Madrid Tech, 2026-03-12 · last 2026-09-01 call"), "\(page)")
        #expect(page.contains("team          luis: South Summit Madrid, 2026-06-05 · last 2026-06-05 met"), "\(page)")
        #expect(page.contains("touch         2026-09-01 call: Pilot in Q4 (ana)"))
        // Ana's own people: the eight she met, not the five only Luis met.
        let mine = try run(book, ["reconnect", "--all", "--mine", "--as", "ana", "--to", "jsonl"])
        #expect(mine.stdout.split(separator: "\n").count == 8, "\(mine.stdout)")
        let his = try run(book, ["reconnect", "--all", "--mine", "--as", "luis", "--to", "jsonl"])
        #expect(his.stdout.split(separator: "\n").count == 10)
        #expect(try run(book, ["reconnect", "--all", "--to", "jsonl"]).stdout.split(separator: "\n").count == 13)
        let history = try run(book, ["history", "--who", "ana"]).stdout.split(separator: "\n")
        #expect(history.count == 2 && history.allSatisfy { $0.contains("  ana  ") })
        #expect(try run(book, ["history", "--who", "luis"]).stdout.split(separator: "\n").count == 1)
    }

    @Test("book copy moves the season's book from a SQLite file to PostgreSQL and back without loss")
    func copyBetweenBackends() throws {
        let book = try Book()
        let file = book.path("season.sqlite"), back = book.path("back.sqlite")
        for (f, e, d) in [("book/networking-madrid-tech.vcf", "Networking Madrid Tech", "2026-03-12"),
                          ("book/south-summit-badges.csv", "South Summit Madrid", "2026-06-05"),
                          ("book/des-malaga-connections.csv", "DES Málaga", "2026-11-12")] {
            #expect(try cli.run(["import", f, "--event", e, "--date", d, "--store", file]).status == 0)
        }
        let there = try cli.run(["book", "copy", file, book.address])
        #expect(there.status == 0, "\(there.stderr)")
        #expect(there.stdout.hasPrefix("copied 24 records, 15 people, 0 touches and 3 changes from \(file) to postgres://cardtool@127.0.0.1:"))
        #expect(!there.stdout.contains("sslmode"))
        let home = try cli.run(["book", "copy", book.address, back])
        #expect(home.status == 0, "\(home.stderr)")
        let lists = try [file, book.address, back].map { try cli.run(["list", "--to", "jsonl", "--store", $0]).stdout }
        #expect(lists[0].split(separator: "\n").count == 15)
        #expect(lists[1] == lists[0] && lists[2] == lists[0])
        let again = try cli.run(["book", "copy", file, book.address])
        #expect(again.status == 1 && again.stderr.contains("already holds a book"))
    }

    @Test("sslmode as libpq reads it: require encrypts, verify-full checks the certificate against sslrootcert and the host name")
    func tls() throws {
        let book = try Book()
        let ca = try #require(ProcessInfo.processInfo.environment["CARDTOOL_TEST_POSTGRES_CA"])
        let plain = book.address.components(separatedBy: "?")[0]
        let fixture = ["book/networking-madrid-tech.vcf", "--event", "Networking Madrid Tech", "--date", "2026-03-12"]
        let required = try cli.run(["import"] + fixture + ["--store", plain + "?sslmode=require"])
        #expect(required.status == 0, "\(required.stderr)")
        for host in ["127.0.0.1", "localhost"] {
            let address = plain.replacingOccurrences(of: "@127.0.0.1:", with: "@\(host):") + "?sslmode=verify-full&sslrootcert=" + ca
            let verified = try cli.run(["list", "--store", address])
            #expect(verified.status == 0, "\(host): \(verified.stderr)")
            #expect(verified.stdout.split(separator: "\n").count == 8)
        }
        // The server's own certificate is not among the system's roots: verify-full refuses it.
        let untrusted = try cli.run(["list", "--store", plain + "?sslmode=verify-full"])
        #expect(untrusted.status == 1)
        #expect(untrusted.stderr.hasPrefix("cardtool: error: cannot connect to postgres://cardtool@127.0.0.1:"), "\(untrusted.stderr)")
    }
}

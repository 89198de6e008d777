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
            try csv.write(toFile: file, atomically: true, encoding: .utf8)
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
        try "# team book\n127.0.0.1:*:*:cardtool:\(password.replacingOccurrences(of: ":", with: "\\:"))\n".write(toFile: pgpass, atomically: true, encoding: .utf8)
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
}

#if canImport(Glibc)
import Glibc
#endif
import CardParse
import Foundation
import Synchronization

/// `cardbench team --file contacts.csv --postgres postgres://USER@HOST:PORT/postgres`: the team's
/// book on PostgreSQL against the SQLite book, from the books `cardbench store` built under
/// `.bench/store/` (copied into the cluster once with `EventBook.copy`, kept there as databases
/// `cardbench_book_N`).
///
/// 1. A 1,000-contact event (`--batch`) into a fresh copy (`CREATE DATABASE … TEMPLATE`) of the
///    book of `--book-records` records (default 1,000,000), best of `--runs`.
/// 2. Four importers (`--writers`) of 10,000 contacts each (`--writer-records`, the file's records
///    after the first `--initial`) into a copy of the 100,000-record book: one after another, then all at once (a thread and a
///    connection each, as four cardtool processes would have), on PostgreSQL and on SQLite;
///    `--writers 0` skips it.
///
/// Contacts are read and normalized before the clock starts, as `cardtool import` does before it
/// opens its transaction.
enum TeamBench {
    static func run(path: String?, admin: String?, initial: Int, bookRecords: Int, batch: Int, writers: Int, writerRecords: Int, runs: Int) throws {
        guard let path, let admin else {
            print("cardbench team needs --file CSV and --postgres ADDRESS (a cluster's postgres database; the password from PGPASSWORD)")
            exit(64)
        }
        let all = try StoreBench.read(path)
        print("input: \(all.count) contacts from \(path)")
        let tail = Array(all.suffix(max(0, all.count - bookRecords)))
        // 1. One event into the large book.
        let large = try ensure(records: bookRecords, admin: admin)
        var best = Double.infinity, line = ""
        for run in 0..<runs {
            let book = try copy(of: large, admin: admin)
            let slice = Array(tail[(run * batch % max(1, tail.count - batch + 1))...].prefix(batch))
            let start = now()
            let r = try book.book.importContacts(slice, options: ImportOptions(files: [path], event: MetEvent(name: "Bench \(run)")))
            best = min(best, now() - start)
            line = r.line
            book.drop()
        }
        print("\(batch) contacts into a PostgreSQL book of \(bookRecords): \(StoreBench.seconds(best)) s (best of \(runs)); \(line)")
        // 2. Writers at once and one after another, on both backends.
        guard writers > 0 else { return }
        let small = try ensure(records: initial, admin: admin)
        // The contacts after the small book's: people it partly knows already, as at a second fair.
        let rest = Array(all.dropFirst(initial))
        let batches = (0..<writers).map { w in Array(rest[min(rest.count, w * writerRecords)...].prefix(writerRecords)) }
        for backend in ["PostgreSQL", "SQLite"] {
            for together in [false, true] {
                let target: (open: () throws -> EventBook, drop: () -> Void)
                if backend == "PostgreSQL" {
                    let db = try copy(of: small, admin: admin)
                    target = ({ try EventBook(path: db.address) }, db.drop)
                } else {
                    let file = ".bench/store/team-copy.sqlite"
                    StoreBench.removeBook(file)
                    try FileManager.default.copyItem(atPath: ".bench/store/book-\(initial).sqlite", toPath: file)
                    sync()
                    target = ({ try EventBook(path: file) }, { StoreBench.removeBook(file) })
                }
                let books = try batches.map { _ in try target.open() }
                let start = now()
                if together {
                    let failures = Mutex<[String]>([])
                    let done = DispatchGroup()
                    for w in batches.indices {
                        done.enter()
                        DispatchQueue.global().async {
                            do {
                                _ = try books[w].importContacts(batches[w], options: ImportOptions(files: ["writer-\(w)"], event: MetEvent(name: "Writer \(w)")))
                            } catch {
                                failures.withLock { $0.append("\(error)") }
                            }
                            done.leave()
                        }
                    }
                    done.wait()
                    if let f = failures.withLock({ $0.first }) { print("  a writer failed: \(f)") }
                } else {
                    for w in batches.indices {
                        _ = try books[w].importContacts(batches[w], options: ImportOptions(files: ["writer-\(w)"], event: MetEvent(name: "Writer \(w)")))
                    }
                }
                let elapsed = now() - start
                let size = try books[0].size()
                print("\(writers) × \(writerRecords) contacts into a \(backend) book of \(initial), \(together ? "at once" : "one after another"): "
                      + "\(StoreBench.seconds(elapsed)) s; \(size.records) records, \(size.people) people")
                target.drop()
            }
        }
        print("peak RSS: \(String(format2: peakRSSMiB())) MiB")
    }

    /// The database `cardbench_book_N`, copied once from `.bench/store/book-N.sqlite`.
    static func ensure(records: Int, admin: String) throws -> String {
        let name = "cardbench_book_\(records)"
        let exists = try psql(admin, "SELECT 1 FROM pg_database WHERE datname = '\(name)'").contains("1")
        if !exists {
            let file = ".bench/store/book-\(records).sqlite"
            guard FileManager.default.fileExists(atPath: file) else {
                print("no \(file): run cardbench store --file CSV --initial \(records) first")
                exit(1)
            }
            try psql(admin, "DROP DATABASE IF EXISTS \(name)_building WITH (FORCE)")
            try psql(admin, "CREATE DATABASE \(name)_building")
            let start = now()
            let copy = try EventBook(path: file, create: false).copy(to: EventBook(path: address(admin, "\(name)_building")))
            try psql(admin, "ALTER DATABASE \(name)_building RENAME TO \(name)")
            print("  copied the SQLite book of \(records) into PostgreSQL (\(copy.rows("record")) records, \(copy.rows("person")) people): "
                  + "\(StoreBench.seconds(now() - start)) s")
        }
        return name
    }

    /// A fresh copy of a database, dropped afterwards.
    static func copy(of template: String, admin: String) throws -> (book: EventBook, address: String, drop: () -> Void) {
        try psql(admin, "DROP DATABASE IF EXISTS cardbench_copy WITH (FORCE)")
        try psql(admin, "CREATE DATABASE cardbench_copy TEMPLATE \(template)")
        let a = address(admin, "cardbench_copy")
        return (try EventBook(path: a), a, { _ = try? psql(admin, "DROP DATABASE IF EXISTS cardbench_copy WITH (FORCE)") })
    }

    static func address(_ admin: String, _ database: String) -> String {
        guard let slash = admin.range(of: "/", options: .backwards, range: admin.range(of: "://")!.upperBound..<admin.endIndex) else { return admin }
        let rest = admin[slash.upperBound...]
        let query = rest.firstIndex(of: "?").map { String(rest[$0...]) } ?? ""
        return String(admin[..<slash.upperBound]) + database + query
    }

    @discardableResult
    static func psql(_ admin: String, _ sql: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        p.arguments = ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", admin, "-c", sql]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw BookError(.database, "psql failed: \(sql)") }
        return String(decoding: data, as: UTF8.self)
    }
}

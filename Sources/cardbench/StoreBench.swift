#if canImport(Glibc)
import Glibc
#endif
import CardParse
import Foundation

/// `cardbench store --file contacts.csv [--book-records N] [--batch N]`: the event book's import.
///
/// 1. The first `--initial` records (default 100,000) into an empty book: one import.
/// 2. A book of `--book-records` records (default 1,000,000; built once from the file and kept
///    under `.bench/`), then batches of `--batch` records (default 1,000, and ten times that when
///    the file has them) taken from the file's end (people mostly already in the book), each into
///    a fresh copy of the first book and of the large one: the time should follow the batch, not
///    the book.
///
/// Times are the import alone (reading and normalizing the batch is outside the clock, as it is
/// the same with or without a book); peak RSS is the process's.
enum StoreBench {
    static func run(path: String?, initial: Int, bookRecords: Int, batch: Int, runs: Int) throws {
        guard let path else {
            print("cardbench store needs --file CSV (python3 ../shared/bench/gen_contacts.py 1001000 DIR writes DIR/contacts.csv)")
            exit(64)
        }
        let all = try read(path)
        print("input: \(all.count) contacts from \(path)")
        let work = ".bench/store"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        // 1. Into an empty book.
        let first = Array(all.prefix(initial))
        let emptyPath = work + "/book-\(initial).sqlite"
        var start = now()
        if initial > 0 {
            removeBook(emptyPath)
            let fresh = try EventBook(path: emptyPath)
            let report = try fresh.importContacts(first, options: ImportOptions(files: [path]))
            print("\(first.count) contacts into an empty book: \(seconds(now() - start)) s; \(report.line)")
        }
        // 2. Batches into a large book.
        let bookPath = work + "/book-\(bookRecords).sqlite"
        if !FileManager.default.fileExists(atPath: bookPath) {
            start = now()
            let book = try EventBook(path: bookPath + ".building")
            let base = Array(all.prefix(bookRecords))
            var done = 0
            while done < base.count {
                let chunk = Array(base[done..<min(base.count, done + 250_000)])
                _ = try book.importContacts(chunk, options: ImportOptions(files: [path]))
                done += chunk.count
                print("  building the book: \(done) records, \(seconds(now() - start)) s")
            }
            try FileManager.default.moveItem(atPath: bookPath + ".building", toPath: bookPath)
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: bookPath + ".building" + suffix) }
        }
        // The same batches into the small book and the large one: the time follows the batch.
        let tail = Array(all.suffix(max(0, all.count - bookRecords)))
        for (label, source, records) in [("\(initial)", emptyPath, initial), ("\(bookRecords)", bookPath, bookRecords)] where records > 0 {
            for size in [batch, batch * 10] where size <= tail.count {
                var best = Double.infinity
                var line = ""
                for run in 0..<runs {
                    let copy = work + "/copy.sqlite"
                    removeBook(copy)
                    try FileManager.default.copyItem(atPath: source, toPath: copy)
                    for suffix in ["-wal"] where FileManager.default.fileExists(atPath: source + suffix) {
                        try FileManager.default.copyItem(atPath: source + suffix, toPath: copy + suffix)
                    }
                    // The copy's gigabytes on their way to disk would otherwise slow the import's own writes.
                    sync()
                    let book = try EventBook(path: copy)
                    let slice = Array(tail[(run * size % max(1, tail.count - size + 1))...].prefix(size))
                    start = now()
                    let r = try book.importContacts(slice, options: ImportOptions(files: [path], event: MetEvent(name: "Bench \(run)")))
                    best = min(best, now() - start)
                    line = r.line + "; " + r.model
                    removeBook(copy)
                }
                print("\(size) contacts into a book of \(label): \(seconds(best)) s (best of \(runs)); \(line)")
            }
        }
        print("peak RSS: \(String(format2: peakRSSMiB())) MiB")
    }

    static func read(_ path: String) throws -> [Contact] {
        var out: [Contact] = []
        let importer = ContactImporter(normalizer: ContactNormalizer(region: "ES", computeKeys: false), threads: Parallel.defaultThreads)
        _ = try importer.run(paths: [path], contact: { out.append($0) }, diagnostic: { _ in })
        return out
    }

    static func removeBook(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    static func seconds(_ s: Double) -> String { String(format2: s) }
}

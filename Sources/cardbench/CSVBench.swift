#if canImport(Glibc)
import Glibc
#endif
import CardParse

/// `cardbench csv`: the byte-level CSV reader alone, the whole import to contacts, and the CSV
/// writer, on a generated Google-style file (1,000,000 rows by default).
enum CSVBench {
    static func run(rows: Int, runs: Int, path: String?) throws {
        let file = path ?? "/tmp/cardbench-csv-v\(CSVCorpus.generation)-\(rows).csv"
        let bytes = try CSVCorpus.ensure(rows: rows, at: file)
        print("input: \(file), \(rows) rows, \(String(Double(Int(Double(bytes) / 1_048_576 * 100)) / 100)) MiB")
        func report(_ label: String, _ body: () throws -> (Int, Int)) rethrows {
            var best = Double.infinity
            var result = (0, 0)
            for _ in 0..<runs {
                let start = now()
                result = try body()
                best = min(best, now() - start)
            }
            let mbps = Double(bytes) / 1_000_000 / best
            print("\(label): \(Double(Int(mbps * 10)) / 10) MB/s, \(Int(Double(result.0) / best)) rows/s (best of \(runs): \(Double(Int(best * 1000)) / 1000) s, \(result.0) rows\(result.1 > 0 ? ", \(result.1) bytes written" : ""))")
        }
        try report("read rows (ByteCSVReader)") {
            let input = try UnicodeInput(FileByteSource(path: file))
            var reader = try ByteCSVReader(input: input, dialect: .comma, file: file)
            var n = 0
            var fields = 0
            while let row = try reader.next() {
                n += 1
                fields += row.fields.count
            }
            return (n, 0)
        }
        try report("import contacts (CSVContactReader)") {
            var reader = try CSVContactReader(input: try UnicodeInput(FileByteSource(path: file)), file: file)
            var n = 0
            while let record = try reader.next() { if record.contact != nil { n += 1 } }
            return (n, 0)
        }
        try report("import + write Google CSV") {
            var reader = try CSVContactReader(input: try UnicodeInput(FileByteSource(path: file)), file: file)
            var export = ContactExport(format: .csv, options: .init(crm: .google))
            var written = export.start().count
            var diagnostics: [Diagnostic] = []
            var n = 0
            while let record = try reader.next() {
                if let contact = record.contact {
                    n += 1
                    written += export.bytes(for: contact, diagnostics: &diagnostics).count
                    diagnostics.removeAll(keepingCapacity: true)
                }
            }
            return (n, written)
        }
        print("peak RSS: \(Double(Int(peakRSSMiB() * 100)) / 100) MiB")
    }
}

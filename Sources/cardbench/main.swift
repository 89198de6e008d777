// cardbench: speed and memory of cardtool's readers, writers, normalization and deduplication,
// in a release build.
//
//   swift run -c release cardbench vcard [--cards N] [--runs R] [--file PATH] [--phones invalid]
//   swift run -c release cardbench dedupe --file contacts.csv [--runs R]
//   swift run -c release cardbench store --file contacts.csv [--initial N] [--book-records N] [--batch N] [--runs R]
//   swift run -c release cardbench team --file contacts.csv --postgres ADDRESS [--writers N] [--writer-records N] [--runs R]
//
// Generates a deterministic vCard 3.0 file (realistic Spanish/international cards, about ten
// properties each, some 2.1 quoted-printable cards, folded lines, a few photos), then times parsing
// alone and parsing plus writing vCard 3.0, and reports MB/s, cards/s and the peak resident memory.
#if canImport(Glibc)
import Glibc
#endif
import CardParse

func usage() -> Never {
    let text = "usage: cardbench vcard [--cards N] [--runs R] [--file PATH] [--only parse|write] [--block-kib K] [--phones invalid]\n       cardbench csv [--rows N] [--runs R] [--file PATH]\n       cardbench html [--megabytes N] [--runs R] [--file PATH]\n       cardbench normalize [--contacts N] [--runs R] [--file CSV]\n       cardbench dedupe --file CSV [--runs R]\n       cardbench store --file CSV [--initial N] [--book-records N] [--batch N] [--runs R]\n       cardbench team --file CSV --postgres ADDRESS [--initial N] [--book-records N] [--batch N] [--writers N] [--writer-records N] [--runs R]\n"
    _ = text.withCString { write(2, $0, strlen($0)) }
    exit(64)
}

var args = Array(CommandLine.arguments.dropFirst())
guard let mode = args.first, ["vcard", "csv", "html", "normalize", "dedupe", "store", "team"].contains(mode) else { usage() }
args.removeFirst()
var cards = mode == "csv" || mode == "normalize" ? 1_000_000 : mode == "html" ? 50 : 100_000
var runs = 3
var runsGiven = false
var path: String?
var only: String?
var invalidPhones = false
var blockSize = 256 << 10
var initial = 100_000, bookRecords = 1_000_000, batch = 1_000
var postgres: String?, writers = 4, writerRecords = 10_000
while !args.isEmpty {
    let flag = args.removeFirst()
    guard let value = args.first else { usage() }
    args.removeFirst()
    switch flag {
    case "--cards", "--rows", "--megabytes", "--contacts": guard let n = Int(value) else { usage() }; cards = n
    case "--runs": guard let n = Int(value), n > 0 else { usage() }; runs = n; runsGiven = true
    case "--file": path = value
    case "--only": only = value
    case "--phones": guard value == "invalid" || value == "valid" else { usage() }; invalidPhones = value == "invalid"
    case "--block-kib": guard let n = Int(value) else { usage() }; blockSize = n * 1024
    case "--initial": guard let n = Int(value) else { usage() }; initial = n
    case "--book-records": guard let n = Int(value) else { usage() }; bookRecords = n
    case "--batch": guard let n = Int(value) else { usage() }; batch = n
    case "--postgres": postgres = value
    case "--writers": guard let n = Int(value), n >= 0 else { usage() }; writers = n
    case "--writer-records": guard let n = Int(value), n > 0 else { usage() }; writerRecords = n
    default: usage()
    }
}

if mode == "csv" {
    try CSVBench.run(rows: cards, runs: runs, path: path)
    exit(0)
}
if mode == "normalize" {
    try NormalizeBench.run(count: cards, runs: runs, path: path)
    exit(0)
}
if mode == "dedupe" {
    try DedupeBench.run(runs: runsGiven ? runs : 1, path: path)
    exit(0)
}
if mode == "store" {
    try StoreBench.run(path: path, initial: initial, bookRecords: bookRecords, batch: batch, runs: runsGiven ? runs : 3)
    exit(0)
}
if mode == "team" {
    try TeamBench.run(path: path, admin: postgres, initial: initial, bookRecords: bookRecords, batch: batch, writers: writers,
                      writerRecords: writerRecords, runs: runsGiven ? runs : 3)
    exit(0)
}
if mode == "html" {
    try HTMLBench.run(megabytes: cards, runs: runs, path: path)
    exit(0)
}

// `--phones invalid`: the same cards with numbers mostly invalid for their country, for timing
// `cardtool parse` where libphonenumber cannot answer from a cache or a valid fast path.
let file = path ?? "/tmp/cardbench-vcard-v\(VCardCorpus.generation)-\(cards)\(invalidPhones ? "-invalid-phones" : "").vcf"
let bytes = try VCardCorpus.ensure(cards: cards, at: file, invalidPhones: invalidPhones)
print("input: \(file), \(cards) cards, \(String(format2: Double(bytes) / 1_048_576)) MiB")

nonisolated func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

nonisolated func peakRSSMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// Reads the whole file; with `write`, also renders every card as vCard 3.0 (output discarded).
@MainActor func pass(write: Bool, threads: Int) throws -> (seconds: Double, contacts: Int, written: Int) {
    let start = now()
    var reader: any ContactReader
    if threads == 1 {
        reader = VCardReader(input: try UnicodeInput(FileByteSource(path: file)), file: file)
    } else {
        reader = ParallelVCardReader(input: try UnicodeInput(FileByteSource(path: file)), file: file, blockSize: blockSize,
                                     threads: threads)
    }
    var writer = VCardWriter(version: .v3_0)
    var contacts = 0
    var written = 0
    while let record = try reader.next() {
        if let contact = record.contact {
            contacts += 1
            if write {
                writer.write(contact)
                if contacts % 256 == 0 { written += writer.takeOutput().count }
            }
        }
    }
    written += writer.takeOutput().count
    return (now() - start, contacts, written)
}

// Sequential (VCardReader) and parallel (ParallelVCardReader, what cardtool uses) reading.
let modes: [(String, Bool, Int)] = [
    ("parse, 1 thread", false, 1), ("parse, 2 threads", false, 2),
    ("parse+write vCard 3.0, 1 thread", true, 1), ("parse+write vCard 3.0, 2 threads", true, 2),
]
for (label, write, threads) in modes where only == nil || (only == "parse") != write {
    var best = Double.infinity
    var result = (seconds: 0.0, contacts: 0, written: 0)
    for _ in 0..<runs {
        result = try pass(write: write, threads: threads)
        best = min(best, result.seconds)
    }
    let mbps = Double(bytes) / 1_000_000 / best
    let cps = Double(result.contacts) / best
    print("\(label): \(String(format2: mbps)) MB/s, \(Int(cps)) cards/s (best of \(runs): \(String(format3: best)) s, \(result.contacts) cards\(write ? ", \(result.written) bytes written" : ""))")
}
print("peak RSS: \(String(format2: peakRSSMiB())) MiB")

extension String {
    init(format2 value: Double) { self = String(Double(Int(value * 100)) / 100) }
    init(format3 value: Double) { self = String(Double(Int(value * 1000)) / 1000) }
}

import Foundation
@testable import CardModel
@testable import CardFormats
@testable import CardNormalize
@testable import CardDedup
@testable import CardExport

/// Locates files under `Tests/Fixtures` from this source file's path (fixtures live outside the target).
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    /// Every vCard fixture, relative to `Tests/Fixtures`.
    static let csvs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("csv").path)) ?? []
        return names.filter { $0.hasSuffix(".csv") }.sorted().map { "csv/\($0)" }
    }()

    static let vcards: [String] = {
        let fm = FileManager.default
        var result: [String] = []
        for folder in ["vcard", "vcard/ez-vcard"] {
            let names = (try? fm.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
            result += names.filter { $0.hasSuffix(".vcf") }.sorted().map { "\(folder)/\($0)" }
        }
        return result
    }()
}

/// Reads a CSV fixture (relative path) or text through the CSV contact reader.
func readCSV(fixture: String, options: CSVOptions = CSVOptions()) throws -> ReadResult {
    var reader = try CSVContactReader(input: try UnicodeInput(FileByteSource(path: Fixtures.path(fixture))),
                                      file: fixture, options: options)
    return try drain(&reader)
}

func readCSV(_ text: String, options: CSVOptions = CSVOptions()) throws -> ReadResult {
    var reader = try CSVContactReader(input: try UnicodeInput(MemoryByteSource(text)), file: "t.csv", options: options)
    return try drain(&reader)
}

/// Everything one reader produced for one input.
struct ReadResult {
    var records: [ReadRecord] = []
    var fileDiagnostics: [Diagnostic] = []

    var contacts: [Contact] { records.compactMap(\.contact) }
    var allDiagnostics: [Diagnostic] { fileDiagnostics + records.flatMap(\.diagnostics) }
    var codes: [String] { allDiagnostics.map(\.code.rawValue) }

    func codes(at line: Int) -> [String] {
        allDiagnostics.filter { $0.location.line == line }.map(\.code.rawValue)
    }
}

/// Reads a vCard fixture (relative path) or raw bytes through the streaming reader.
func readVCard(fixture: String) throws -> ReadResult {
    try readVCard(source: FileByteSource(path: Fixtures.path(fixture)), file: fixture)
}

func readVCard(_ text: String, file: String = "test.vcf") throws -> ReadResult {
    try readVCard(source: MemoryByteSource(text), file: file)
}

func readVCard(bytes: [UInt8], file: String = "test.vcf") throws -> ReadResult {
    try readVCard(source: MemoryByteSource(bytes), file: file)
}

func readVCard(source: any ByteSource, file: String) throws -> ReadResult {
    var reader = VCardReader(input: try UnicodeInput(source), file: file)
    return try drain(&reader)
}

/// Reads a reader to the end, keeping file diagnostics in the order a caller would see them.
func drain(_ reader: inout some ContactReader) throws -> ReadResult {
    var result = ReadResult()
    while let record = try reader.next() {
        result.records.append(record)
        result.fileDiagnostics += reader.takeFileDiagnostics()
    }
    result.fileDiagnostics += reader.takeFileDiagnostics()
    return result
}

extension Contact {
    /// The contact without provenance, for comparing a contact with its re-read copy.
    var withoutSource: Contact {
        var copy = self
        copy.source = nil
        return copy
    }
}

/// A source that hands out one byte per read: every chunk boundary a reader can meet.
struct Trickle: ByteSource {
    var bytes: [UInt8]
    var offset = 0

    mutating func read(into buffer: inout [UInt8], maxCount: Int) throws -> Int {
        guard offset < bytes.count else { return 0 }
        buffer.append(bytes[offset])
        offset += 1
        return 1
    }
}

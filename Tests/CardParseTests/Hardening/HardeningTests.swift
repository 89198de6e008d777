import Foundation
import Testing
@testable import CardModel
@testable import CardFormats
@testable import CardNormalize

/// Cards that were once lost, readers that were once quadratic, and the limits that bound memory.
@Suite("Hardening")
struct HardeningTests {
    func readAll(_ reader: inout some ContactReader) throws -> (records: [ReadRecord], file: [Diagnostic]) {
        var records: [ReadRecord] = []
        var file: [Diagnostic] = []
        while let r = try reader.next() {
            records.append(r)
            file += reader.takeFileDiagnostics()
        }
        file += reader.takeFileDiagnostics()
        return (records, file)
    }

    func vcard(_ path: String, limits: ReadLimits = .standard) throws -> (records: [ReadRecord], file: [Diagnostic]) {
        var reader = VCardReader(input: try UnicodeInput(FileByteSource(path: Fixtures.path(path))), file: path, limits: limits)
        return try readAll(&reader)
    }

    func vcardText(_ text: String, limits: ReadLimits = .standard) throws -> (records: [ReadRecord], file: [Diagnostic]) {
        var reader = VCardReader(input: try UnicodeInput(MemoryByteSource(text)), file: "t.vcf", limits: limits)
        return try readAll(&reader)
    }

    @Test("BEGIN/END with a group (home.begin:vcard, TEST.END:VCARD) are read, with a warning on the card")
    func groupedBoundaries() throws {
        let result = try vcard("vcard/grouped_boundaries.vcf")
        #expect(result.records.map { $0.contact?.fullName } == ["Marta Domínguez Sáez", "Jorge Peña", "Lucía Ortega"])
        #expect(result.records.map(\.outcome) == [.withWarnings, .withWarnings, .ok])
        #expect(result.records[0].diagnostics.map(\.code) == [.vcardNonstandardBoundary])
        #expect(result.records[1].diagnostics.map(\.code) == [.vcardNonstandardBoundary, .vcardNonstandardBoundary])
        #expect(result.records[1].diagnostics.map(\.location.line) == [8, 13])
        #expect(result.records[0].contact?.emails.map(\.value) == ["marta.dominguez@ejemplo.es"])
        #expect(result.file.isEmpty)
        #expect(FormatDetector.detect(head: Array("home.begin:vcard\r\nhome.fn:A\r\n".utf8), path: "-") == .vcard)
    }

    @Test("a file whose first line is ' BEGIN:VCARD', and an indented BEGIN after END, lose no card")
    func indentedBegin() throws {
        let result = try vcard("vcard/indented_first_line.vcf")
        #expect(result.records.map { $0.contact?.fullName } == ["Andrés Calvo", "Beatriz Núñez"])
        #expect(result.records.allSatisfy { $0.diagnostics.map(\.code) == [.vcardNonstandardBoundary] })
        #expect(result.records[0].contact?.phones.map(\.value) == ["612 34 56 78"])
        #expect(result.file.isEmpty)
        // The parallel reader hands out the same.
        var parallel = ParallelVCardReader(input: try UnicodeInput(FileByteSource(path: Fixtures.path("vcard/indented_first_line.vcf"))),
                                           file: "vcard/indented_first_line.vcf", blockSize: 16)
        #expect(try readAll(&parallel).records.map { $0.contact?.fullName } == ["Andrés Calvo", "Beatriz Núñez"])
    }

    @Test("NUL bytes in values are removed, with a warning on the line")
    func nulBytes() throws {
        let result = try vcard("vcard/nul_bytes.vcf")
        #expect(result.records.map { $0.contact?.fullName } == ["Rosa Medina", "Tomás Rey"])
        #expect(result.records[0].contact?.emails.map(\.value) == ["rosa.medina@ejemplo.es"])
        #expect(result.records[0].diagnostics.map(\.code) == [.encodingNulBytes, .encodingNulBytes])
        #expect(result.records[1].outcome == .ok)
        #expect(FormatDetector.binaryBytes(in: [UInt8](repeating: 0, count: 100)) != nil)
        #expect(FormatDetector.binaryBytes(in: Array("BEGIN:VCARD\r\nFN:A\u{0}na\r\n".utf8)) == nil)
    }

    @Test("a property over the limit is skipped (the card kept); a photo has its own limit; memory stays at the cap")
    func propertyLimits() throws {
        let limits = ReadLimits(lineBytes: 100, photoBytes: 400, columns: 10, depth: 10)
        let note = String(repeating: "n", count: 150)
        let photo = String(repeating: "QUFB", count: 60)       // 240 bytes: under the photo limit
        let big = String(repeating: "QUFB", count: 200)        // 800 bytes: over it, folded
        let folded = stride(from: 0, to: big.count, by: 70).map { i -> String in
            let s = big.index(big.startIndex, offsetBy: i), e = big.index(s, offsetBy: min(70, big.count - i))
            return String(big[s..<e])
        }.joined(separator: "\r\n ")
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\nNOTE:\(note)\r\nPHOTO;ENCODING=b:\(photo)\r\n"
            + "LOGO;ENCODING=b:\(folded)\r\nEMAIL:ana@example.es\r\nEND:VCARD\r\n"
            + "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:\(note)\r\nEND:VCARD\r\n"
        let result = try vcardText(text, limits: limits)
        #expect(result.records.count == 2)
        let first = result.records[0]
        #expect(first.contact?.emails.map(\.value) == ["ana@example.es"])
        #expect(first.contact?.note == nil)
        #expect(first.diagnostics.map(\.code) == [.limitPropertyTooLarge, .limitPropertyTooLarge])
        #expect(first.diagnostics.map(\.location.line) == [4, 6])
        #expect(first.diagnostics[0].message == "property line is 155 bytes, over the 100 bytes limit (--max-line-bytes); skipped")
        #expect(first.diagnostics[1].message.hasPrefix("property line is 816 bytes, over the 400 bytes limit (--max-photo-bytes)"))
        // A card whose only property was too large has nothing left: rejected, not silently empty.
        #expect(result.records[1].outcome == .rejected)
        #expect(result.records[1].diagnostics.map(\.code) == [.limitPropertyTooLarge, .vcardNoProperties])
    }

    @Test("the line reader keeps at most its cap of a line and counts the rest")
    func lineReaderCap() throws {
        var lines = VCardLineReader(input: try UnicodeInput(MemoryByteSource("A:" + String(repeating: "x", count: 1000) + "\r\n b\r\nC:d\r\n")), cap: 64)
        var line: [UInt8] = []
        #expect(try lines.next(into: &line) == 1)
        #expect(line.count == 64)
        #expect(lines.overflow == 1002 + 1 - 64)
        #expect(try lines.next(into: &line) == 3)
        #expect(line == Array("C:d".utf8))
        #expect(lines.overflow == 0)
    }

    @Test("lines ended by CR alone and QP soft breaks with long parameters are read line by line")
    func crOnlyAndQP() throws {
        let cards = (0..<300).map { "BEGIN:VCARD\rVERSION:2.1\rFN:Persona \($0)\rEND:VCARD\r" }.joined()
        let result = try vcardText(cards)
        #expect(result.records.count == 300)
        #expect(result.records.last?.contact?.fullName == "Persona 299")
        let qp = "BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:" + String(repeating: "=41=\r\n", count: 500) + "=42\r\nEND:VCARD\r\n"
        #expect(try vcardText(qp).records.first?.contact?.note == String(repeating: "A", count: 500) + "B")
    }

    func csv(_ text: String, limits: ReadLimits = .standard, maxQuotedBytes: Int? = nil) throws -> [CSVRow] {
        var reader = try ByteCSVReader(input: try UnicodeInput(MemoryByteSource(text)), dialect: .comma, file: "t.csv",
                                       limits: limits, maxQuotedBytes: maxQuotedBytes)
        var rows: [CSVRow] = []
        while let row = try reader.next() { rows.append(row) }
        return rows
    }

    @Test("a never-closing quote full of doubled quotes: the quote is text from there on, and the next rows are read")
    func unclosedDoubledQuotes() throws {
        let result = try readCSV(fixture: "csv/unclosed_doubled_quotes.csv")
        #expect(result.records.map { $0.contact?.name?.given } == ["Irene", "Óscar", "Pilar"])
        #expect(result.records[0].contact?.note == "nota \"buena\"")
        let warning = try #require(result.records[1].diagnostics.first)
        #expect(warning.code == .csvUnterminatedQuote)
        #expect(warning.location.line == 3)
        #expect(result.records[1].contact?.note == String(repeating: "\"", count: 801))
        #expect(result.records[2].contact?.emails.map(\.value) == ["pilar.sanz@ejemplo.es"])
        #expect(result.records[2].source.line == 4)
    }

    @Test("a row over the record limit is returned without fields, and the rows after it keep their lines")
    func oversizedRow() throws {
        let limits = ReadLimits(lineBytes: 32, photoBytes: 32, columns: 100, depth: 10)
        let long = String(repeating: "z", count: 200)
        let rows = try csv("a,b\n1,\(long)\n2,\"q\nq\",\(String(repeating: "y", count: 40))\n3,ok\n", limits: limits)
        #expect(rows.map(\.line) == [1, 2, 3, 5])
        #expect(rows.map(\.oversizedBytes) == [nil, 202, 48, nil])
        #expect(rows[3].fields == ["3", "ok"])
        #expect(rows[1].fields.isEmpty)
    }

    @Test("columns past the limit are counted, not read")
    func columnLimit() throws {
        let limits = ReadLimits(lineBytes: 1 << 20, photoBytes: 1 << 20, columns: 3, depth: 10)
        let rows = try csv("a,b,c,d,\"e,f\",g\n1,2\n", limits: limits)
        #expect(rows[0].fields == ["a", "b", "c"])
        #expect(rows[0].droppedFields == 3)
        #expect(rows[1].droppedFields == 0)
        var reader = try CSVContactReader(input: try UnicodeInput(MemoryByteSource("Name,Email,Notes,Extra\nAna,ana@example.es,x,y\n")),
                                          file: "t.csv", limits: limits)
        let result = try readAll(&reader)
        #expect(result.file.map(\.code) == [.limitTooManyColumns])
        #expect(result.records.first?.diagnostics.map(\.code) == [.limitTooManyColumns])
        #expect(result.records.first?.contact?.emails.map(\.value) == ["ana@example.es"])
    }

    @Test("NUL bytes in CSV fields are removed, once a row")
    func csvNul() throws {
        let rows = try csv("a,b\nA\u{0}na,x\u{0}y\n")
        #expect(rows[1].fields == ["Ana", "xy"])
        #expect(rows[1].warnings.map(\.code) == [.encodingNulBytes])
    }

    @Test("HTML deeper than the limit: deeper elements are left out, and it is said where")
    func deepHTML() throws {
        let page = "<html><body><div class=\"h-card\"><span class=\"p-name\">Ana Ruiz</span></div>\n"
            + String(repeating: "<div>", count: 50) + "<div class=\"h-card\"><span class=\"p-name\">Luis Gil</span></div>"
            + String(repeating: "</div>", count: 50) + "</body></html>"
        var reader = try HTMLContactReader(input: try UnicodeInput(MemoryByteSource(page)), file: "t.html",
                                           limits: ReadLimits(lineBytes: 1, photoBytes: 1, columns: 1, depth: 20))
        let result = try readAll(&reader)
        #expect(result.records.map { $0.contact?.fullName } == ["Ana Ruiz"])
        #expect(result.file.map(\.code) == [.limitTooDeep])
        #expect(result.file.first?.location.line == 2)
        var unlimited = try HTMLContactReader(input: try UnicodeInput(MemoryByteSource(page)), file: "t.html")
        #expect(try readAll(&unlimited).records.map { $0.contact?.fullName } == ["Ana Ruiz", "Luis Gil"])
        // Past libxml2's own 256 levels the page is still read to its end (it would stop there, silently).
        let deeper = String(repeating: "<div>", count: 400) + "<div class=\"h-card\"><span class=\"p-name\">Eva Sol</span></div>"
            + String(repeating: "</div>", count: 400) + "<div class=\"h-card\"><span class=\"p-name\">Pau Mir</span></div>"
        var wide = try HTMLContactReader(input: try UnicodeInput(MemoryByteSource("<html><body>" + deeper + "</body></html>")),
                                         file: "t.html", limits: ReadLimits(lineBytes: 1, photoBytes: 1, columns: 1, depth: 1000))
        #expect(try readAll(&wide).records.map { $0.contact?.fullName } == ["Eva Sol", "Pau Mir"])
    }

    @Test("sizes are read with K, M and G, and said back the same way")
    func sizes() {
        #expect(ReadLimits.parseBytes("16M") == 16 << 20)
        #expect(ReadLimits.parseBytes("512k") == 512 << 10)
        #expect(ReadLimits.parseBytes("1500") == 1500)
        #expect(ReadLimits.parseBytes("-1") == nil && ReadLimits.parseBytes("M") == nil && ReadLimits.parseBytes("1.5M") == nil)
        #expect(ReadLimits.describe(bytes: 1 << 20) == "1 MiB")
        #expect(ReadLimits.describe(bytes: 1500) == "1500 bytes")
    }

    @Test("a blank line after a quoted-printable soft break ends the value; the next property is its own")
    func softBreakThenBlankLine() throws {
        let text = "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ana\r\nNOTE;ENCODING=QUOTED-PRINTABLE:abc=\r\n\r\nTEL:123\r\nEND:VCARD\r\n"
        let contact = try #require(try vcardText(text).records.first?.contact)
        #expect(contact.note == "abc")
        #expect(contact.phones.map(\.value) == ["123"])
    }

    @Test("a quote that never closes right after a line break: the row ends there and keeps its fields; the long row after it is over the limit")
    func unterminatedThenShortRecord() throws {
        let limits = ReadLimits(lineBytes: 32, photoBytes: 32, columns: 100, depth: 10)
        let rows = try csv("h1,h2\nx,\"bb\n" + String(repeating: "c", count: 100) + "\nlast,row\n", limits: limits)
        #expect(rows.map(\.line) == [1, 2, 3, 4])
        #expect(rows[1].fields == ["x", "\"bb"])
        #expect(rows[1].warnings.map(\.code) == [.csvUnterminatedQuote])
        #expect(rows.map(\.oversizedBytes) == [nil, nil, 100, nil])
        #expect(rows[3].fields == ["last", "row"])
    }

    @Test("an oversized row of quoted fields is dropped as it is scanned, and a quoted field after a chunk edge still opens")
    func oversizedQuotedFields() throws {
        let limits = ReadLimits(lineBytes: 1000, photoBytes: 1000, columns: 100, depth: 10)
        // Quoted fields of 700 bytes with line breaks inside: the row is 70 KiB, read in 64 KiB chunks.
        let field = "\"" + String(repeating: "q\n", count: 350) + "\""
        let row = Array(repeating: field, count: 100).joined(separator: ",")
        let rows = try csv("a,b\n" + row + "\nend,ok\n", limits: limits)
        #expect(rows.count == 3)
        #expect(rows[1].oversizedBytes == row.utf8.count)
        #expect(rows[2].line == 2 + 350 * 100 + 1)
        #expect(rows[2].fields == ["end", "ok"])
    }

    @Test("counting the cells past the limit follows the quote rule of the scan")
    func droppedCountWithStrayQuote() throws {
        let limits = ReadLimits(lineBytes: 1 << 20, photoBytes: 1 << 20, columns: 2, depth: 10)
        let rows = try csv("a,b,5\" disk,x,y\n", limits: limits)
        #expect(rows[0].droppedFields == 3)
    }

    @Test("the parallel reader splits only before a line that is exactly BEGIN:VCARD")
    func splitPointWholeLine() {
        #expect(ParallelVCardReader.splitPoint(in: Array("X:1\nBEGIN:VCARD x\nY:2\n".utf8)) == nil)
        #expect(ParallelVCardReader.splitPoint(in: Array("X:1\nBEGIN:VCARD \t\nY:2\n".utf8)) == 4)
    }
}

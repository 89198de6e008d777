import Foundation
import Testing
@testable import CardModel
@testable import CardFormats
@testable import CardNormalize
@testable import CardDedup
@testable import CardExport

@Suite("CSV byte reader")
struct ByteCSVReaderTests {
    func rows(_ text: String, dialect: CSVDialect = .comma, chunked: Bool = false) throws -> (rows: [CSVRow], diagnostics: [Diagnostic]) {
        try rows(bytes: Array(text.utf8), dialect: dialect, chunked: chunked)
    }

    func rows(bytes: [UInt8], dialect: CSVDialect = .comma, chunked: Bool = false) throws -> (rows: [CSVRow], diagnostics: [Diagnostic]) {
        let source: any ByteSource = chunked ? Trickle(bytes: bytes) : MemoryByteSource(bytes)
        var reader = try ByteCSVReader(input: try UnicodeInput(source), dialect: dialect, file: "t.csv")
        var result: [CSVRow] = []
        var diagnostics: [Diagnostic] = []
        while let row = try reader.next() {
            result.append(row)
            diagnostics += row.warnings + reader.takeDiagnostics()
        }
        diagnostics += reader.takeDiagnostics()
        return (result, diagnostics)
    }

    static let tricky = "a,\"b,1\",c\r\n\"multi\r\nline\",\"say \"\"hi\"\"\",\r\n24\" monitor,x\n\nlast,row"

    @Test("RFC 4180 and real life: quoted delimiters, doubled quotes, line breaks, CRLF/LF, trailing empty field",
          arguments: [false, true])
    func fields(chunked: Bool) throws {
        let (rows, diagnostics) = try rows(Self.tricky, chunked: chunked)
        #expect(rows.map(\.fields) == [["a", "b,1", "c"], ["multi\nline", "say \"hi\"", ""], ["24\" monitor", "x"],
                                       [""], ["last", "row"]])
        #expect(rows.map(\.line) == [1, 2, 4, 5, 6])
        #expect(rows.map(\.number) == [1, 2, 3, 4, 5])
        #expect(diagnostics.isEmpty)
    }

    @Test("lone CR line ends and semicolons")
    func crAndSemicolon() throws {
        let (rows, _) = try rows("x;y\ra;\"b;c\"\r", dialect: .semicolon)
        #expect(rows.map(\.fields) == [["x", "y"], ["a", "b;c"]])
        #expect(rows.map(\.line) == [1, 2])
    }

    @Test("an unterminated quote is reported once and the following rows are still read", arguments: [false, true])
    func unterminatedQuote(chunked: Bool) throws {
        let (rows, diagnostics) = try rows("h1,h2\n1,\"open\n2,b\n3,c\n", chunked: chunked)
        #expect(rows.map(\.fields) == [["h1", "h2"], ["1", "\"open"], ["2", "b"], ["3", "c"]])
        #expect(diagnostics.map(\.code) == [.csvUnterminatedQuote])
        #expect(diagnostics.first?.location.line == 2)
    }

    @Test("text after a closing quote is kept, with a warning")
    func strayText() throws {
        let (rows, diagnostics) = try rows("\"abc\"def,x\n")
        #expect(rows.first?.fields == ["abcdef", "x"])
        #expect(diagnostics.map(\.code) == [.csvStrayQuote])
    }

    @Test("Windows-1252 bytes are decoded, with one note")
    func windows1252() throws {
        let (rows, diagnostics) = try rows(bytes: [0x4E, 0xFA, 0xF1, 0x65, 0x7A, 0x2C, 0x96, 0x0A, 0xC1, 0x0A])
        #expect(rows.map(\.fields) == [["Núñez", "–"], ["Á"]])
        #expect(diagnostics.map(\.code) == [.encodingFallback])
    }
}

@Suite("CSV dialect sniffing")
struct CSVDialectSnifferTests {
    @Test("the delimiter most rows agree on, past preambles", arguments: [
        ("a,b,c\n1,2,3\n", ","), ("Nombre;Apellidos;Empresa\nAna;García López;\"Moreno, SL\"\n", ";"),
        ("ID\tNombre\tCorreo\n1\tAna\ta@example.es\n", "TAB"), ("a|b\n1|2\n", "|"),
        ("Notes:\n\"long sentence, with commas, and more, commas\"\n\nFirst Name,Last Name,URL\nA,B,C\nD,E,F\n", ","),
        ("Notes:;;;;;;\n\"sentence, with, commas\"\n;;;;;;\nFirst Name;Last Name;URL;Email Address;Company;Position;Connected On\nA;B;C;;E;F;G\n", ";"),
    ])
    func sniff(text: String, expected: String) {
        #expect(CSVDialectSniffer.sniff(Array(text.utf8)).dialect.name == expected)
    }

    @Test("Excel's sep= line names the delimiter and is skipped")
    func sepLine() {
        let result = CSVDialectSniffer.sniff(Array("sep=;\r\na;b\r\n".utf8))
        #expect(result.dialect == .semicolon)
        #expect(result.skip == 7)
    }
}

@Suite("CSV dates")
struct CSVDateParserTests {
    @Test("numeric dates read by byte as the token reading reads them")
    func numericByByte() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789/-. ".utf8) + Array("0123456789".utf8)
        var fast = 0
        for _ in 0..<200_000 {
            let length = Int.random(in: 1...11, using: &rng)
            let text = String(decoding: (0..<length).map { _ in alphabet.randomElement(using: &rng)! }, as: UTF8.self).trimmed()
            guard !text.isEmpty, PartialDate(iso8601: text) == nil else { continue }
            for dayFirst in [false, true] {
                guard let byte = CSVDateParser.numeric(text, dayFirst: dayFirst) else { continue }
                fast += 1
                #expect(byte == CSVDateParser.tokens(text, dayFirst: dayFirst), "\(text)")
            }
        }
        #expect(fast > 10_000)
    }

    @Test("export date forms", arguments: [
        ("09 Oct 2024", false, "2024-10-09"), ("1/8/18, 6:14 PM", false, "2018-01-08"), ("14/03/2024", false, "2024-03-14"),
        ("02/01/2024", true, "2024-01-02"), ("02/01/2024", false, "2024-02-01"), ("1985-04-12", false, "1985-04-12"),
        ("--07-23", false, "--07-23"), ("3 mar 2024", true, "2024-03-03"), ("12-ene-2023", true, "2023-01-12"),
    ])
    func parses(text: String, dayFirst: Bool, expected: String) {
        #expect(CSVDateParser.parse(text, dayFirst: dayFirst) == .date(PartialDate(iso8601: expected)!))
    }

    @Test("empty placeholders and junk")
    func emptyAndInvalid() {
        #expect(CSVDateParser.parse("0/0/00", dayFirst: false) == .empty)
        #expect(CSVDateParser.parse("", dayFirst: false) == .empty)
        #expect(CSVDateParser.parse("mañana", dayFirst: false) == .invalid)
        #expect(CSVDateParser.inferDayFirst(["02/01/2024", "14/03/2024"]) == true)
        #expect(CSVDateParser.inferDayFirst(["1/8/18, 6:14 PM", "11/17/17, 9:40 PM"]) == false)
    }
}

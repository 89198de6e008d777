import Foundation
import Testing
@testable import CardModel
@testable import CardFormats
@testable import CardNormalize

@Suite("Identity document columns")
struct IdentityColumnTests {
    @Test("headers that name a document number, in English and Spanish, however they are written",
          arguments: ["DNI", "dni/nie", "DNI / NIE", "NIF o NIE", "N.º documento", "Nº de documento", "Número de documento",
                      "national_id", "National ID Number", "ID-Number", "Passport No.", "Pasaporte", "CURP", "RFC",
                      "SSN", "Social Security Number", "Government ID Number", "Documento de identidad",
                      "Cédula de identidad", "Tax ID", "NIE:"])
    func identityHeaders(header: String) {
        #expect(IdentityColumn.isIdentity(normalizedHeader: CSVHeader.normalize(header)))
    }

    @Test("headers that do not: a row's own id, numbers of other things, names of documents' kinds",
          arguments: ["ID", "id", "rec_id", "Contact ID", "Nº", "No.", "Número", "Document", "Teléfono", "Phone number",
                      "Número de teléfono", "Customer number", "Tipo de documento", "Document type", "DNI del contacto comercial x",
                      "Record ID", "Badge ID", "Account number", "Dirección"])
    func otherHeaders(header: String) {
        #expect(!IdentityColumn.isIdentity(normalizedHeader: CSVHeader.normalize(header)))
    }

    @Test("values must mostly hold four digits or more; an empty column is left alone")
    func values() {
        #expect(IdentityColumn.looksLikeNumbers(["53709116-E", "", "X1234567L", "GARC850101HDFRRN09", "  "]))
        #expect(IdentityColumn.looksLikeNumbers(["123-45-6789", "DNI", "pendiente", "12.345.678-Z"]))
        #expect(!IdentityColumn.looksLikeNumbers(["DNI", "NIE", "Pasaporte", "12345678Z"]))
        #expect(!IdentityColumn.looksLikeNumbers(["1", "2", "3"]))
        #expect(!IdentityColumn.looksLikeNumbers(["", " ", ""]))
        #expect(!IdentityColumn.looksLikeNumbers([]))
    }

    @Test("a register's DNI/NIE column: kept under its header, noted at the header's line, unless --map says otherwise")
    func register() throws {
        let fixture = "csv/padron_es_cp1252_semicolon.csv"
        let result = try readCSV(fixture: fixture)
        #expect(result.contacts.count == 11)
        let note = try #require(result.allDiagnostics.first { $0.code == .csvIdentityColumn })
        #expect(note.severity == .note && note.location.line == 1)
        #expect(note.message.contains("'DNI/NIE' read as an identity document number"))
        // `Nº` (the row's number) is no document: an extra like any unnamed column, not noted.
        #expect(result.contacts[0].extras == [RawProperty(name: "Nº", value: "1"), RawProperty(name: "DNI/NIE", value: "53709116-E")])
        #expect(result.contacts[5].extras.last == RawProperty(name: "DNI/NIE", value: "X-1234567-L"))
        #expect(result.contacts[6].extras == [RawProperty(name: "Nº", value: "7")])
        #expect(result.codes.filter { $0 == "csv.identity-column" }.count == 1)

        var options = CSVOptions()
        options.overrides = ["DNI/NIE": .ignored]
        let ignored = try readCSV(fixture: fixture, options: options)
        #expect(!ignored.codes.contains("csv.identity-column"))
        #expect(ignored.contacts[0].extras == [RawProperty(name: "Nº", value: "1")])
        var reader = try CSVContactReader(input: try UnicodeInput(FileByteSource(path: Fixtures.path(fixture))),
                                          file: fixture, options: options)
        #expect(try reader.identityColumns() == [])
    }

    @Test("before a run, the importer finds the CSV inputs' document columns, once each, and skips the rest")
    func importerScan() throws {
        let importer = ContactImporter()
        let paths = ["csv/padron_es_cp1252_semicolon.csv", "csv/outlook_classic_desktop_export_en.csv", "merge/cards.vcf",
                     "csv/padron_es_cp1252_semicolon.csv", "missing.csv", "-"].map { $0 == "-" ? $0 : Fixtures.path($0) }
        // Outlook's `Government ID Number` is empty in every row: not compared.
        #expect(importer.identityColumns(paths: paths) == ["DNI/NIE"])
        var forced = importer
        forced.forcedFormat = .vcard
        #expect(forced.identityColumns(paths: paths) == [])
    }
}

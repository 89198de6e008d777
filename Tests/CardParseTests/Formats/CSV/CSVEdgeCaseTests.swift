import Foundation
import Testing
@testable import CardModel
@testable import CardFormats
@testable import CardNormalize
@testable import CardDedup
@testable import CardExport

/// Edge cases found in review; each test fails without the handling it names.
@Suite("CSV edge cases")
struct CSVEdgeCaseTests {
    @Test("two unterminated quotes in one record end (no endless rescan), each reported")
    func twoUnterminatedQuotes() throws {
        let text = "h1,h2\n\"" + String(repeating: "a", count: 40) + ",\"b\nnext,row\n"
        let input = try UnicodeInput(MemoryByteSource(text))
        var reader = try ByteCSVReader(input: input, dialect: .comma, file: "t.csv", maxQuotedBytes: 16)
        var rows: [CSVRow] = []
        while let row = try reader.next() { rows.append(row) }
        #expect(rows.count == 3)
        #expect(rows[1].warnings.map(\.code) == [.csvUnterminatedQuote, .csvUnterminatedQuote])
        #expect(rows[1].fields == ["\"" + String(repeating: "a", count: 40), "\"b"])
    }

    @Test("a row's own warnings make it a record with warnings, numbered like the records")
    func rowWarningsStayWithTheRow() throws {
        let result = try readCSV("sep=,\nName,Email\n\"Ann\"x,ann@example.com\n")
        #expect(result.records.map(\.outcome) == [.withWarnings])
        let warning = try #require(result.records.first?.diagnostics.first)
        #expect(warning.code == .csvStrayQuote)
        #expect(warning.location.record == 1)
        #expect(warning.location.line == 3)
    }

    @Test("the header is the row naming the most known columns, not the first with two")
    func bestHeader() throws {
        let result = try readCSV("Company:,Acme,Date:,2024-05-01\nFirst Name,Last Name,Email,Company,Date\nAna,Ruiz,ana@example.es,Acme,2024-05-01\n")
        #expect(result.contacts.first?.name == PersonName(family: "Ruiz", given: "Ana"))
        #expect(result.contacts.first?.events.first?.date == PartialDate(year: 2024, month: 5, day: 1))
    }

    @Test("many blank rows before the header do not hide the data")
    func blankRowsFirst() throws {
        let result = try readCSV(String(repeating: ",,,\n", count: 70) + "Name,Email\nAna,ana@example.es\n")
        #expect(result.contacts.map(\.fullName) == ["Ana"])
    }

    @Test("Outlook filler values alone make a row empty, not a contact")
    func outlookFillers() throws {
        let header = "First Name,Last Name,E-mail Address,Business Phone,Job Title,Priority,Sensitivity,Private\n"
        let result = try readCSV(header + ",,,,,Normal,Normal,False\nAna,Ruiz,ana@example.es,,,Normal,Normal,False\n")
        #expect(result.records.map(\.outcome) == [.skipped, .ok])
        #expect(result.contacts.first?.extras.isEmpty == true)
    }

    @Test("two-digit birthday years are in the past; other dates are not moved")
    func twoDigitBirthday() throws {
        let result = try readCSV("First Name,Birthday,Connected On\nAna,3/14/62,1/8/18\n")
        #expect(result.contacts.first?.birthday == PartialDate(year: 1962, month: 3, day: 14))
        #expect(result.contacts.first?.connectedOn == PartialDate(year: 2018, month: 1, day: 8))
    }

    @Test("a second column for a single-valued field is kept as an extra")
    func duplicateColumns() throws {
        let result = try readCSV("Name,Company,Organization\nAnn,Acme,Acme Holdings\n")
        let ann = try #require(result.contacts.first)
        #expect(ann.organization == "Acme")
        #expect(ann.extras == [RawProperty(name: "Organization", value: "Acme Holdings")])
    }

    @Test("Google address labels reach their address, and survive cardtool's Google export")
    func googleAddressLabel() throws {
        let google = try readCSV("First Name,Address 1 - Label,Address 1 - City\nAna,Home,Madrid\n")
        #expect(google.contacts.first?.addresses == [PostalAddress(types: ["home"], locality: "Madrid")])
        var export = ContactExport(format: .csv, options: .init(crm: .google))
        var diagnostics: [Diagnostic] = []
        let bytes = export.start() + export.bytes(for: google.contacts[0], diagnostics: &diagnostics)
        let back = try readCSV(String(decoding: bytes, as: UTF8.self))
        #expect(back.contacts.first?.addresses.first?.types == ["home"])
    }

    @Test("a one-line file without a line end is sniffed by its own delimiter")
    func oneLine() {
        #expect(CSVDialectSniffer.sniff(Array("Name;Email;Phone".utf8)).dialect == .semicolon)
    }

    @Test("a second website is reported when a layout has one website column")
    func websiteOverflow() {
        let contact = Contact(fullName: "Ana", urls: [WebLink(value: "https://ana.example.es"),
                                                       WebLink(value: "https://www.linkedin.com/in/ana")])
        for crm in [CRMProfile.outlook, .salesforce] {
            var export = ContactExport(format: .csv, options: .init(crm: crm))
            var diagnostics: [Diagnostic] = []
            _ = export.bytes(for: contact, diagnostics: &diagnostics)
            #expect(diagnostics.first?.detail == "https://www.linkedin.com/in/ana")
        }
    }

    @Test("several phones or e-mails in one cell: split at `;`, a tel parameter kept, spaces and non-breaking spaces trimmed", arguments: [
        ("0034 642 945 182; 997 326 524", false, ["0034 642 945 182", "997 326 524"]),
        ("612 34 56 78;ext=12", false, ["612 34 56 78;ext=12"]),
        ("+1 512 820 1218 ; Ext. 819", false, ["+1 512 820 1218;Ext. 819"]),
        ("\u{00A0}612 345 678\u{00A0};\t91 123 45 67 ", false, ["612 345 678", "91 123 45 67"]),
        (";; 612 345 678 ;", false, ["612 345 678"]),
        ("a@x.com; b@y.com", true, ["a@x.com", "b@y.com"]),
        ("a@x.com, b@y.com;c@z.es", true, ["a@x.com", "b@y.com", "c@z.es"]),
        ("García, Ana <ana@x.com>; b@y.com", true, ["García, Ana <ana@x.com>", "b@y.com"]),
        ("612 345 678", false, ["612 345 678"]),
    ])
    func listValues(cell: String, emails: Bool, values: [String]) {
        #expect(CSVValues.listValues(cell, emails: emails) == values)
    }
}

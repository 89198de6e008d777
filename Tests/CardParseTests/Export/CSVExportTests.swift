import Foundation
import Testing
@testable import CardModel
@testable import CardFormats
@testable import CardNormalize
@testable import CardDedup
@testable import CardExport

@Suite("CSV export")
struct CSVExportTests {
    static let sources = ["csv/google_contacts_2023_format.csv", "csv/contactos_excel_es-ES_cp1252_semicolon.csv",
                          "csv/Connections_2024_with_notes_preamble.csv", "csv/outlook_classic_desktop_export_en.csv",
                          "csv/badge_scanner_utf16le_tab.csv"]

    static func contacts() throws -> [Contact] {
        var all = try sources.flatMap { try readCSV(fixture: $0).contacts }
        all += try readVCard(fixture: "vcard/synthetic_es_mixed_versions.vcf").contacts
        return all
    }

    func export(_ contacts: [Contact], crm: CRMProfile, options: ContactExport.Options? = nil) -> (text: String, diagnostics: [Diagnostic]) {
        var export = ContactExport(format: .csv, options: options ?? .init(crm: crm))
        var bytes = export.start()
        var diagnostics: [Diagnostic] = []
        for c in contacts { bytes += export.bytes(for: c, diagnostics: &diagnostics) }
        return (String(decoding: bytes, as: UTF8.self), diagnostics)
    }

    /// What must survive an export and a re-import.
    struct Essentials: Equatable {
        var given: String?, family: String?, organization: String?, title: String?
        var emails: [String], phones: [String]

        init(_ c: Contact) {
            given = c.name?.given
            family = c.name?.family
            organization = c.organization
            title = c.title
            emails = c.emails.map(\.value).sorted()
            phones = c.phones.map { p in p.ext.map { "\(p.value) ext. \($0)" } ?? p.value }.sorted()
        }
    }

    @Test("each CRM layout re-imports with names, e-mails, phones, organization and title intact", arguments: CRMProfile.allCases)
    func roundTrip(crm: CRMProfile) throws {
        let contacts = try Self.contacts()
        let (text, diagnostics) = export(contacts, crm: crm)
        // Outlook needs a year for a birthday; nothing else is left out.
        #expect(diagnostics.allSatisfy { crm == .outlook && $0.detail == "birthday without a year" })
        let back = try readCSV(text).contacts
        #expect(back.map(Essentials.init) == contacts.map(Essentials.init))
    }

    @Test("headers the CRM wizards recognise")
    func headers() {
        #expect(HubSpotExporter().header.prefix(7) == ["First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number",
                                                       "Company Name", "Job Title"])
        #expect(SalesforceExporter().header.prefix(4) == ["First Name", "Last Name", "Company", "Title"])
        #expect(GoogleCSVExporter().header.contains("E-mail 3 - Value"))
        #expect(OutlookCSVExporter().header.contains("Business Postal Code"))
    }

    @Test("Google layout: numbered groups with labels, myContacts label, ::: between nicknames")
    func googleLayout() throws {
        let contact = Contact(fullName: "Ana García", name: PersonName(family: "García", given: "Ana"),
                              emails: [Email(value: "ana@example.es", types: ["work"])],
                              phones: [Phone(value: "+34 612 34 56 78", types: ["cell"])], categories: ["Clientes"])
        let (text, _) = export([contact], crm: .google)
        let lines = text.components(separatedBy: "\r\n")
        let header = lines[0].components(separatedBy: ",")
        let row = lines[1].components(separatedBy: ",")
        let cell = { (name: String) in row[header.firstIndex(of: name)!] }
        #expect(cell("E-mail 1 - Label") == "Work")
        #expect(cell("Phone 1 - Label") == "Mobile")
        #expect(cell("Labels") == "* myContacts ::: Clientes")
    }

    @Test("Salesforce placeholders for a missing company or last name read back as empty")
    func salesforcePlaceholders() throws {
        let contact = Contact(emails: [Email(value: "solo@example.com")])
        let (text, _) = export([contact], crm: .salesforce)
        #expect(text.contains("[not provided]"))
        let back = try #require(try readCSV(text).contacts.first)
        #expect(back.organization == nil)
        #expect(back.name == nil)
    }

    @Test("values beyond a layout's columns are reported, not lost silently")
    func overflow() {
        let contact = Contact(fullName: "Ana", emails: (1...5).map { Email(value: "a\($0)@example.com") })
        let (_, diagnostics) = export([contact], crm: .hubspot)
        #expect(diagnostics.map(\.code) == [.csvExportOverflow])
        #expect(diagnostics.first?.detail == "a4@example.com | a5@example.com")
        #expect(diagnostics.first?.message.contains("@") == false)
    }

    @Test("cells a spreadsheet would run are neutralised; plain phone numbers are not; --no-sanitize")
    func spreadsheetSafety() throws {
        let contacts = try readCSV(fixture: "csv/formula_injection.csv").contacts
        let (text, _) = export(contacts, crm: .generic)
        #expect(text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""))
        #expect(text.contains(",'@SUM(A1:A2),"))
        #expect(text.contains(",'-2+3,"))
        #expect(text.contains("'+cmd|' /C calc'!A0"))
        #expect(text.contains(",+34 600 123 123,"))
        #expect(text.contains("+1 (512) 555-0100 ext. 7"))
        #expect(!text.contains("'+34 600"))
        #expect(SpreadsheetSafety.neutralize("-10.23") == "-10.23")
        #expect(SpreadsheetSafety.neutralize("-1.2.3") == "'-1.2.3")
        #expect(SpreadsheetSafety.restore("'-2+3") == "-2+3")
        #expect(SpreadsheetSafety.restore("'-5") == "'-5")     // not something neutralizing writes
        let raw = export(contacts, crm: .generic, options: .init(crm: .generic, sanitize: false)).text
        #expect(raw.contains(",@SUM(A1:A2),"))
        // Reading cardtool's own export undoes the neutralising.
        #expect(try readCSV(text).contacts.map(\.organization) == contacts.map(\.organization))
    }

    @Test("Excel options: BOM, semicolons, CRLF, quoting")
    func excelOptions() {
        let contact = Contact(fullName: "García López; Ana", organization: "Moreno \"y\" Asociados", note: "línea 1\nlínea 2")
        let (text, _) = export([contact], crm: .generic, options: .init(crm: .generic, delimiter: UInt8(ascii: ";"), byteOrderMark: true))
        let bytes = Array(text.utf8)
        #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
        #expect(text.contains("\"García López; Ana\";"))
        #expect(text.contains("\"Moreno \"\"y\"\" Asociados\""))
        #expect(text.contains("\"línea 1\nlínea 2\""))
        #expect(text.hasSuffix("\r\n"))
    }
}

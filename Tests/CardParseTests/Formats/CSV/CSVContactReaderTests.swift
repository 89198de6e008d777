import Foundation
import Testing
@testable import CardModel
@testable import CardFormats
@testable import CardNormalize
@testable import CardDedup
@testable import CardExport

@Suite("CSV contact reader")
struct CSVContactReaderTests {
    @Test("every CSV fixture: counts add up, every diagnostic located, vCard round trip", arguments: Fixtures.csvs)
    func conformance(fixture: String) throws {
        let result = try readCSV(fixture: fixture)
        #expect(!result.records.isEmpty)
        for d in result.allDiagnostics { #expect(d.location.line != nil) }
        for (i, record) in result.records.enumerated() {
            #expect(record.source.record == i + 1)
            if let contact = record.contact { #expect(contact.source == record.source) }
        }
        for version in VCardVersion.writable {
            let reread = try readVCard(VCardWriter.string(for: result.contacts, version: version))
            #expect(reread.contacts.count == result.contacts.count)
            #expect(reread.contacts.map(\.fullName) == result.contacts.map(\.fullName))
            #expect(reread.contacts.map(\.emails.count) == result.contacts.map(\.emails.count))
            #expect(reread.contacts.map(\.connectedOn) == result.contacts.map(\.connectedOn))
            #expect(reread.contacts.map(\.events) == result.contacts.map(\.events))
        }
    }

    @Test("LinkedIn 2024: Notes preamble skipped, Connected On kept, empty rows skipped, URL as LinkedIn")
    func linkedIn2024() throws {
        let result = try readCSV(fixture: "csv/Connections_2024_with_notes_preamble.csv")
        #expect(result.codes.contains("csv.preamble"))
        #expect(result.records.filter { $0.outcome == .skipped }.count == 1)
        let first = try #require(result.contacts.first)
        #expect(first.name == PersonName(family: "García Fernández", given: "María José"))
        #expect(first.connectedOn == PartialDate(year: 2024, month: 3, day: 14))
        #expect(first.urls == [WebLink(value: "https://www.linkedin.com/in/mariajose-garcia-fernandez-3b1a2c9",
                                       types: ["linkedin"])])
        #expect(first.title == "Directora de Operaciones")
        #expect(result.contacts[1].organization == "Banco Ficticio, S.A.")
        #expect(result.contacts[1].title == "Head of Data, Risk & Compliance")
        #expect(result.contacts.count == 10)
    }

    @Test("LinkedIn 2018 and 2021 layouts: US date-times and DD Mon YYYY")
    func linkedInOlder() throws {
        let old = try readCSV(fixture: "csv/Connections_2018_legacy_datetime.csv")
        #expect(old.contacts.map(\.connectedOn?.iso8601) == ["2018-01-08", "2017-11-17", "2018-08-18"])
        #expect(old.contacts[2].emails.first?.value == "urn:li:member:123456789")
        let mid = try readCSV(fixture: "csv/Connections_2021_no_url_no_preamble.csv")
        #expect(mid.contacts.first?.connectedOn == PartialDate(year: 2021, month: 9, day: 16))
        #expect(mid.contacts.first?.urls.isEmpty == true)
    }

    @Test("LinkedIn re-saved by Spanish Excel: Windows-1252, semicolons, padded preamble, DD/MM/YYYY")
    func linkedInExcel() throws {
        let result = try readCSV(fixture: "csv/Connections_resaved_by_excel_es_cp1252_semicolon.csv")
        #expect(result.contacts.first?.name?.given == "María José")
        #expect(result.contacts.first?.connectedOn == PartialDate(year: 2024, month: 3, day: 14))
        #expect(result.contacts[1].connectedOn == PartialDate(year: 2024, month: 1, day: 2))
        #expect(result.codes.contains("encoding.cp1252-fallback"))
    }

    @Test("Google CSV: labels become types, ::: splits values, multi-line notes, year-less birthday, e-mail-only row")
    func google() throws {
        let contacts = try readCSV(fixture: "csv/google_contacts_2023_format.csv").contacts
        try #require(contacts.count == 5)
        let majo = contacts[0]
        #expect(majo.nicknames == ["Majo"])
        #expect(majo.emails == [Email(value: "mj.garcia@example.es", types: ["work"]),
                                Email(value: "majo.garcia@example.com", types: ["home"])])
        #expect(majo.phones.map(\.value) == ["+34 612 34 56 78", "+34 699 00 11 22", "+34 91 123 45 67"])
        #expect(majo.phones.map(\.types) == [["cell"], ["cell"], ["work"]])
        #expect(majo.note == "Conocida en la feria Logistics Madrid 2024.\nPrefiere WhatsApp.")
        #expect(majo.categories == ["Clientes"])
        #expect(majo.addresses.first?.formatted == "Calle de Alcalá, 100, 3º B\n28009 Madrid\nEspaña")
        #expect(majo.birthday == PartialDate(year: 1985, month: 4, day: 12))
        #expect(contacts[1].birthday == PartialDate(year: nil, month: 7, day: 23))
        #expect(contacts[3].fullName == nil)
        #expect(contacts[3].emails.map(\.value) == ["facturas@example.com"])
        let legacy = try readCSV(fixture: "csv/google_contacts_legacy_format.csv").contacts
        #expect(legacy.first?.organization == "Ejemplo Consultores")
        #expect(legacy.first?.categories == ["Proveedores"])
    }

    @Test("Outlook: honorific Title, typed phones and addresses, EX addresses kept aside, Spanish headers")
    func outlook() throws {
        let english = try readCSV(fixture: "csv/outlook_classic_desktop_export_en.csv")
        let john = try #require(english.contacts.first)
        #expect(john.phones.map(\.types) == [["work"], ["cell"]])
        #expect(john.addresses.first?.street == "1 Example Way\nSuite 200")
        #expect(john.addresses.first?.types == ["work"])
        #expect(john.categories == ["Clients", "VIP"])
        #expect(john.birthday == PartialDate(year: 1980, month: 3, day: 22))
        #expect(english.codes.contains("csv.exchange-address"))
        #expect(english.contacts[1].extras.contains { $0.name == "X-EXCHANGE-ADDRESS" })
        #expect(!english.contacts.flatMap(\.emails).contains { $0.value.lowercased().hasPrefix("/o=") })
        let spanish = try readCSV(fixture: "csv/outlook_desktop_export_es-ES_cp1252.csv")
        let jl = try #require(spanish.contacts.first)
        #expect(jl.organization == "Banco Ficticio, S.A.")
        #expect(jl.addresses.first?.street == "Paseo de la Castellana, 259")
        #expect(jl.birthday == PartialDate(year: 1979, month: 7, day: 23))
        #expect(jl.categories == ["Clientes", "Banca"])
    }

    @Test("hand-made Spanish spreadsheet: Windows-1252, ';', quoted ';' and line break, Móvil as cell")
    func spanishExcel() throws {
        let contacts = try readCSV(fixture: "csv/contactos_excel_es-ES_cp1252_semicolon.csv").contacts
        #expect(contacts.count == 7)
        #expect(contacts[0].phones == [Phone(value: "91 123 45 67"), Phone(value: "612 34 56 78", types: ["cell"])])
        #expect(contacts[2].note == "Prefiere correo; no llamar antes de las 10:00")
        #expect(contacts[5].note == "Dos líneas:\nsegunda línea")
        #expect(contacts[5].addresses.first?.locality == "Sevilla")
    }

    @Test("badge scanner: UTF-16 LE, tabs, event and date met, unmapped columns kept, --id-column")
    func badgeScanner() throws {
        let result = try readCSV(fixture: "csv/badge_scanner_utf16le_tab.csv", options: CSVOptions(idColumn: "ID Acreditación"))
        let lucia = try #require(result.contacts.first)
        #expect(lucia.events == [MetEvent(name: "Networking Tech Madrid", date: PartialDate(year: 2024, month: 3, day: 14))])
        #expect(lucia.phones == [Phone(value: "+34 622 11 22 33", types: ["cell"])])
        #expect(lucia.extras.contains { $0.name == "Stand" && $0.value == "A12" })
        #expect(lucia.source?.id == "B-0001")
        #expect(result.contacts[2].fullName == "Íñigo Etxeberria")
    }

    @Test("--map overrides and custom fields; sep= line; full-name column split in 'Family, Given' order")
    func mapAndFullName() throws {
        let result = try readCSV(fixture: "csv/generic_es_sep_line_cp1252.csv",
                                 options: CSVOptions(overrides: ["Color favorito": .custom("X-COLOR"), "Teléfono": .phone(types: ["cell"], slot: 9)]))
        let ana = try #require(result.contacts.first)
        #expect(ana.name == PersonName(family: "García López", given: "Ana"))
        #expect(ana.extras == [RawProperty(name: "X-COLOR", value: "Azul")])
        #expect(ana.phones.first?.types == ["cell"])
        #expect(ana.events.first?.date == PartialDate(year: 2024, month: 11, day: 7))
        #expect(ana.note == "Interesada; llamar")
    }

    @Test("bad rows: skipped empty rows, ragged rows kept, a row in one field, an unterminated quote")
    func malformed() throws {
        let result = try readCSV(fixture: "csv/malformed_rows.csv")
        #expect(result.records.map(\.outcome) == [.ok, .skipped, .skipped, .withWarnings, .withWarnings, .withWarnings,
                                                  .withWarnings, .ok])
        #expect(result.codes(at: 3) == ["csv.empty-row"])
        #expect(result.codes(at: 5) == ["csv.ragged-row"])
        #expect(result.codes(at: 6) == ["csv.ragged-row"])
        #expect(result.codes(at: 7) == ["csv.row-in-one-field"])
        #expect(result.codes(at: 8) == ["csv.unterminated-quote"])
        #expect(result.contacts.map(\.fullName) == ["Ana Torres", "Carlos Vega", "Elena Ruiz", "Laura Herbst", "Pablo Ortiz",
                                                    "Último Registro"])
        #expect(result.contacts[2].extras == [RawProperty(name: "column 7", value: "extra")])
    }

    @Test("LinkedIn's old Outlook export and the Outlook CSV layout")
    func outlookLayouts() throws {
        let linkedIn = try readCSV(fixture: "csv/linkedin_connections_export_microsoft_outlook.csv").contacts
        #expect(linkedIn.count == 4)
        #expect(linkedIn[0].name == PersonName(given: "Gastón"))
        #expect(linkedIn[0].emails.map(\.value) == ["gaston.w@example.com.ar"])
        #expect(linkedIn[1].organization == "Empresa Ficticia")
        #expect(linkedIn[1].title == "Sr. Talent Sourcer")
        let web = try readCSV(fixture: "csv/outlook_web_or_google_outlookcsv_export_en.csv").contacts
        #expect(web[0].phones == [Phone(value: "+34 622 11 22 33", types: ["cell"])])
        #expect(web[0].categories == ["Proveedores"])
        #expect(web[1].addresses == [PostalAddress(types: ["work"], locality: "Ciudad de México", country: "México")])
    }

    @Test("Salesforce and Zoho lead files: Company placeholder, Lead Source kept, Designation as title")
    func leadFiles() throws {
        let salesforce = try readCSV(fixture: "csv/salesforce_leads_import.csv").contacts
        #expect(salesforce[0].phones.map(\.types) == [["work"], ["cell"]])
        #expect(salesforce[0].note == "Imported by cardtool")
        #expect(salesforce[0].extras.contains { $0.name == "Lead Source" && $0.value == "Trade Show" })
        #expect(salesforce[1].organization == nil)
        #expect(salesforce[1].fullName == "Pedro Álvarez")
        let zoho = try #require(try readCSV(fixture: "csv/zoho_leads_import.csv").contacts.first)
        #expect(zoho.title == "Directora de Operaciones")
        #expect(zoho.addresses.first?.postalCode == "28009")
        #expect(zoho.urls.map(\.value) == ["https://ibertech.example.es"])
    }

    @Test("CRM import files read with their own column names")
    func crmFiles() throws {
        let hubspot = try #require(try readCSV(fixture: "csv/hubspot_contacts_import_utf8_bom.csv").contacts.first)
        #expect(hubspot.organization == "Ibertech Soluciones S.L.")
        #expect(hubspot.phones.map(\.types) == [[], ["cell"]])
        let odoo = try readCSV(fixture: "csv/odoo_res_partner_import.csv").contacts
        #expect(odoo[0].name == nil)
        #expect(odoo[0].organization == "Ibertech Soluciones S.L.")
        #expect(odoo[1].organization == "Ibertech Soluciones S.L.")
        let pipedrive = try #require(try readCSV(fixture: "csv/pipedrive_people_import.csv").contacts.first)
        #expect(pipedrive.name == PersonName(family: "García Fernández", given: "María José"))
    }
}

import CardParse
import Foundation
import Testing

/// Thunderbird's export, Outlook in German, French, Dutch, Italian and Portuguese, hand-made
/// synonyms, and columns read by what they hold.
@Suite("CSV layouts and columns by content")
struct CSVLayoutTests {
    /// Jörg Müller-Lüdenscheidt as every layout fixture has him.
    func expectJörg(_ c: Contact, _ file: String) {
        #expect(c.name?.given == "Jörg" && c.name?.family == "Müller-Lüdenscheidt", "\(file)")
        #expect(c.emails.map(\.value) == ["joerg.mueller@mueller-soehne.example", "joerg@privat.example"], "\(file)")
        #expect(c.phones.contains { $0.value == "+49 171 2345678" && $0.types.contains("cell") }, "\(file)")
        #expect(c.phones.contains { $0.value == "+49 30 1234567" && $0.types.contains("work") }, "\(file)")
        #expect(c.organization == "Müller & Söhne GmbH" && c.title == "Geschäftsführer", "\(file)")
        #expect(c.birthday == PartialDate(year: 1972, month: 11, day: 23), "\(file)")
        #expect(c.addresses.contains { $0.locality == "Berlin" && $0.types.contains("work") && $0.street == "Friedrichstraße 123" }, "\(file)")
        #expect(c.addresses.contains { $0.locality == "Berlin" && $0.types.contains("home") }, "\(file)")
    }

    @Test("Thunderbird, UTF-8 with LF, Windows-1252 with CRLF, TAB, and re-saved with ';': names, e-mails, phones, addresses, birthday from three columns",
          arguments: ["csv/thunderbird_export_utf8.csv", "csv/thunderbird_export_windows_cp1252_crlf.csv", "csv/thunderbird_export_tab_utf8.txt",
                      "csv/thunderbird_resaved_excel_es_cp1252_semicolon.csv"])
    func thunderbird(_ file: String) throws {
        var reader = try CSVContactReader(input: try UnicodeInput(FileByteSource(path: Fixtures.path(file))), file: file)
        let result = try drain(&reader)
        #expect(reader.profileName == "thunderbird")
        #expect(result.records.count == 4 && result.records.allSatisfy { $0.outcome == .ok })
        expectJörg(result.contacts[0], file)
        #expect(result.contacts[0].fullName == "Jörg Müller-Lüdenscheidt")
        #expect(result.contacts[0].note?.contains("Großaufträge, Budget ca. 5.000 €") == true)
        #expect(result.contacts[0].urls.map(\.value) == ["https://mueller-soehne.example"])
        #expect(result.contacts[3].emails.count == 2 && result.contacts[3].phones.isEmpty)
        #expect(result.contacts.allSatisfy { $0.extras.isEmpty })
    }

    @Test("Outlook in German, French, Dutch, Italian and Brazilian Portuguese (Windows-1252): the same people as in English",
          arguments: ["de-DE", "fr-FR", "nl-NL", "it-IT", "pt-BR"])
    func localizedOutlook(_ language: String) throws {
        let file = "csv/outlook_desktop_export_\(language)_cp1252.csv"
        var reader = try CSVContactReader(input: try UnicodeInput(FileByteSource(path: Fixtures.path(file))), file: file)
        let result = try drain(&reader)
        #expect(reader.profileName == "outlook")
        #expect(result.records.count == 4)
        expectJörg(result.contacts[0], file)
        #expect(result.contacts[0].name?.prefixes == "Dr.")
        let françoise = result.contacts[2]
        #expect(françoise.name?.given == "Françoise" && françoise.name?.family == "Lefèvre", "\(file)")
        // French Outlook's second `Titre` is the job title, the first the honorific.
        #expect(françoise.name?.prefixes == "Mme" && françoise.title == "Gérante", "\(file)")
        #expect(result.contacts[1].organization == "Construcciones Ibéricas S.L.")
        #expect(result.contacts[1].emails.map(\.value) == ["jm.garcia@construcciones-ibericas.example"])
    }

    @Test("hand-made headers: Contact Email, Email Home / Work / Other, Business; a lone Primary Email column")
    func handMade() throws {
        let made = try readCSV(fixture: "csv/hand_made_email_synonyms.csv")
        #expect(made.contacts.map { $0.emails.map(\.value) } == [
            ["lucia.fernandez@example.es", "lucia.casa@example.es", "lfernandez@quintana.example.es"],
            ["jorge.pena@example.mx", "jpena@nandu.example.mx", "jorge.p@otro.example"],
        ])
        #expect(made.contacts[0].emails[1].types == ["home"] && made.contacts[0].emails[2].types == ["work"])
        #expect(made.contacts.map(\.organization) == ["Quintana Arquitectos", "Grupo Ñandú"])
        let lone = try readCSV(fixture: "csv/primary_email_only.csv")
        #expect(lone.contacts.map { $0.emails.map(\.value) } == [["ana.beltran@grupomedialuna.example.com"], ["marc.dubois@lumiere-capital.example.fr"]])
    }

    @Test("columns no table names are read by their values, each with a note; bare customer numbers stay an extra; --map wins")
    func byContent() throws {
        let r = try readCSV(fixture: "csv/by_content_es_semicolon_bom.csv")
        let notes = r.fileDiagnostics.filter { $0.code == .csvColumnByContent }.map(\.message)
        #expect(notes.count == 4)
        #expect(notes.contains { $0.hasPrefix("'Correo del cliente' read as e-mail addresses") })
        #expect(notes.contains { $0.hasPrefix("'Perfil' read as LinkedIn profiles") })
        let sofía = r.contacts[0]
        #expect(sofía.fullName == "Sofía Herrera")
        #expect(sofía.emails.map(\.value) == ["sofia@fintechandina.example.co"])
        #expect(sofía.phones.map(\.value) == ["+57 310 555 0199"])
        #expect(sofía.urls.first?.types == ["linkedin"])
        #expect(sofía.birthday == PartialDate(year: 1988, month: 2, day: 14))
        #expect(sofía.extras.map(\.name) == ["Nº cliente"])
        // Told otherwise, it is as told, and no note.
        let told = try readCSV(fixture: "csv/by_content_es_semicolon_bom.csv",
                               options: CSVOptions(overrides: ["Correo del cliente": .custom("Correo")]))
        #expect(told.contacts[0].emails.isEmpty && told.contacts[0].extras.contains { $0.name == "Correo" })
        #expect(told.fileDiagnostics.filter { $0.code == .csvColumnByContent }.count == 3)
        // A known header is never second-guessed: `Email` holding names stays the e-mail column.
        let known = try readCSV("Name,Email,Notes\nAna,ana@example.es,pedro@example.es\n")
        #expect(known.contacts[0].note == "pedro@example.es" && known.fileDiagnostics.allSatisfy { $0.code != .csvColumnByContent })
    }

    /// Header names a table would never know, in several languages and shapes.
    static let oddHeaders = ["Xyzzy", "Kontakt-Mail", "Correo del cliente", "メール", "", "col 7", "E_MAIL_ADDR_1", "Adresse électronique du contact",
                             "mail (work)", "Q3 leads – email"]

    @Test("any CSV with e-mail addresses in some column, under any header, gives contacts whose e-mails hold them",
          arguments: oddHeaders)
    func anyHeader(_ header: String) throws {
        for delimiter in [",", ";", "\t"] {
            for position in 0..<3 {
                var columns = ["Nombre", "Empresa", "Notas"]
                columns.insert(header.contains(delimiter) ? header.replacingOccurrences(of: delimiter, with: " ") : header, at: position)
                let people = [("Ana Ruiz", "ana.ruiz@example.es"), ("Jörg Weiß", "j.weiss@beispiel.example.de"), ("Zoë Ødegård", "ZOE@Example.ORG")]
                var text = columns.joined(separator: delimiter) + "\r\n"
                for (i, (name, email)) in people.enumerated() {
                    var row = [name, "Empresa \(i)", "nota \(i)"]
                    row.insert(email, at: position)
                    text += row.joined(separator: delimiter) + "\r\n"
                }
                let r = try readCSV(text)
                #expect(r.contacts.map { $0.emails.map(\.value) } == people.map { [$0.1] }, "header '\(header)' at \(position), '\(delimiter)'")
            }
        }
    }

    @Test("in every CSV fixture, no e-mail address is left in extras: each lands in emails")
    func fixturesKeepNoEmailInExtras() throws {
        let folder = Fixtures.path("csv")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".csv") }.sorted()
        #expect(names.count > 25)
        let address = try Regex(#"^\s*[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+\s*$"#)
        for name in names {
            let r = try readCSV(fixture: "csv/" + name)
            for c in r.contacts {
                for extra in c.extras where extra.value.wholeMatch(of: address) != nil {
                    Issue.record("\(name): '\(extra.name)' holds an e-mail address but is an extra")
                }
            }
        }
    }
}

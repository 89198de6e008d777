import Foundation
import Testing
@testable import CardModel
@testable import CardFormats
@testable import CardNormalize
@testable import CardDedup
@testable import CardExport

@Suite("vCard reader")
struct VCardReaderTests {
    @Test("every fixture passes the reader conformance checks", arguments: Fixtures.vcards)
    func conformance(fixture: String) throws {
        try ReaderConformance.check(try readVCard(fixture: fixture), file: fixture)
    }

    // MARK: Versions and vendors

    @Test("mixed 2.1 / 3.0 / 4.0 file: QP, Apple groups, tel: URIs, year-less birthdays")
    func mixedVersions() throws {
        let contacts = try readVCard(fixture: "vcard/synthetic_es_mixed_versions.vcf").contacts
        try #require(contacts.count == 3)
        // 2.1 quoted-printable with CHARSET=UTF-8, including a soft line break in NOTE.
        #expect(contacts[0].name == PersonName(family: "García Fernández", given: "María José"))
        #expect(contacts[0].note == "Conocida en la feria Logistics Madrid 2024.\nPrefiere WhatsApp.")
        #expect(contacts[0].phones.first == Phone(value: "+34612345678", types: ["cell"], pref: 1))
        // 3.0 Apple: escaped comma in ORG, grouped label, X-APPLE-OMIT-YEAR.
        #expect(contacts[1].organization == "Banco Ficticio, S.A.")
        #expect(contacts[1].department == "Datos")
        #expect(contacts[1].emails.first?.label == "Other")
        #expect(contacts[1].urls.first?.label == "LinkedIn")
        #expect(contacts[1].birthday?.iso8601 == "--07-23")
        #expect(contacts[1].extras.contains { $0.group == "item2" && $0.name == "X-ABADR" && $0.value == "es" })
        // 4.0: quoted TYPE list, PREF=, tel: URI with ;ext=, --MMDD, LABEL folded inside a quoted parameter.
        let lupita = contacts[2]
        #expect(lupita.phones[0] == Phone(value: "+52-1-55-5555-0134", types: ["cell", "voice"], pref: 1))
        #expect(lupita.phones[1] == Phone(value: "+52-55-5555-0100", types: ["work"], ext: "12"))
        #expect(lupita.birthday == PartialDate(year: nil, month: 4, day: 12))
        #expect(lupita.addresses.first?.formatted == "Av. Paseo de la Reforma 222\nJuárez\n06600 Ciudad de México, CDMX")
        #expect(lupita.addresses.first?.country == "México")
    }

    @Test("Apple iOS export: labels by group, custom labels, escaped URL colons, company card")
    func appleGrouped() throws {
        let contacts = try readVCard(fixture: "vcard/apple_ios17_es_grouped.vcf").contacts
        try #require(contacts.count == 2)
        let alvaro = contacts[0]
        #expect(alvaro.name == PersonName(family: "Núñez de Arce Peña", given: "Álvaro", prefixes: "Sr."))
        #expect(alvaro.organization == "Consultoría Ñandú, S.L.")
        #expect(alvaro.emails.map(\.label) == ["Work", "Congresos"])
        #expect(alvaro.emails[0].pref == 1)
        #expect(alvaro.urls == [WebLink(value: "https://www.linkedin.com/in/alvaronunez", types: [], pref: 1,
                                        label: "LinkedIn", group: "item3")])
        #expect(alvaro.addresses.first?.street == "Calle de Alcalá 48, 3º B")
        #expect(alvaro.birthday == PartialDate(year: nil, month: 11, day: 2))
        #expect(alvaro.note == "Conocido en el Networking Tech Madrid.\nInteresado en IA.")
        #expect(alvaro.categories == ["Eventos", "Clientes"])
        #expect(alvaro.extras.contains { $0.name == "X-SOCIALPROFILE" })
        // A company card has no person name: the organization is its display name.
        #expect(contacts[1].name == nil)
        #expect(contacts[1].fullName == "Grupo Ejemplo Logística")
    }

    @Test("Outlook 2.1 in Windows-1252: bare types, QP soft break without leading space, basic-format BDAY")
    func outlookWindows1252() throws {
        let result = try readVCard(fixture: "vcard/outlook_2016_v21.vcf")
        let ines = try #require(result.contacts.first)
        #expect(ines.fullName == "Dra. Inés Ortega Ruiz")
        #expect(ines.phones.map(\.types) == [["work", "voice"], ["cell", "voice"], ["work", "fax"]])
        #expect(ines.birthday == PartialDate(year: 1979, month: 3, day: 15))
        #expect(ines.addresses.first?.locality == "Alcalá de Henares")
        let label = try #require(ines.extras.first { $0.name == "LABEL" })
        #expect(label.value == "Calle Mayor 5\\nAlcalá de Henares, Madrid 28801")
        #expect(label.parameters == [.init(name: "TYPE", values: ["WORK"]), .init(name: "TYPE", values: ["PREF"])])
        #expect(result.contacts[1].note == "Reunión en la Cámara de Comercio")
        #expect(result.codes.contains("encoding.cp1252-fallback"))
        #expect(result.records.allSatisfy { $0.outcome == .ok })
    }

    @Test("Android 2.1: QP names with soft breaks, several ORG, e-mail-only cards, base64 photo ended by a blank line")
    func android() throws {
        let contacts = try readVCard(fixture: "vcard/android_v21_qp_utf8.vcf").contacts
        try #require(contacts.count == 3)
        #expect(contacts[0].fullName == "José Ramón Muñoz Gómez")
        #expect(contacts[0].name == PersonName(family: "Muñoz Gómez", given: "José Ramón"))
        #expect(contacts[0].organization == "Construcciones Ejemplo S.A.")
        #expect(contacts[0].extras.contains { $0.name == "ORG" && $0.value == "Asociación Deportiva Ejemplo" })
        #expect(contacts[0].note?.hasPrefix("Vecino de Sevilla. Llamar por la tarde.\nCumpleaños") == true)
        #expect(contacts[1].emails.map(\.value) == ["solo.email@example.com"])
        #expect(contacts[1].fullName == nil)
        let photo = try #require(contacts[2].photo)
        #expect(photo.mediaType == "image/jpeg")
        #expect(photo.data?.count == 57)
        #expect(photo.data?.prefix(2) == Data([0xFF, 0xD8]))
    }

    @Test("vCard 4.0: data: URIs, PREF order, caret-encoded parameters, quoted parameters with : ; ,")
    func vcard40() throws {
        let contacts = try readVCard(fixture: "vcard/vcard40_rfc6350.vcf").contacts
        try #require(contacts.count == 2)
        let first = contacts[0]
        #expect(first.nicknames == ["Lupita", "Lupe"])
        #expect(first.emails.map(\.pref) == [2, 1])
        #expect(first.photo?.mediaType == "image/png")
        #expect(first.photo?.data?.count == 69)
        #expect(first.logo?.uri == "https://www.example.com/logo.png")
        #expect(first.key?.mediaType == "application/pgp-keys")
        #expect(first.extras.contains { $0.name == "X-CUSTOM" && $0.parameters == [.init(name: "X-PARAM", values: ["uno"])] })
        #expect(contacts[1].addresses.first?.formatted?.hasPrefix("Edificio B; Piso 3: Recepción\n") == true)
        #expect(contacts[1].extras.isEmpty || !contacts[1].extras.contains { $0.name == "NOTE" })
    }

    // MARK: Encodings

    @Test("UTF-8 with BOM, UTF-16 LE and BE with BOM (surrogate pairs included)")
    func unicodeEncodings() throws {
        #expect(try readVCard(fixture: "vcard/utf8_bom_crlf.vcf").contacts.first?.fullName == "Lucía Pérez Sánchez")
        let le = try #require(try readVCard(fixture: "vcard/utf16le_bom.vcf").contacts.first)
        #expect(le.name == PersonName(family: "Çelik", given: "Ayşe"))
        #expect(le.note == "Conocida en Barcelona – Smart City Expo 😀")
        #expect(try readVCard(fixture: "vcard/utf16be_bom.vcf").contacts.first?.fullName == "Zoë Müller")
    }

    @Test("bytes that are not UTF-8 fall back to Windows-1252, with one note per file")
    func windows1252Fallback() throws {
        let result = try readVCard(fixture: "vcard/cp1252_no_charset_v30.vcf")
        let contact = try #require(result.contacts.first)
        #expect(contact.title == "Directora Técnica – I+D")
        #expect(contact.name?.given == "Begoña")
        #expect(result.fileDiagnostics.map(\.code) == [.encodingFallback])
        #expect(result.records[0].outcome == .ok)
    }

    @Test("CHARSET=ISO-8859-1 on a QP value, and an unknown charset warns")
    func declaredCharsets() throws {
        let text = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Ib=E1=F1ez;Sof=EDa\r\n"
            + "NOTE;CHARSET=X-KLINGON:hola\r\nEND:VCARD\r\n"
        let result = try readVCard(text)
        #expect(result.contacts.first?.name == PersonName(family: "Ibáñez", given: "Sofía"))
        #expect(result.codes == ["vcard.unknown-charset"])
    }

    @Test("a fold that splits a UTF-8 character is joined on bytes before decoding")
    func foldInsideCharacter() throws {
        let contact = try #require(try readVCard(fixture: "vcard/google_export_3.0.vcf").contacts.first)
        #expect(contact.note?.contains("Diseñadora de envases") == true)
        #expect(contact.note?.contains("reunión en Guadalajara") == true)
        #expect(contact.note?.contains("\u{FFFD}") == false)
        #expect(contact.addresses.first?.street == "Av. Insurgentes Sur 1602\nCol. Crédito Constructor\nBenito Juárez, CDMX 03940\nMéxico")
    }

    @Test("folding with LF + tab, lone CR + space, and CRLF; CR CR LF line ends")
    func foldingVariants() throws {
        let contacts = try readVCard(fixture: "vcard/folding_variants.vcf").contacts
        #expect(contacts.map(\.fullName) == ["Íñigo Etxeberria Goikoetxea", "Marta Sáez Ferrer", "Ander Goñi Zubiri"])
        #expect(contacts[0].title == "Responsable de Transformación Digital y Experiencia de Cliente para Europa y Latinoamérica")
        #expect(contacts[1].title == "Coordinadora de Relaciones Institucionales y Comunicación Corporativa")
        #expect(contacts[2].note?.hasSuffix("congreso de otoño en San Sebastián.") == true)
        let iphone = try readVCard(fixture: "vcard/ez-vcard/John_Doe_IPHONE.vcf")
        #expect(iphone.codes.isEmpty)
        #expect(iphone.contacts.first?.photo?.data?.count ?? 0 > 30_000)
    }

    // MARK: Escapes and structure

    @Test("escapes per version: 2.1 knows only \\; while 3.0 and 4.0 undo \\n \\, \\; \\\\ (and \\N)")
    func escapes() throws {
        let contacts = try readVCard(fixture: "vcard/escapes_by_version.vcf").contacts
        try #require(contacts.count == 3)
        #expect(contacts[0].name?.family == "López;Vidal")
        #expect(contacts[0].note == "Ficheros en C:\\Users\\carmen\\Documentos")
        #expect(contacts[1].note == "Línea uno\nLínea dos, con coma; y punto y coma \\ barra")
        #expect(contacts[1].organization == "Moreno y Asociados, S.L.P.")
        #expect(contacts[1].department == "Área Fiscal; Mercantil")
        #expect(contacts[1].addresses.first?.extended == "Oficina 2, planta 1")
        #expect(contacts[1].categories == ["Abogados", "Madrid, centro"])
        #expect(contacts[2].note == "Primera línea\nSegunda línea")
    }

    @Test("names: FN derived from N, N derived from FN, 'Family, Given' order")
    func derivedNames() throws {
        let contacts = try readVCard(fixture: "vcard/only_fn_or_only_n.vcf").contacts
        #expect(contacts[0].name == PersonName(family: "Martínez", given: "Juan Carlos de la Fuente"))
        #expect(contacts[1].fullName == "Dña. María del Carmen Ruiz-Giménez")
        #expect(contacts[2].name == PersonName(family: "GARCÍA LÓPEZ", given: "ANA"))
        let scanner = try readVCard(fixture: "vcard/scanner_style_ocr_artifacts.vcf").contacts
        #expect(scanner[1].name?.given == "Guadalupe Hernández")  // empty N: split from FN
    }

    // MARK: Bad input

    @Test("malformed file: every card is accounted for, every problem located")
    func malformedRecovery() throws {
        let result = try readVCard(fixture: "vcard/malformed_recovery.vcf")
        #expect(result.records.map(\.outcome) == [.ok, .withWarnings, .withWarnings, .skipped, .withWarnings, .withWarnings])
        #expect(result.contacts.map(\.fullName) == ["Ana Torres", "Carlos Vega", "Elena Ruiz", "Pablo Ortiz", "Último Sin Fin"])
        #expect(result.codes(at: 7) == ["vcard.missing-end"])
        #expect(result.codes(at: 15) == ["vcard.malformed-line"])
        #expect(result.codes(at: 18) == ["vcard.outside-card"])
        #expect(result.codes(at: 19) == ["vcard.empty-card"])
        #expect(result.codes(at: 26) == ["vcard.bad-date"])
        #expect(result.codes(at: 27) == ["vcard.base64-decode-failed"])
        #expect(result.codes(at: 30) == ["vcard.missing-end"])
        // Values that could not be parsed are kept, not dropped.
        let pablo = result.contacts[3]
        #expect(pablo.extras.contains { $0.name == "BDAY" && $0.value == "no me acuerdo" })
        #expect(pablo.extras.contains { $0.name == "PHOTO" })
        // Lower-case property names are read like upper-case ones.
        #expect(result.contacts[0].emails.first?.value == "ana.torres@example.es")
        // The malformed line's text is only in the detail, never in the message.
        let malformed = try #require(result.allDiagnostics.first { $0.code == .vcardMalformedLine })
        #expect(malformed.detail == "esto no es una propiedad")
        #expect(!malformed.rendered(verbose: false).contains("propiedad"))
        #expect(malformed.rendered(verbose: true).contains("esto no es una propiedad"))
    }

    @Test("a card made only of lines that are not properties is rejected with an error")
    func rejected() throws {
        let result = try readVCard("BEGIN:VCARD\nVERSION:3.0\nno colon here\nEND:VCARD\nBEGIN:VCARD\nFN:Ok\nEND:VCARD\n")
        #expect(result.records.map(\.outcome) == [.rejected, .withWarnings])
        #expect(result.codes == ["vcard.malformed-line", "vcard.no-properties", "vcard.unknown-version"])
    }

    @Test("empty and BOM-only files hold no records and no errors", arguments: ["vcard/empty.vcf", "vcard/bom_only.vcf"])
    func emptyFiles(fixture: String) throws {
        let result = try readVCard(fixture: fixture)
        #expect(result.records.isEmpty)
        #expect(result.allDiagnostics.isEmpty)
    }

    @Test("declared UTF-8 with a bad byte is repaired, not turned into mojibake")
    func repairedUTF8() throws {
        let bytes = Array("BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91o=80\r\nEND:VCARD\r\n".utf8)
        let result = try readVCard(bytes: bytes)
        #expect(result.contacts.first?.fullName == "Ño\u{FFFD}")
        #expect(result.codes == ["encoding.invalid"])
    }

    @Test("streaming: cards are read one by one from a source that hands out a byte at a time")
    func tinyChunks() throws {
        let path = Fixtures.path("vcard/synthetic_es_mixed_versions.vcf")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let trickled = try readVCard(source: Trickle(bytes: bytes), file: "t.vcf")
        let whole = try readVCard(bytes: bytes, file: "t.vcf")
        #expect(trickled.contacts == whole.contacts)
        #expect(trickled.contacts.count == 3)
    }
}

@Suite("Parallel vCard reader")
struct ParallelVCardReaderTests {
    /// Everything the parallel reader hands out, with file diagnostics in the order they come.
    func readParallel(_ fixture: String, blockSize: Int, threads: Int) throws -> ReadResult {
        let input = try UnicodeInput(FileByteSource(path: Fixtures.path(fixture)))
        var reader = ParallelVCardReader(input: input, file: fixture, blockSize: blockSize, threads: threads)
        return try drain(&reader)
    }

    @Test("gives exactly what the sequential reader gives, whatever the block boundaries",
          arguments: Fixtures.vcards, [1, 64, 1 << 20])
    func sameAsSequential(fixture: String, blockSize: Int) throws {
        let sequential = try readVCard(fixture: fixture)
        let parallel = try readParallel(fixture, blockSize: blockSize, threads: 3)
        #expect(parallel.contacts == sequential.contacts)
        #expect(parallel.records.map(\.outcome) == sequential.records.map(\.outcome))
        #expect(parallel.records.map(\.source) == sequential.records.map(\.source))
        #expect(parallel.records.map(\.diagnostics) == sequential.records.map(\.diagnostics))
        #expect(parallel.fileDiagnostics == sequential.fileDiagnostics)
    }

    @Test("block boundaries fall only before a whole BEGIN:VCARD line")
    func splitPoints() {
        let text = Array("BEGIN:VCARD\r\nNOTE:x\r\n BEGIN:VCARD\r\nEND:VCARD\r\nbegin:vcard \r\nFN:a\r\nBEGIN:VCARDX\r\nBEGIN:VCARD".utf8)
        // The last line is incomplete (no line end yet) and "BEGIN:VCARDX" is not the keyword.
        #expect(ParallelVCardReader.splitPoint(in: text) == 46)
        #expect(ParallelVCardReader.splitPoint(in: Array("BEGIN:VCARD\r\n".utf8)) == nil)
    }
}

import Foundation
import Testing
@testable import CardModel
@testable import CardFormats
@testable import CardNormalize
@testable import CardDedup
@testable import CardExport

@Suite("vCard writer")
struct VCardWriterTests {
    static let ana = Contact(
        fullName: "Ana García López", name: PersonName(family: "García López", given: "Ana", prefixes: "Dra."),
        nicknames: ["Anita"],
        emails: [Email(value: "ana@example.es", types: ["work"], pref: 1, label: "Congresos"),
                 Email(value: "ana.casa@example.com", types: ["home"], pref: 2)],
        phones: [Phone(value: "+34 612 34 56 78", types: ["cell"]), Phone(value: "+52-55-5555-0100", types: ["work"], ext: "12")],
        urls: [WebLink(value: "https://www.linkedin.com/in/anagarcia")],
        addresses: [PostalAddress(types: ["work"], street: "Calle de Alcalá 48, 3º B", locality: "Madrid", postalCode: "28014",
                                  country: "España", formatted: "Calle de Alcalá 48, 3º B\n28014 Madrid")],
        organization: "Moreno y Asociados, S.L.P.", department: "Área Fiscal; Mercantil", title: "Socia",
        birthday: PartialDate(year: nil, month: 2, day: 29), note: "Conocida en el Networking Tech Madrid.\nPide propuesta; llamar",
        photo: Media(data: Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]), mediaType: "image/jpeg"),
        uid: "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1", categories: ["Eventos", "Madrid, centro"],
        extras: [RawProperty(group: "item9", name: "X-ABADR", value: "es"),
                 RawProperty(name: "X-CUSTOM", parameters: [.init(name: "X-PARAM", values: ["uno, dos"])], value: "valor\\, con coma")])

    @Test("writes and re-reads every field losslessly", arguments: VCardVersion.writable)
    func roundTrip(version: VCardVersion) throws {
        let text = VCardWriter.string(for: [Self.ana], version: version)
        let result = try readVCard(text)
        #expect(result.allDiagnostics.isEmpty)
        // A labelled value is written in a fresh group (item1), which it keeps from then on.
        var expected = Self.ana
        expected.emails[0].group = "item1"
        #expect(result.contacts.map(\.withoutSource) == [expected])
        let again = try readVCard(VCardWriter.string(for: result.contacts, version: version))
        #expect(again.contacts.map(\.withoutSource) == [expected])
    }

    @Test("3.0 form: TYPE=pref, Apple year-less birthday, base64 photo, labels in fresh groups")
    func version30() {
        let text = VCardWriter.string(for: [Self.ana], version: .v3_0)
        #expect(text.hasPrefix("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana García López\r\nN:García López;Ana;;Dra.;\r\n"))
        #expect(text.contains("\r\nitem1.EMAIL;TYPE=work,pref:ana@example.es\r\nitem1.X-ABLabel:Congresos\r\n"))
        #expect(text.contains("\r\nEMAIL;TYPE=home;PREF=2:ana.casa@example.com\r\n"))
        #expect(text.contains("\r\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29\r\n"))
        #expect(text.contains("\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ\r\n"))
        #expect(text.contains("\r\nTEL;TYPE=cell:+34 612 34 56 78\r\n"))
        #expect(text.contains("\r\nTEL;VALUE=uri;TYPE=work:tel:+52-55-5555-0100;ext=12\r\n"))
        #expect(text.contains("\r\nORG:Moreno y Asociados\\, S.L.P.;Área Fiscal\\; Mercantil\r\n"))
        #expect(text.contains("\r\nNOTE:Conocida en el Networking Tech Madrid.\\nPide propuesta\\; llamar\r\n"))
        #expect(text.contains("\r\nX-CUSTOM;X-PARAM=\"uno, dos\":valor\\, con coma\r\n"))
        #expect(text.hasSuffix("END:VCARD\r\n"))
    }

    @Test("4.0 form: PREF=n, tel: URIs, --MMDD, data: URI, LABEL with caret-encoded newline")
    func version40() {
        let text = VCardWriter.string(for: [Self.ana], version: .v4_0)
        #expect(text.contains("\r\nitem1.EMAIL;TYPE=work;PREF=1:ana@example.es\r\nitem1.X-ABLabel:Congresos\r\n"))
        #expect(text.contains("\r\nTEL;VALUE=uri;TYPE=work:tel:+52-55-5555-0100;ext=12\r\n"))
        #expect(text.contains("\r\nTEL;VALUE=text;TYPE=cell:+34 612 34 56 78\r\n"))
        #expect(text.contains("\r\nBDAY:--0229\r\n"))
        #expect(text.contains("\r\nPHOTO:data:image/jpeg;base64,/9j/4AAQ\r\n"))
        #expect(text.contains("LABEL=\"Calle de Alcalá 48, 3º B^n28014 Madrid\""))
    }

    @Test("lines fold at 75 octets, never inside a UTF-8 character, with CRLF and a leading space")
    func folding() throws {
        let note = String(repeating: "ñandú é ", count: 40)
        let contact = Contact(fullName: "Íñigo", note: note)
        let text = VCardWriter.string(for: [contact])
        let bytes = Array(text.utf8)
        var lines: [[UInt8]] = [[]]
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A {
                lines.append([])
                i += 2
            } else {
                #expect(bytes[i] != 0x0A && bytes[i] != 0x0D, "only CRLF line ends")
                lines[lines.count - 1].append(bytes[i])
                i += 1
            }
        }
        #expect(lines.allSatisfy { $0.count <= 75 })
        for line in lines {
            #expect(String(validating: line, as: UTF8.self) != nil, "no UTF-8 character split across lines")
        }
        #expect(lines.filter { $0.first == 0x20 }.count >= 5)
        #expect(try readVCard(text).contacts.first?.note == note)
    }

    @Test("a contact with no name still writes the FN and N that 3.0 requires")
    func requiredProperties() throws {
        let contact = Contact(emails: [Email(value: "solo@example.com")])
        let text = VCardWriter.string(for: [contact], version: .v3_0)
        #expect(text == "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:\r\nN:;;;;\r\nEMAIL:solo@example.com\r\nEND:VCARD\r\n")
        #expect(try readVCard(text).contacts.map(\.withoutSource) == [contact])
    }
}

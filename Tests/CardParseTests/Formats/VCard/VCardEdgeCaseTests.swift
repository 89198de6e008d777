import Foundation
import Testing
@testable import CardModel
@testable import CardFormats
@testable import CardNormalize
@testable import CardDedup
@testable import CardExport

/// Edge cases found in review; each test fails without the handling it names.
@Suite("vCard edge cases")
struct VCardEdgeCaseTests {
    func card(_ body: String, version: String = "3.0") throws -> ReadResult {
        try readVCard("BEGIN:VCARD\r\nVERSION:\(version)\r\n" + body + "END:VCARD\r\n")
    }

    @Test("URI-like values with line breaks cannot inject properties or cards", arguments: VCardVersion.writable)
    func uriInjection(version: VCardVersion) throws {
        let result = try card("FN:Ana\r\nUID:a\\nEND:VCARD\\nBEGIN:VCARD\\nFN:Mallory\r\nURL:https://example.com/a\\\\b\r\n")
        let contact = try #require(result.contacts.first)
        #expect(contact.uid == "a\nEND:VCARD\nBEGIN:VCARD\nFN:Mallory")
        let reread = try readVCard(VCardWriter.string(for: [contact], version: version))
        #expect(reread.records.count == 1)
        #expect(reread.contacts.map(\.withoutSource) == [contact.withoutSource])
    }

    @Test("a QP soft break wins over folding: the next line's leading space is data")
    func softBreakThenSpace() throws {
        let result = try card("FN:Ana\r\nNOTE;ENCODING=QUOTED-PRINTABLE:Hello=\r\n World\r\n", version: "2.1")
        #expect(result.contacts.first?.note == "Hello World")
        #expect(result.codes.isEmpty)
    }

    @Test("a stray '=' ending the last QP value does not swallow END:VCARD")
    func strayEqualsBeforeEnd() throws {
        let result = try readVCard("BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE;ENCODING=QUOTED-PRINTABLE:fin=\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nFN:B\r\nEND:VCARD\r\n")
        #expect(result.records.map(\.outcome) == [.ok, .ok])
        #expect(result.contacts.first?.note == "fin")
    }

    @Test("a byte-order mark where two files were joined does not hide a card")
    func bomMidStream() throws {
        let a = Array("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n".utf8)
        let b = [0xEF, 0xBB, 0xBF] + Array("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:B\r\nEND:VCARD\r\n".utf8)
        let result = try readVCard(bytes: a + b)
        #expect(result.contacts.map(\.fullName) == ["A", "B"])
        #expect(result.codes.isEmpty)
    }

    @Test("quoted ENCODING, CHARSET and PREF values are understood")
    func quotedSingleValues() throws {
        let result = try card("FN:Ana\r\nNOTE;ENCODING=\"QUOTED-PRINTABLE\";CHARSET=\"UTF-8\":Caf=C3=A9\r\nEMAIL;PREF=\"1\":a@example.es\r\n", version: "2.1")
        #expect(result.contacts.first?.note == "Café")
        #expect(result.contacts.first?.emails.first?.pref == 1)
        #expect(result.codes.isEmpty)
    }

    @Test("an unbalanced quote in a parameter keeps the property")
    func unbalancedQuote() throws {
        let result = try card("FN:Ana\r\nTITLE;X-NOTE=24\" monitor:Buyer\r\n")
        #expect(result.contacts.first?.title == "Buyer")
    }

    @Test("a raw property that was base64 (2.1 bare BASE64) keeps its encoding")
    func rawBase64() throws {
        let result = try card("FN:Ana\r\nPHOTO;JPEG;BASE64:/9j/4AAQ\r\nPHOTO;JPEG;BASE64:/9j/4BBQ\r\n", version: "2.1")
        let raw = try #require(result.contacts.first?.extras.first { $0.name == "PHOTO" })
        #expect(raw.parameters == [.init(name: "ENCODING", values: ["b"]), .init(name: "TYPE", values: ["JPEG"])])
    }

    @Test("ADR LABEL keeps its commas; parameter values with ^ carets round-trip in 3.0 too", arguments: VCardVersion.writable)
    func parameterValues(version: VCardVersion) throws {
        let result = try card("FN:Ana\r\nADR;LABEL=1 Main St, Springfield:;;1 Main St;Springfield;;;\r\nX-FOO;X-P=a^nb ^'q^':v\r\n", version: "4.0")
        let contact = try #require(result.contacts.first)
        #expect(contact.addresses.first?.formatted == "1 Main St, Springfield")
        #expect(contact.extras.first?.parameters == [.init(name: "X-P", values: ["a\nb \"q\""])])
        let reread = try readVCard(VCardWriter.string(for: [contact], version: version))
        #expect(reread.contacts.map(\.withoutSource) == [contact.withoutSource])
    }

    @Test("photos: no media type round-trips; an empty data: URI is no photo", arguments: VCardVersion.writable)
    func photos(version: VCardVersion) throws {
        let typeless = try #require(try card("FN:Ana\r\nPHOTO;ENCODING=b:AAAA\r\n").contacts.first)
        #expect(typeless.photo == Media(data: Data([0, 0, 0])))
        #expect(try readVCard(VCardWriter.string(for: [typeless], version: version)).contacts.first?.photo == typeless.photo)
        let empty = try #require(try card("FN:Ana\r\nPHOTO:data:image/png;base64,\r\n", version: "4.0").contacts.first)
        #expect(empty.photo == nil)
    }

    @Test("ISO-8859-15 has the euro sign")
    func latin9() throws {
        let result = try card("FN:Ana\r\nNOTE;CHARSET=ISO-8859-15;ENCODING=QUOTED-PRINTABLE:=A4 =A6=BD\r\n", version: "2.1")
        #expect(result.contacts.first?.note == "€ Šœ")
    }

    @Test("a tel: URI with an empty number keeps the extension as the extension")
    func telEmptyNumber() throws {
        let phone = try #require(try card("FN:Ana\r\nTEL;VALUE=uri:tel:;ext=5\r\n", version: "4.0").contacts.first?.phones.first)
        #expect(phone.value == "")
        #expect(phone.ext == "5")
    }
}

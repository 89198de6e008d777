import Testing
@testable import CardModel
@testable import CardFormats
@testable import CardNormalize
@testable import CardDedup
@testable import CardExport

@Suite("Format detection")
struct FormatDetectorTests {
    @Test("content decides, not the extension", arguments: [
        ("BEGIN:VCARD\r\nVERSION:3.0\r\n", "contacts.csv", SourceFormat.vcard),
        ("\r\n  begin:vcard\nfn:x\n", "x.txt", .vcard),
        ("From: someone\nBEGIN:VCARD\n", "mail.eml", .vcard),
        ("<!DOCTYPE html><html>", "page.vcf", .html),
        ("First Name,Last Name,Email\n", "export", .csv),
        ("Nombre;Apellidos;Correo\n", "export.txt", .csv),
    ] as [(String, String, SourceFormat)])
    func detects(text: String, path: String, expected: SourceFormat) {
        #expect(FormatDetector.detect(head: Array(text.utf8), path: path) == expected)
    }

    @Test("unknown content without a telling extension")
    func unknown() {
        #expect(FormatDetector.detect(head: Array("just some words".utf8), path: "notes") == nil)
    }
}

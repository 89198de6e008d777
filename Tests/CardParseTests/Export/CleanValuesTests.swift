import Foundation
import Testing
import CardParse

/// Clean exports write a phone in E.164 when normalization found it valid (a CRM reads a national
/// number in its own country), and as written otherwise; `--raw` keeps the source's text.
@Suite("clean exports use clean values")
struct CleanValuesTests {
    @Test("CRM layouts, generic CSV and vCard write E.164; invalid numbers and --raw runs are written as they came")
    func e164() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cardtool-e164-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.csv").path
        try "Name,Phone,Mobile,Country\r\nRobert Smith,(415) 555-0142,,USA\r\nLucía Fernández,91 555 23 10,655 43 21 09,España\r\nNadie Raro,55-12,,\r\n"
            .write(toFile: input, atomically: false, encoding: .utf8)
        let cli = CardToolCLITests()
        for crm in ["hubspot", "salesforce", "google", "outlook", "generic"] {
            let r = try cli.run(["parse", input, "--to", "csv", "--crm", crm, "--region", "ES", "--quiet"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("+34655432109") && r.stdout.contains("+34915552310"), "\(crm): \(r.stdout)")
            #expect(!r.stdout.contains("655 43 21 09"), "\(crm)")
            #expect(r.stdout.contains("55-12"), "\(crm): an invalid number is written as it came")
        }
        let vcf = try cli.run(["parse", input, "--to", "vcf", "--region", "ES", "--quiet"]).stdout
        #expect(vcf.contains(":+34655432109\r\n") && !vcf.contains("655 43 21 09"))
        let raw = try cli.run(["parse", input, "--to", "csv", "--crm", "hubspot", "--raw", "--quiet"]).stdout
        #expect(raw.contains("655 43 21 09") && !raw.contains("+34655432109"))
    }
}

import Foundation
import Testing
@testable import CardModel
@testable import CardFormats
@testable import CardNormalize
@testable import CardDedup
@testable import CardExport

@Suite("Partial dates")
struct PartialDateTests {
    @Test("ISO 8601 forms vCard uses", arguments: [
        ("1980-03-22", "1980-03-22"), ("19800322", "1980-03-22"), ("--0412", "--04-12"), ("--04-12", "--04-12"),
        ("1980-03-22T00:00:00Z", "1980-03-22"), (" 2000-02-29 ", "2000-02-29"), ("0007-01-09", "0007-01-09"),
        ("9999-12-31", "9999-12-31"), ("--1231", "--12-31"), ("2024-10-01", "2024-10-01"),
    ])
    func parses(input: String, expected: String) {
        #expect(PartialDate(iso8601: input)?.iso8601 == expected)
    }

    @Test("not dates", arguments: ["no me acuerdo", "1980-13-01", "1900-02-29", "1980-3-22", "", "--1301", "22/03/1980"])
    func rejects(input: String) {
        #expect(PartialDate(iso8601: input) == nil)
    }

    @Test("Codable as ISO text")
    func codable() throws {
        let date = try #require(PartialDate(year: nil, month: 7, day: 23))
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["--07-23"]"#)
        #expect(try JSONDecoder().decode([PartialDate].self, from: data) == [date])
    }
}

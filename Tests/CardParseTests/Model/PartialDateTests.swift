import Foundation
import Testing
@testable import CardModel
@testable import CardFormats
@testable import CardNormalize
@testable import CardDedup
@testable import CardExport
@testable import CardStore

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

    @Test("day numbers and their dates agree both ways, every day from 1600 to 2400")
    func dayNumbers() throws {
        var expected = try #require(PartialDate(year: 1600, month: 1, day: 1)).dayNumber
        var wrong: [String] = []
        for year in 1600...2400 {
            for month in 1...12 {
                for day in 1...31 {
                    guard let date = PartialDate(year: year, month: month, day: day) else { continue }
                    if date.dayNumber != expected || PartialDate(dayNumber: expected) != date { wrong.append(date.iso8601) }
                    expected += 1
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        #expect(expected - PartialDate(year: 1600, month: 1, day: 1)!.dayNumber == 801 * 365 + 195, "801 years, 195 of them leap")
    }

    @Test("adding days gives Foundation's Gregorian calendar's answer")
    func addingDays() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let starts = ["2024-02-28", "2023-12-31", "2000-02-29", "1900-02-28", "2026-11-30", "1600-01-01", "9999-01-01", "--02-29", "--12-31"]
        for text in starts {
            let start = try #require(PartialDate(iso8601: text))
            for days in [-400, -366, -365, -31, -1, 0, 1, 7, 28, 29, 30, 31, 90, 182, 365, 366, 1_000, 10_000] {
                var components = DateComponents(year: start.year ?? 1, month: start.month, day: start.day)
                components.timeZone = calendar.timeZone
                let moved = calendar.dateComponents([.year, .month, .day], from: calendar.date(byAdding: .day, value: days, to: calendar.date(from: components)!)!)
                let want = PartialDate(year: moved.year, month: moved.month!, day: moved.day!) ?? start
                #expect(start.adding(days: days) == want, "\(text) + \(days)")
            }
        }
    }
}

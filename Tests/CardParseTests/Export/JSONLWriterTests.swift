import Foundation
import Testing
@testable import CardModel
@testable import CardFormats
@testable import CardNormalize
@testable import CardDedup
@testable import CardExport

@Suite("JSON Lines writer")
struct JSONLWriterTests {
    @Test("one line per contact with the documented camelCase keys, in order")
    func contract() throws {
        var writer = JSONLWriter()
        writer.write(VCardWriterTests.ana)
        let line = String(decoding: writer.takeOutput(), as: UTF8.self)
        #expect(line.hasSuffix("}\n"))
        #expect(line.filter { $0 == "\n" }.count == 1)
        #expect(line.hasPrefix(#"{"fullName":"Ana García López","name":{"family":"García López","given":"Ana","prefixes":"Dra."},"nickname":"Anita","emails":[{"value":"ana@example.es","types":["work"],"pref":1,"label":"Congresos"}"#))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["fullName", "name", "nickname", "emails", "phones", "organization", "department", "title",
                                     "urls", "addresses", "birthday", "note", "uid", "categories", "photo", "events", "extras"])
        #expect(object["birthday"] as? String == "--02-29")
        #expect(object["urls"] as? [String] == ["https://www.linkedin.com/in/anagarcia"])
        let phones = try #require(object["phones"] as? [[String: Any]])
        #expect(phones[1]["ext"] as? String == "12")
        let photo = try #require(object["photo"] as? [String: Any])
        #expect(photo["bytes"] as? Int == 6)
        #expect(photo["mediaType"] as? String == "image/jpeg")
    }

    @Test("absent fields are omitted, arrays are always present, strings are escaped")
    func absentAndEscaped() throws {
        var writer = JSONLWriter()
        var contact = Contact(fullName: "Quote \"\\ tab\t\u{1}", events: [MetEvent(name: "Networking Tech Madrid", date: PartialDate(year: 2024, month: 3, day: 14))])
        contact.source = SourceReference(file: "a.vcf", record: 2, line: 9, format: .vcard)
        writer.write(contact)
        let line = String(decoding: writer.takeOutput(), as: UTF8.self)
        #expect(line == #"{"fullName":"Quote \"\\ tab\t\u0001","emails":[],"phones":[],"urls":[],"addresses":[],"categories":[],"events":[{"name":"Networking Tech Madrid","date":"2024-03-14"}],"extras":[],"source":{"file":"a.vcf","record":2,"line":9,"format":"vcard"}}"# + "\n")
    }

    @Test("a character to escape is found at every position of long strings, beside accents and other scripts")
    func escapingEverywhere() throws {
        let specials: [Character] = ["\"", "\\", "\n", "\t", "\u{1}", "\u{1F}"]
        for length in [1, 7, 8, 9, 15, 16, 17, 40] {
            for position in 0..<length {
                for special in specials {
                    var text = String(repeating: "aé", count: length)
                    text = String(text.prefix(length))
                    var chars = Array(text)
                    chars[position] = special
                    let value = String(chars) + "ñ日本 ok"
                    var out: [UInt8] = []
                    JSONObject.appendString(value, to: &out)
                    let decoded = try JSONSerialization.jsonObject(with: Data(out), options: .fragmentsAllowed) as? String
                    #expect(decoded == value)
                }
            }
        }
        var out: [UInt8] = []
        JSONObject.appendString("García López, Ana María — 日本語 ~ 0123456789", to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "\"García López, Ana María — 日本語 ~ 0123456789\"")
    }
}

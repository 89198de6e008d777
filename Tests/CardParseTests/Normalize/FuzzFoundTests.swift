import Foundation
import Testing
@testable import CardModel
@testable import CardNormalize

/// Inputs `make fuzz` found that once crashed, kept as they were found.
@Suite("Found by fuzzing")
struct FuzzFoundTests {
    @Test("a name with e-mail-like words, NUL bytes and bytes that are not UTF-8 does not trap")
    func nameWithNULAndAt() {
        let bytes = Array(FileManager.default.contents(atPath: Fixtures.path("fuzz/name-nul-and-at.bin")) ?? Data())
        #expect(bytes.count == 49)
        let text = String(decoding: bytes, as: UTF8.self)
        let parsed = NameNormalizer.parse(text)
        _ = NameNormalizer.clean(PersonName(family: text, given: text))
        // The address-like words are taken out of the name, and nothing of them stays in it.
        #expect(!parsed.emails.isEmpty)
        #expect(!(parsed.name.given ?? "").contains("@") && !(parsed.name.family ?? "").contains("@"))
    }
}

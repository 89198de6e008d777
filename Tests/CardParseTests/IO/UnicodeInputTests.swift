import Testing
@testable import CardModel
@testable import CardFormats
@testable import CardNormalize
@testable import CardDedup
@testable import CardExport

@Suite("Input decoding")
struct UnicodeInputTests {
    func decode(_ bytes: [UInt8]) throws -> (InputEncoding, [UInt8]) {
        let input = try UnicodeInput(MemoryByteSource(bytes))
        var out: [UInt8] = []
        while try input.read(into: &out) {}
        return (input.encoding, out)
    }

    @Test("BOMs: UTF-8 is stripped, UTF-16 LE/BE become UTF-8, surrogate pairs joined")
    func boms() throws {
        #expect(try decode([0xEF, 0xBB, 0xBF, 0x41]) == (.utf8BOM, [0x41]))
        #expect(try decode([0xFF, 0xFE, 0xF1, 0x00, 0x3D, 0xD8, 0x00, 0xDE]) == (.utf16LE, Array("ñ😀".utf8)))
        #expect(try decode([0xFE, 0xFF, 0x00, 0xF1, 0xD8, 0x3D, 0xDE, 0x00]) == (.utf16BE, Array("ñ😀".utf8)))
    }

    @Test("UTF-16 without a BOM is recognised from ASCII text; broken surrogates become U+FFFD")
    func utf16WithoutBOM() throws {
        #expect(try decode(Array("BE".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })) == (.utf16LE, Array("BE".utf8)))
        #expect(try decode([0xFF, 0xFE, 0x3D, 0xD8, 0x41, 0x00]).1 == Array("\u{FFFD}A".utf8))
    }

    @Test("Windows-1252 and Latin-1 decoding of the bytes that differ")
    func singleByte() {
        #expect(TextDecoding.decode([0x96, 0x80, 0xF1], charset: .windows1252).text == "–€ñ")
        #expect(TextDecoding.decode([0xF1], charset: .latin1).text == "ñ")
        let fallback = TextDecoding.decode([0x47, 0xE1, 0x6C])
        #expect(fallback.text == "Gál")
        #expect(fallback.usedFallback)
        #expect(!TextDecoding.decode(Array("Gál".utf8)).usedFallback)
    }

    @Test("strict UTF-8 validation", arguments: [
        ([0xC3, 0xB1], true), ([0xC3], false), ([0xC0, 0x80], false), ([0xED, 0xA0, 0x80], false),
        ([0xF0, 0x9F, 0x98, 0x80], true), ([0xF4, 0x90, 0x80, 0x80], false), ([0x80], false),
    ] as [([UInt8], Bool)])
    func validation(bytes: [UInt8], valid: Bool) {
        #expect(bytes.withUnsafeBufferPointer { TextDecoding.isValidUTF8($0) } == valid)
    }
}

import Foundation

/// Turns value bytes into text: strict UTF-8 first, Windows-1252 when the bytes are not UTF-8.
///
/// Works on bytes because folds and quoted-printable can only be undone before decoding.
public enum TextDecoding {
    /// Decoded text, and whether decoding had to fall back or repair.
    public struct Result {
        /// The decoded text.
        public var text: String
        /// The bytes were not valid in the expected encoding and were read as Windows-1252.
        public var usedFallback: Bool
        /// The bytes were declared UTF-8 but were not; invalid sequences became U+FFFD.
        public var repaired = false
    }

    /// Decodes with a declared charset, or UTF-8 with a Windows-1252 fallback when none is declared.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, charset: Charset?) -> Result {
        switch charset {
        case .utf8?:
            // Declared UTF-8: trust the declaration and repair, rather than turn the whole value
            // into Windows-1252 mojibake because of one bad byte.
            if isValidUTF8(bytes) { return Result(text: String(decoding: bytes, as: UTF8.self), usedFallback: false) }
            return Result(text: String(decoding: bytes, as: UTF8.self), usedFallback: false, repaired: true)
        case nil:
            if isASCII(bytes) { return Result(text: String(decoding: bytes, as: UTF8.self), usedFallback: false) }
            if let text = String(validating: bytes, as: UTF8.self) { return Result(text: text, usedFallback: false) }
            return Result(text: windows1252(bytes), usedFallback: true)
        case .windows1252?:
            return Result(text: windows1252(bytes), usedFallback: false)
        case .latin1?:
            return Result(text: latin1(bytes), usedFallback: false)
        case .latin9?:
            return Result(text: singleByte(bytes) { b in latin9Changes[b] ?? UInt32(b) }, usedFallback: false)
        case .foundation(let encoding)?:
            if let text = String(data: Data(bytes), encoding: encoding) { return Result(text: text, usedFallback: false) }
            return decode(bytes, charset: nil)
        }
    }

    /// The same as the buffer-pointer `decode`, for an array of bytes (UTF-8 with the fallback by default).
    public static func decode(_ bytes: [UInt8], charset: Charset? = nil) -> Result {
        bytes.withUnsafeBufferPointer { decode($0, charset: charset) }
    }

    /// Strict UTF-8 validation (no overlongs, no surrogates, nothing above U+10FFFF), without
    /// building a string.
    static func isValidUTF8(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        // Skip the ASCII prefix eight bytes at a time.
        var i = 0
        if let base = p.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= p.count && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
        }
        let n = p.count
        while i < n {
            let b = p[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; scalar = UInt32(b & 0x1F); minimum = 0x80
            case 0xE0...0xEF: length = 3; scalar = UInt32(b & 0x0F); minimum = 0x800
            case 0xF0...0xF4: length = 4; scalar = UInt32(b & 0x07); minimum = 0x10000
            default: return false
            }
            guard i + length <= n else { return false }
            for k in 1..<length {
                let c = p[i + k]
                guard c & 0xC0 == 0x80 else { return false }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return false }
            minimum = 0
            i += length
        }
        return true
    }

    /// Eight bytes at a time: most contact text is ASCII.
    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        var acc: UInt64 = 0
        while i + 8 <= bytes.count {
            acc |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        var tail: UInt8 = 0
        while i < bytes.count {
            tail |= bytes[i]
            i += 1
        }
        return acc & 0x8080_8080_8080_8080 == 0 && tail < 0x80
    }

    /// Windows-1252 differs from Latin-1 only in 0x80–0x9F; its five unassigned bytes map to the
    /// C1 controls of the same value, as the WHATWG encoding standard does.
    static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func windows1252(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        singleByte(bytes) { b in b >= 0x80 && b < 0xA0 ? cp1252High[Int(b) - 0x80] : UInt32(b) }
    }

    static let latin9Changes: [UInt8: UInt32] = [
        0xA4: 0x20AC, 0xA6: 0x0160, 0xA8: 0x0161, 0xB4: 0x017D, 0xB8: 0x017E, 0xBC: 0x0152, 0xBD: 0x0153, 0xBE: 0x0178,
    ]

    static func latin1(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        singleByte(bytes) { UInt32($0) }
    }

    static func singleByte(_ bytes: UnsafeBufferPointer<UInt8>, map: (UInt8) -> UInt32) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count * 2)
        for b in bytes {
            if b < 0x80 { utf8.append(b); continue }
            let v = map(b)
            if v < 0x800 {
                utf8.append(UInt8(0xC0 | (v >> 6)))
                utf8.append(UInt8(0x80 | (v & 0x3F)))
            } else {
                utf8.append(UInt8(0xE0 | (v >> 12)))
                utf8.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
                utf8.append(UInt8(0x80 | (v & 0x3F)))
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}

import CardModel
import Foundation

/// Single-byte and declared character sets that values may be in.
public enum Charset: Sendable, Equatable {
    case utf8
    case windows1252
    case latin1
    /// ISO-8859-15: Latin-1 with the euro sign and seven other letters in eight places.
    case latin9
    case foundation(String.Encoding)

    /// Maps an IANA name (`CHARSET=` in vCard 2.1, `--encoding` on the command line); nil when unknown.
    public init?(ianaName: String) {
        let key = String(decoding: ianaName.trimmed().utf8.map { b -> UInt8 in
            b == UInt8(ascii: "_") ? UInt8(ascii: "-") : (b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        }, as: UTF8.self)
        switch key {
        case "utf-8", "utf8", "us-ascii", "ascii": self = .utf8
        case "windows-1252", "cp1252", "x-cp1252", "ansi", "windows1252": self = .windows1252
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso-latin-1": self = .latin1
        case "iso-8859-15", "latin9", "latin-9": self = .latin9
        case "iso-8859-2", "latin2": self = .foundation(.isoLatin2)
        case "macintosh", "x-mac-roman", "macroman", "mac": self = .foundation(.macOSRoman)
        case "utf-16", "utf16": self = .foundation(.utf16)
        case "utf-16le": self = .foundation(.utf16LittleEndian)
        case "utf-16be": self = .foundation(.utf16BigEndian)
        case "shift-jis", "shift_jis", "sjis": self = .foundation(.shiftJIS)
        case "euc-jp": self = .foundation(.japaneseEUC)
        case "windows-1250", "cp1250": self = .foundation(.windowsCP1250)
        case "windows-1251", "cp1251": self = .foundation(.windowsCP1251)
        default: return nil
        }
    }
}

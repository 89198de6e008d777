import CardModel
#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The small grammars inside vCard values: quoted-printable, escapes, structured components, lists.
enum VCardValueCoding {
    /// Decodes `=XX` sequences. Soft line breaks were already joined by the line reader.
    /// Returns false as the second value when a malformed `=` sequence was kept literally.
    static func decodeQuotedPrintable(_ bytes: UnsafeBufferPointer<UInt8>) -> ([UInt8], Bool) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var ok = true
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "="), i + 2 < n + 0, let hi = hex(bytes[i + 1]), let lo = hex(bytes[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
            } else if b == UInt8(ascii: "=") && i == n - 1 {
                i += 1  // a stray soft break at the very end
            } else {
                if b == UInt8(ascii: "=") { ok = false }
                out.append(b)
                i += 1
            }
        }
        return (out, ok)
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    /// CRLF and lone CR become LF, so decoded text has one kind of line break.
    static func normalizeNewlines(_ text: String) -> String {
        guard text.containsByte(0x0D) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var previousCR = false
        for b in text.utf8 {
            if b == 0x0D {
                out.append(0x0A)
            } else if !(b == 0x0A && previousCR) {
                out.append(b)
            }
            previousCR = b == 0x0D
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Real line breaks as the `\n` escape, for raw values written back verbatim.
    static func escapeNewlines(_ text: String) -> String {
        guard text.containsByte(0x0A) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        for b in text.utf8 {
            if b == 0x0A { out.append(0x5C); out.append(UInt8(ascii: "n")) } else { out.append(b) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// RFC 6868: `^n` newline, `^'` double quote, `^^` caret.
    static func decodeCaret(_ text: String) -> String {
        var out = ""
        var it = text.makeIterator()
        while let c = it.next() {
            guard c == "^" else { out.append(c); continue }
            switch it.next() {
            case "n"?, "N"?: out.append("\n")
            case "'"?: out.append("\"")
            case "^"?: out.append("^")
            case let other?: out.append("^"); out.append(other)
            case nil: out.append("^")
            }
        }
        return out
    }

    static func encodeCaret(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "^": out += "^^"
            case "\n", "\r\n", "\r": out += "^n"
            case "\"": out += "^'"
            default: out.append(c)
            }
        }
        return out
    }

    /// Splits on an unescaped separator, undoing escapes and trimming blanks in each part, on bytes.
    /// vCard 2.1 knows only `\;` (and `\\`); 3.0 and 4.0 add `\,` and `\n`. Apple's `\:` is undone too.
    static func split(_ p: UnsafeBufferPointer<UInt8>, on separator: UInt8, version: VCardVersion) -> [String] {
        var parts: [String] = []
        parts.reserveCapacity(separator == UInt8(ascii: ";") ? 7 : 4)
        var start = 0
        var escaped = false
        var i = 0
        let n = p.count
        while i < n {
            let b = p[i]
            if b == 0x5C {
                escaped = true
                i += 2
                continue
            }
            if b == separator {
                parts.append(text(UnsafeBufferPointer(rebasing: p[start..<i]), version: version, trim: true, escaped: escaped))
                start = i + 1
                escaped = false
            }
            i += 1
        }
        parts.append(text(UnsafeBufferPointer(rebasing: p[start..<n]), version: version, trim: true, escaped: escaped))
        return parts
    }

    /// One text value from bytes: escapes undone, optionally trimmed, in one pass and one allocation.
    static func text(_ p: UnsafeBufferPointer<UInt8>, version: VCardVersion, trim: Bool,
                     escaped: Bool? = nil) -> String {
        var start = 0
        var end = p.count
        if trim {
            while start < end && p[start].isASCIIBlank { start += 1 }
            while end > start && p[end - 1].isASCIIBlank && !(end - 2 >= start && p[end - 2] == 0x5C) { end -= 1 }
        }
        let slice = UnsafeBufferPointer(rebasing: p[start..<end])
        let hasEscape = escaped ?? (slice.count > 0 && memchr(slice.baseAddress!, 0x5C, slice.count) != nil)
        if !hasEscape { return String(decoding: slice, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var i = 0
        while i < slice.count {
            if slice[i] == 0x5C {
                appendUnescaped(slice, &i, into: &out, version: version)
            } else {
                out.append(slice[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Undoes escapes in a single text value.
    static func unescape(_ value: String, version: VCardVersion) -> String {
        guard value.containsByte(0x5C) else { return value }
        var value = value
        return value.withUTF8 { text($0, version: version, trim: false, escaped: true) }
    }

    /// `p[i]` is a backslash: appends what the escape means and moves past it. Unknown escapes keep
    /// both characters, as do escapes the version does not have.
    @inline(__always)
    private static func appendUnescaped(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int, into out: inout [UInt8],
                                        version: VCardVersion) {
        guard i + 1 < p.count else {
            out.append(0x5C)
            i += 1
            return
        }
        let next = p[i + 1]
        i += 2
        switch next {
        case UInt8(ascii: ";"), 0x5C:
            out.append(next)
        case UInt8(ascii: ","), UInt8(ascii: ":"):
            if version == .v2_1 { out.append(0x5C) }
            out.append(next)
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            if version == .v2_1 { out.append(0x5C); out.append(next) } else { out.append(0x0A) }
        default:
            out.append(0x5C)
            out.append(next)
        }
    }

    /// Escapes a URI-like value (UID, URL, media links): only `\\` and line breaks, which would
    /// otherwise be misread or break the line; commas and semicolons are part of URIs.
    static func escapeURI(_ text: String) -> String {
        guard text.containsByte(0x5C) || text.containsByte(0x0A) || text.containsByte(0x0D) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 4)
        var previousCR = false
        for b in text.utf8 {
            switch b {
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: if !previousCR { out.append(0x5C); out.append(UInt8(ascii: "n")) }
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "n"))
            default: out.append(b)
            }
            previousCR = b == 0x0D
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Escapes text for a 3.0/4.0 value or structured component: `\\ \, \; \n` (CRLF and CR count as
    /// one line break).
    static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { p -> String? in
            var first = -1
            for i in 0..<p.count {
                let b = p[i]
                if b == 0x5C || b == 0x2C || b == 0x3B || b == 0x0A || b == 0x0D {
                    first = i
                    break
                }
            }
            if first < 0 { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(p.count + 8)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[0..<first]))
            var previousCR = false
            for i in first..<p.count {
                let b = p[i]
                switch b {
                case 0x5C, 0x2C, 0x3B: out.append(0x5C); out.append(b)
                case 0x0A: if !previousCR { out.append(0x5C); out.append(UInt8(ascii: "n")) }
                case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "n"))
                default: out.append(b)
                }
                previousCR = b == 0x0D
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }
}

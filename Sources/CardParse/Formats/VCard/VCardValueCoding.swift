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
        guard text.utf8.contains(0x0D) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// Real line breaks as the `\n` escape, for raw values written back verbatim.
    static func escapeNewlines(_ text: String) -> String {
        guard text.utf8.contains(0x0A) else { return text }
        return text.replacingOccurrences(of: "\n", with: "\\n")
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
            case "\n": out += "^n"
            case "\"": out += "^'"
            default: out.append(c)
            }
        }
        return out
    }

    /// Splits on an unescaped separator, undoing escapes in each part.
    /// vCard 2.1 knows only `\;` (and `\\`); 3.0 and 4.0 add `\,` and `\n`. Apple's `\:` is undone too.
    static func split(_ value: String, on separator: Character, version: VCardVersion) -> [String] {
        if !value.utf8.contains(UInt8(ascii: "\\")) {
            return value.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        }
        var parts: [String] = []
        var current = ""
        var escaped = false
        for c in value {
            if escaped {
                escaped = false
                current += unescape(c, version: version)
            } else if c == "\\" {
                escaped = true
            } else if c == separator {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        if escaped { current.append("\\") }
        parts.append(current)
        return parts
    }

    /// Undoes escapes in a single text value.
    static func unescape(_ value: String, version: VCardVersion) -> String {
        guard value.utf8.contains(UInt8(ascii: "\\")) else { return value }
        var out = ""
        var escaped = false
        for c in value {
            if escaped {
                escaped = false
                out += unescape(c, version: version)
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        if escaped { out.append("\\") }
        return out
    }

    private static func unescape(_ c: Character, version: VCardVersion) -> String {
        switch c {
        case ";", "\\": return String(c)
        case ",", ":": return version == .v2_1 ? "\\" + String(c) : String(c)
        case "n", "N": return version == .v2_1 ? "\\" + String(c) : "\n"
        default: return "\\" + String(c)  // not an escape: keep both characters
        }
    }

    /// Escapes text for a 3.0/4.0 value or structured component.
    static func escape(_ text: String) -> String {
        var needs = false
        for b in text.utf8 where b == 0x5C || b == 0x2C || b == 0x3B || b == 0x0A || b == 0x0D {
            needs = true
            break
        }
        guard needs else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        var previousCR = false
        for c in text.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case ",": out += "\\,"
            case ";": out += "\\;"
            case "\n": if !previousCR { out += "\\n" }
            case "\r": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
            previousCR = c == "\r"
        }
        return out
    }
}

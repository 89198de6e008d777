import CardModel
import Foundation

/// E-mail addresses: trimmed, `mailto:` and `?query` removed, domain lower-cased, syntax checked.
public enum EmailNormalizer {
    /// Cleans one address (`mailto:Ana@Example.COM?subject=Hi` → `Ana@example.com`) and checks its syntax.
    public static func normalize(_ address: String) -> (value: String, valid: Bool) {
        // On bytes, in place: every delimiter looked at is ASCII.
        var address = address
        return address.withUTF8 { p -> (value: String, valid: Bool) in
            func isTrim(_ c: UInt8) -> Bool {
                c.isASCIIBlank || c == UInt8(ascii: "<") || c == UInt8(ascii: ">") || c == UInt8(ascii: "\"")
                    || c == UInt8(ascii: "'") || c == UInt8(ascii: ";") || c == UInt8(ascii: ",")
            }
            var lo = 0, hi = p.count
            while lo < hi, p[lo].isASCIIBlank { lo += 1 }
            if hi - lo >= 7, zip(p[lo..<(lo + 7)], "mailto:".utf8).allSatisfy({ $0 | 0x20 == $1 || $0 == $1 }) { lo += 7 }
            if let q = p[lo..<hi].firstIndex(of: UInt8(ascii: "?")) { hi = q }
            while lo < hi, isTrim(p[lo]) { lo += 1 }
            while hi > lo, isTrim(p[hi - 1]) { hi -= 1 }
            guard let at = p[lo..<hi].lastIndex(of: UInt8(ascii: "@")) else {
                return (String(decoding: UnsafeBufferPointer(rebasing: p[lo..<hi]), as: UTF8.self), false)
            }
            let local = UnsafeBufferPointer(rebasing: p[lo..<at]), domain = UnsafeBufferPointer(rebasing: p[(at + 1)..<hi])
            if domain.contains(where: { $0 >= 0x80 }) { return normalize(local: local, unicodeDomain: domain) }
            // The domain lower-cased as it is copied, and checked: letters, digits, hyphens and
            // dots, with a dot inside and never two in a row.
            var charsOK = true, dotted = false, previous: UInt8 = 0
            let value = String(unsafeUninitializedCapacity: local.count + 1 + domain.count) { out in
                var i = 0
                for c in local { out[i] = c; i += 1 }
                out[i] = UInt8(ascii: "@"); i += 1
                for var c in domain {
                    if c >= 0x41 && c <= 0x5A { c |= 0x20 }
                    if c == UInt8(ascii: ".") {
                        dotted = true
                        if previous == UInt8(ascii: ".") { charsOK = false }
                    } else if !((c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-")) {
                        charsOK = false
                    }
                    previous = c
                    out[i] = c; i += 1
                }
                return i
            }
            let shapeOK = !local.isEmpty && !local.contains(0x20) && dotted
                && domain.first != UInt8(ascii: ".") && domain.last != UInt8(ascii: ".")
            return (value, shapeOK && charsOK)
        }
    }

    /// An address whose domain has non-ASCII letters (`ana@españa.es`): lower-cased and checked as text.
    static func normalize(local: UnsafeBufferPointer<UInt8>, unicodeDomain: UnsafeBufferPointer<UInt8>) -> (value: String, valid: Bool) {
        var bytes = Array(unicodeDomain)
        for i in bytes.indices where bytes[i] >= 0x41 && bytes[i] <= 0x5A { bytes[i] |= 0x20 }
        let domain = String(decoding: bytes, as: UTF8.self).lowercased()
        let shapeOK = !local.isEmpty && !local.contains(0x20) && bytes.contains(UInt8(ascii: "."))
            && bytes.first != UInt8(ascii: ".") && bytes.last != UInt8(ascii: ".")
            && !zip(bytes, bytes.dropFirst()).contains { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") }
        let charsOK = domain.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }
        return (String(decoding: local, as: UTF8.self) + "@" + domain, shapeOK && charsOK)
    }

    static func normalize(_ contact: inout Contact, diagnostics: inout [Diagnostic], location: SourceLocation) {
        var seen = Set<String>()
        var result: [Email] = []
        for var email in contact.emails {
            let (value, valid) = normalize(email.value)
            email.value = value
            if !valid {
                diagnostics.append(Diagnostic(.warning, .emailInvalid, "e-mail address is not valid; kept as written",
                                              at: location, detail: value))
            }
            // A single address needs no duplicate check (most contacts have one).
            if contact.emails.count == 1 || seen.insert(value.lowercased()).inserted { result.append(email) }
        }
        // Addresses found in the note (most notes have none: the words are split only when one may be there).
        if let note = contact.note, note.utf8.contains(UInt8(ascii: "@")) {
            if contact.emails.count == 1, let only = result.first { seen.insert(only.value.lowercased()) }
            for word in note.split(whereSeparator: { $0.isWhitespace || $0 == "/" || $0 == "(" || $0 == ")" || $0 == "," || $0 == ";" })
            where word.contains("@") {
                let (value, valid) = normalize(String(word).trimmingCharacters(in: CharacterSet(charactersIn: ".")))
                if valid, seen.insert(value.lowercased()).inserted {
                    result.append(Email(value: value))
                    diagnostics.append(Diagnostic(.note, .emailMoved, "e-mail address found in the note added to e-mails",
                                                  at: location))
                }
            }
        }
        contact.emails = result
    }
}

import CardModel
import Foundation

/// E-mail addresses: trimmed, `mailto:` and `?query` removed, domain lower-cased, syntax checked.
public enum EmailNormalizer {
    /// Cleans one address (`mailto:Ana@Example.COM?subject=Hi` → `Ana@example.com`) and checks its syntax.
    public static func normalize(_ address: String) -> (value: String, valid: Bool) {
        // On bytes: every delimiter looked at is ASCII.
        var b = Array(address.utf8)[...]
        func isTrim(_ c: UInt8) -> Bool {
            c.isASCIIBlank || c == UInt8(ascii: "<") || c == UInt8(ascii: ">") || c == UInt8(ascii: "\"")
                || c == UInt8(ascii: "'") || c == UInt8(ascii: ";") || c == UInt8(ascii: ",")
        }
        while let f = b.first, f.isASCIIBlank { b = b.dropFirst() }
        if b.count >= 7, zip(b.prefix(7), "mailto:".utf8).allSatisfy({ $0 | 0x20 == $1 || $0 == $1 }) { b = b.dropFirst(7) }
        if let q = b.firstIndex(of: UInt8(ascii: "?")) { b = b[..<q] }
        while let f = b.first, isTrim(f) { b = b.dropFirst() }
        while let l = b.last, isTrim(l) { b = b.dropLast() }
        guard let at = b.lastIndex(of: UInt8(ascii: "@")) else { return (String(decoding: b, as: UTF8.self), false) }
        let local = b[..<at]
        var domainBytes = Array(b[(at + 1)...])
        var ascii = true
        for i in domainBytes.indices {
            let c = domainBytes[i]
            if c >= 0x41 && c <= 0x5A { domainBytes[i] = c | 0x20 } else if c >= 0x80 { ascii = false }
        }
        var domain = String(decoding: domainBytes, as: UTF8.self)
        if !ascii { domain = domain.lowercased() }
        let shapeOK = !local.isEmpty && !local.contains(0x20) && domainBytes.contains(UInt8(ascii: "."))
            && domainBytes.first != UInt8(ascii: ".") && domainBytes.last != UInt8(ascii: ".")
            && !zip(domainBytes, domainBytes.dropFirst()).contains { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") }
        let charsOK = ascii
            ? domainBytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
            : domain.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }
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
            if seen.insert(value.lowercased()).inserted { result.append(email) }
        }
        // Addresses found in the note (most notes have none: the words are split only when one may be there).
        if let note = contact.note, note.utf8.contains(UInt8(ascii: "@")) {
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

import CardModel
import Foundation

/// Cell-level helpers shared by the profiles and the mapper.
public enum CSVValues {
    /// Splits on any of the separators (single characters), keeping empty parts out.
    static func split(_ text: String, separators: Set<Character>) -> [String] {
        text.split(whereSeparator: { separators.contains($0) }).map(String.init)
    }

    /// Google's ` ::: ` between several values in one cell.
    static func multiValues(_ cell: String) -> [String] {
        guard cell.containsByte(UInt8(ascii: ":")) else { return [cell] }
        var parts: [String] = []
        var text = cell
        text.withUTF8 { p in
            var start = 0
            var i = 0
            while i + 2 < p.count {
                if p[i] == 0x3A && p[i + 1] == 0x3A && p[i + 2] == 0x3A {
                    parts.append(String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self))
                    i += 3
                    start = i
                } else {
                    i += 1
                }
            }
            parts.append(String(decoding: UnsafeBufferPointer(rebasing: p[start..<p.count]), as: UTF8.self))
        }
        if parts.count == 1 { return [cell] }
        return parts.map { $0.trimmed() }.filter { !$0.isEmpty }
    }

    /// Several e-mails or phones typed into one cell (`a@x.com; b@y.com`, `612 345 678; 91 123 45 67`),
    /// besides Google's ` ::: `. A `;` that starts a tel parameter (`;ext=12`) is not a separator,
    /// and commas split only when every part is an address.
    static func listValues(_ cell: String, emails: Bool) -> [String] {
        // The usual cell holds one value and none of the bytes that separate several.
        if !cell.containsByte(UInt8(ascii: ":")) && !cell.containsByte(UInt8(ascii: ";"))
            && !(emails && cell.containsByte(UInt8(ascii: ","))) {
            return [cell]
        }
        var out: [String] = []
        for value in multiValues(cell) {
            guard value.containsByte(UInt8(ascii: ";")) || (emails && value.containsByte(UInt8(ascii: ","))) else {
                out.append(value)
                continue
            }
            var parts: [String] = []
            for piece in value.asciiSplit(UInt8(ascii: ";")) {
                let p = trimmingSpaces(piece)
                if !emails, !parts.isEmpty, p.lowercased().hasPrefix("ext") || p.containsByte(UInt8(ascii: "=")) {
                    parts[parts.count - 1] += ";" + p
                } else if !p.isEmpty {
                    parts.append(p)
                }
            }
            if emails {
                parts = parts.flatMap { part -> [String] in
                    let pieces = part.split(separator: ",").map(trimmingSpaces)
                    return pieces.count > 1 && pieces.allSatisfy({ $0.containsByte(UInt8(ascii: "@")) }) ? pieces : [part]
                }
            }
            out.append(contentsOf: parts)
        }
        return out
    }

    /// `trimmingCharacters(in: .whitespaces)`, without Foundation when the ends are ASCII and
    /// not blank (the usual piece, and Foundation's trim costs thousands of instructions).
    static func trimmingSpaces(_ piece: Substring) -> String {
        // Spaces and tabs are the ASCII members of `.whitespaces`; past them, an ASCII byte at
        // each end means nothing more to trim.
        let u = piece.utf8
        var start = u.startIndex, end = u.endIndex
        while start < end, u[start] == 0x20 || u[start] == 0x09 { start = u.index(after: start) }
        while end > start, u[u.index(before: end)] == 0x20 || u[u.index(before: end)] == 0x09 { end = u.index(before: end) }
        let rest = piece[start..<end]
        if let first = rest.utf8.first, let last = rest.utf8.last, first >= 0x80 || last >= 0x80 {
            return rest.trimmingCharacters(in: .whitespaces)
        }
        return String(rest)
    }

    /// Types for a label that names one (`Mobile` → cell, `Work Fax` → work, fax); nil for a
    /// custom label, which is kept as the label.
    static func types(forLabel label: String) -> [String]? {
        labelTypes[label.lowercased()]
    }

    private static let labelTypes: [String: [String]] = {
        var map: [String: [String]] = [:]
        func add(_ types: [String], _ names: String...) { for n in names { map[n] = types } }
        add(["cell"], "mobile", "cell", "movil", "móvil", "celular", "iphone")
        add(["work"], "work", "business", "trabajo", "oficina")
        add(["home"], "home", "personal", "casa", "particular")
        add(["work", "fax"], "work fax", "business fax", "fax del trabajo")
        add(["home", "fax"], "home fax")
        add(["fax"], "fax")
        add(["main"], "main", "principal")
        add(["pager"], "pager")
        add([], "other", "otro")
        return map
    }()

    /// System groups that say nothing about the person (`myContacts`).
    static func isSystemCategory(_ category: String) -> Bool {
        ["mycontacts", "my contacts", "other contacts", "starred"].contains(category.lowercased())
    }

    /// Google marks system labels with `* ` (`* Work`, `* myContacts`).
    static func label(_ cell: String) -> String? {
        var text = cell.trimmed()
        if text.hasPrefix("* ") { text = String(text.dropFirst(2)) } else if text == "*" { text = "" }
        return text.isEmpty ? nil : text
    }
}

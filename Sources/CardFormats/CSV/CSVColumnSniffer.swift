import CardModel

/// Tells what a column holds from its values, for columns whose header no table knows
/// (`Contact Email`, `Correo del cliente`, a one-column list of addresses): a column whose
/// non-empty sample values are mostly e-mail addresses is an e-mail column, and so on for phone
/// numbers, LinkedIn profiles and other web addresses. Dates are read as a birthday only when the
/// header says so (a date alone could be anything). A known header is never second-guessed: the
/// mapper asks only about columns nothing else named.
public enum CSVColumnSniffer {
    /// What a column was read as, for the `csv.column-by-content` note.
    public enum Kind: String, Sendable {
        case email = "e-mail addresses"
        case phone = "phone numbers"
        case linkedin = "LinkedIn profiles"
        case url = "web addresses"
        case birthday = "birthdays"
    }

    /// Share of the non-empty sample values that must agree.
    static let agreement = 0.8

    /// The kind of a column from its header (normalized) and sample values; nil when the values
    /// do not settle it.
    public static func kind(header: String, values: [String]) -> Kind? {
        let cells = values.map { $0.trimmed() }.filter { !$0.isEmpty }
        guard !cells.isEmpty else { return nil }
        func share(_ test: (String) -> Bool) -> Double { Double(cells.filter(test).count) / Double(cells.count) }
        if share(isEmail) >= agreement { return .email }
        if share(isLinkedIn) >= agreement { return .linkedin }
        if share(isURL) >= agreement { return .url }
        let words = Set(header.split(separator: " ").map(String.init))
        // Ids and codes are digits too: a column called so is never taken for phones.
        let idLike = !words.isDisjoint(with: ["id", "code", "codigo", "no", "nr", "number", "numero", "ref", "dni", "nif", "zip", "cp"])
        // Bare digits (no `+`, no spaces or dashes) are as often customer numbers: phones only
        // when the header says so.
        let bare = cells.allSatisfy { $0.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }
        let phoneWords = ["tel", "phone", "fon", "movil", "mobile", "cel", "whatsapp", "handy", "portable", "cellulare", "telemovel"]
        let saysPhone = phoneWords.contains { header.contains($0) }
        if !idLike, !bare || saysPhone, share(isPhone) >= agreement { return .phone }
        let birthWords = ["birth", "birthday", "bday", "born", "cumpleanos", "nacimiento", "geburtstag", "geburtsdatum",
                          "anniversaire", "naissance", "compleanno", "nascita", "aniversario", "nascimento", "verjaardag", "geboortedatum"]
        if birthWords.contains(where: { header.contains($0) }),
           share({ CSVDateParser.parse($0, dayFirst: true).isDate }) >= agreement {
            return .birthday
        }
        return nil
    }

    /// `ana@example.es`: one `@`, something before it, a dotted domain after it, no spaces.
    static func isEmail(_ s: String) -> Bool {
        let v = s.lowercased().hasPrefix("mailto:") ? String(s.dropFirst(7)) : s
        let parts = v.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        return !v.contains(where: { $0 == " " || $0 == "," || $0 == ";" || $0 == "<" || $0 == ">" })
    }

    /// `https://www.linkedin.com/in/…` or `linkedin.com/in/…`.
    static func isLinkedIn(_ s: String) -> Bool {
        s.lowercased().contains("linkedin.com/in/") || s.lowercased().contains("linkedin.com/pub/")
    }

    /// `https://…`, `http://…` or `www.…`, without spaces.
    static func isURL(_ s: String) -> Bool {
        let v = s.lowercased()
        return (v.hasPrefix("http://") || v.hasPrefix("https://") || v.hasPrefix("www.")) && !v.contains(" ")
    }

    /// 7 to 15 digits with only phone punctuation around them, and not a date. Bare digits need 9
    /// or more (shorter ones are more often counts or codes).
    static func isPhone(_ s: String) -> Bool {
        var digits = 0, other = 0
        for ch in s.unicodeScalars {
            switch ch {
            case "0"..."9": digits += 1
            case " ", "-", ".", "(", ")", "/", "+": other += 1
            default: return false
            }
        }
        guard (7...15).contains(digits) else { return false }
        if other == 0 && digits < 9 { return false }
        return !CSVDateParser.parse(s, dayFirst: true).isDate
    }
}

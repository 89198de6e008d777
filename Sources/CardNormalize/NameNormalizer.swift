import CardModel
import Foundation

/// Names as people really write them: "Family, Given" order, honorifics and credentials, Spanish
/// compound given names, particles and double surnames, ALL-CAPS scanner names, quoted nicknames,
/// pronouns, emoji and stray punctuation.
public enum NameNormalizer {
    /// A parsed name: its parts, plus the nickname and e-mail addresses taken out of it.
    public struct Parsed: Equatable, Sendable {
        /// The name's parts, cleaned and re-cased (given `Juan Carlos`, family `de la Fuente Martínez`).
        public var name: PersonName
        /// A quoted or bracketed nickname found in the name (`JT` in `James "JT" Thornton`), if any.
        public var nickname: String?
        /// E-mail addresses found inside the name (`Escolar (marcela@example.com)`).
        public var emails: [String] = []

        /// The display form: prefixes, given, additional, family, suffixes.
        public var fullName: String? { name.displayName }
    }

    static let prefixes: Set<String> = [
        "sr", "sra", "srta", "d", "dna", "don", "dona", "dr", "dra", "lic", "licda", "licdo", "ing", "arq", "mtro",
        "mtra", "prof", "profa", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "fr", "rev",
    ]
    static let suffixes: Set<String> = [
        "jr", "sr", "ii", "iii", "iv", "phd", "ph d", "mba", "cpa", "msc", "md", "esq", "pe", "pmp", "phr", "ceng",
        "frcs", "dds", "rn", "ma", "ms", "bsc", "ba", "llm", "cfa", "pmp", "mpa", "jd", "dphil", "mcp", "hijo",
    ]
    /// Credentials that are also surnames (`Jack Ma`, `Oumar Ba`): a suffix only when written as
    /// one (`MA`, `B.A.`) after a family name. (`Nieto`, a grandson, is no suffix at all: it is
    /// one of Spain's common surnames.)
    static let surnameCredentials: Set<String> = ["ma", "ba"]
    package static let particles: Set<String> = ["de", "del", "la", "las", "los", "y", "i", "van", "von", "der", "den", "da", "dos",
                                         "das", "di", "du", "le", "st", "ter"]
    /// Compound given names that contain a particle ("María del Carmen").
    static let compoundGiven: [[String]] = [
        ["maria", "del", "carmen"], ["maria", "de", "los", "angeles"], ["maria", "de", "la", "luz"],
        ["maria", "del", "pilar"], ["maria", "del", "mar"], ["maria", "del", "rosario"], ["maria", "de", "lourdes"],
        ["maria", "de", "jesus"], ["jose", "de", "jesus"], ["juan", "de", "dios"], ["maria", "de", "los", "dolores"],
        ["maria", "de", "la", "paz"], ["maria", "del", "socorro"], ["maria", "de", "fatima"],
    ]
    static let pronouns: Set<String> = ["he him", "she her", "they them", "he they", "she they", "el", "ella",
                                        "he him his", "she her hers", "el ellos", "ella ellas", "elle"]

    /// A name part with its decorations taken off.
    struct Cleaned: Sendable {
        var words: [String] = []
        var familyFirst: [String]?
        var prefixWords: [String] = []
        var suffixWords: [String] = []
        var nickname: String?
        var emails: [String] = []
        /// The letters of `words` and their cases, which decide recasing across a name's parts.
        var letterCase = LetterCase()
        /// Cleaning took nothing off: `words` joined are the text as given.
        var unchanged = false

        var allWords: [String] { (familyFirst ?? []) + words }

        /// What cleaning an empty part gives.
        static let empty = Cleaned(unchanged: true)
    }

    /// Letters counted and capitals and small letters seen, as ``needsRecasing(_:)`` counts them;
    /// two parts' counts add up to the count of their words together.
    struct LetterCase: Sendable {
        var letters = 0
        var upper = false
        var lower = false

        init() {}

        init(_ words: [String]) {
            for word in words {
                for s in word.unicodeScalars {
                    let v = s.value
                    if v < 0x80 {
                        if v >= 0x41 && v <= 0x5A { upper = true } else if v >= 0x61 && v <= 0x7A { lower = true } else { continue }
                    } else if v >= 0xC0 && v <= 0xFF && v != 0xD7 && v != 0xF7 {
                        if v < 0xDF { upper = true } else { lower = true }
                    } else if s.properties.isAlphabetic {
                        if s.properties.isUppercase { upper = true } else if s.properties.isLowercase { lower = true }
                    } else {
                        continue
                    }
                    letters += 1
                }
            }
        }

        func adding(_ other: LetterCase) -> LetterCase {
            var sum = self
            sum.letters += other.letters
            sum.upper = upper || other.upper
            sum.lower = lower || other.lower
            return sum
        }

        /// ``needsRecasing(_:)`` of the words counted.
        var needsRecasing: Bool { letters > 1 && !(upper && lower) }
    }

    /// Takes e-mail addresses, quoted or parenthesised nicknames, pronouns, emoji, stray punctuation,
    /// honorifics and credentials off a name (or a part of one), and notes "Family, Given" order.
    static func clean(_ input: String, allowFamilyFirst: Bool = true) -> Cleaned {
        var c = Cleaned()
        var text = input
        if text.containsByte(UInt8(ascii: "@")) {
            // The addresses' own ranges are cut out (a search-and-replace of their text, through
            // Foundation, trapped on names with NUL bytes that `make fuzz` found, and is not linear).
            var kept = ""
            var last = text.startIndex
            for word in text.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" || $0 == "<" || $0 == ">" || $0 == "," })
            where word.contains("@") && word.contains(".") {
                c.emails.append(String(word).trimmingCharacters(in: emailTrim))
                kept += text[last..<word.startIndex]
                kept += " "
                last = word.endIndex
            }
            kept += text[last...]
            text = kept
        }
        // Quotes are looked for by a byte of theirs first (`"`, the 0xE2 that starts “, the 0xAB
        // that ends «): searching by Character costs a grapheme break per letter of every name.
        for (open, close, byte) in quotes where text.containsByte(byte) {
            if let a = text.firstIndex(of: open), let b = text[text.index(after: a)...].firstIndex(of: close) {
                let inner = String(text[text.index(after: a)..<b]).trimmed()
                if !inner.isEmpty { c.nickname = inner }
                text.replaceSubrange(a...b, with: " ")
            }
        }
        while text.containsByte(UInt8(ascii: "(")), let a = text.firstIndex(of: "("), let b = text[a...].firstIndex(of: ")") {
            let inner = String(text[text.index(after: a)..<b]).trimmed()
            if !pronouns.contains(TextFolding.fold(inner)) && !inner.contains(" ") && inner.count > 1
                && inner.first?.isUppercase == true && c.nickname == nil {
                c.nickname = inner
            }
            text.replaceSubrange(a...b, with: " ")
        }
        if !text.unicodeScalars.allSatisfy(keptInName) {
            var kept = String.UnicodeScalarView()
            kept.append(contentsOf: text.unicodeScalars.lazy.filter(keptInName))
            text = String(kept)
        }
        var commaParts = text.asciiSplit(UInt8(ascii: ",")).map { String($0).trimmed() }.filter { !$0.isEmpty }
        while commaParts.count > 1, let last = commaParts.last,
              last.split(separator: " ").allSatisfy({ suffixes.contains(key($0)) || isRoman(String($0)) }) {
            c.suffixWords.insert(contentsOf: last.split(separator: " ").map(String.init), at: 0)
            commaParts.removeLast()
        }
        if allowFamilyFirst && commaParts.count == 2 {
            c.familyFirst = commaParts[0].asciiSplit(0x20).map(String.init)
            c.words = commaParts[1].asciiSplit(0x20).map(String.init)
        } else {
            c.words = commaParts.flatMap { $0.asciiSplit(0x20).map(String.init) }
        }
        while let first = c.words.first, prefixes.contains(key(first)), c.words.count > 1 || c.familyFirst != nil {
            c.prefixWords.append(first)
            c.words.removeFirst()
        }
        if var family = c.familyFirst, family.count > 1, let first = family.first, prefixes.contains(key(first)) {
            c.prefixWords.append(first)
            family.removeFirst()
            c.familyFirst = family
        }
        // Credentials at the end of the family name (no capture of `c` while one of its parts is inout).
        func peelSuffixes(_ words: inout [String]) -> [String] {
            var peeled: [String] = []
            while words.count > 1, let last = words.last, suffixes.contains(key(last)) || isRoman(last) {
                if surnameCredentials.contains(key(last))
                    && (words.count < (allowFamilyFirst ? 3 : 2) || last.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) && !last.containsByte(0x2E)) { break }
                peeled.insert(last, at: 0)
                words.removeLast()
            }
            return peeled
        }
        var peeled: [String]
        if var family = c.familyFirst {
            peeled = peelSuffixes(&family)
            c.familyFirst = family
        } else {
            peeled = peelSuffixes(&c.words)
        }
        c.suffixWords.insert(contentsOf: peeled, at: 0)
        c.letterCase = LetterCase(c.words)
        c.unchanged = c.familyFirst == nil && c.prefixWords.isEmpty && c.suffixWords.isEmpty && c.nickname == nil
            && c.emails.isEmpty && c.words.joined(separator: " ") == input
        return c
    }

    static let emailTrim = CharacterSet(charactersIn: "()<>,;")

    /// Quotes around a nickname, with a byte of each pair to look for first.
    static let quotes: [(open: Character, close: Character, byte: UInt8)] = [("\"", "\"", 0x22), ("“", "”", 0xE2), ("«", "»", 0xAB)]

    /// Letters, digits, marks, and the punctuation names use; emoji, symbols and the rest go.
    static func keptInName(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 {
            let b = UInt8(s.value)
            return (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x20 || b == 0x2D
                || b == 0x27 || b == 0x2E || b == 0x2C
        }
        return s.properties.isAlphabetic || s.properties.generalCategory == .nonspacingMark || s == "’"
    }

    /// Whether a name is written all in capitals or all in lower case (scanners, badge lists).
    static func needsRecasing(_ words: [String]) -> Bool {
        var letters = 0, upper = false, lower = false
        for word in words {
            for s in word.unicodeScalars {
                let v = s.value
                if v < 0x80 {
                    if v >= 0x41 && v <= 0x5A { upper = true } else if v >= 0x61 && v <= 0x7A { lower = true } else { continue }
                } else if v >= 0xC0 && v <= 0xFF && v != 0xD7 && v != 0xF7 {
                    // Latin-1 letters (Á, ñ, ü): capitals below U+00DF, small letters from it on,
                    // told without a Unicode property lookup (a few hundred instructions each).
                    if v < 0xDF { upper = true } else { lower = true }
                } else if s.properties.isAlphabetic {
                    if s.properties.isUppercase { upper = true } else if s.properties.isLowercase { lower = true }
                } else {
                    continue
                }
                letters += 1
                // Capitals and small letters both: written as usual, whatever follows.
                if upper && lower { return false }
            }
        }
        return letters > 1
    }

    static func recased(_ words: [String], _ recase: Bool) -> [String] {
        recase ? words.enumerated().map { i, w in properCase(w, first: i == 0) } : words
    }

    /// Parses a display name.
    public static func parse(_ fullName: String) -> Parsed {
        let c = clean(fullName)
        let recase = needsRecasing(c.allWords + c.prefixWords)
        let given: [String], family: [String]
        if c.familyFirst == nil, !recase, let run = capitalsRun(c.words) {
            // The surname in capitals, before or after the given names, as Spanish, French and
            // Latin American cards and badges write it.
            given = Array(c.words[..<run.lowerBound] + c.words[run.upperBound...])
            family = c.words[run].map { properCase($0, first: false) }
        } else if let f = c.familyFirst {
            given = recased(c.words, recase)
            family = recased(f, recase)
        } else {
            (given, family) = split(recased(c.words, recase))
        }
        let name = PersonName(family: family.joined(separator: " ").nonEmpty, given: given.joined(separator: " ").nonEmpty,
                              prefixes: recased(c.prefixWords, recase).joined(separator: " ").nonEmpty,
                              suffixes: c.suffixWords.joined(separator: " ").nonEmpty)
        return Parsed(name: name, nickname: c.nickname, emails: c.emails)
    }

    /// Cleans a name a source already split (CSV columns, vCard `N`): each part keeps its words;
    /// honorifics, credentials, nicknames, pronouns and emoji come off, and capitals are fixed.
    public static func clean(_ name: PersonName) -> Parsed {
        clean(name) { clean($0, allowFamilyFirst: false) }
    }

    /// The same, with each part cleaned by `part` (a normalizer's cache in front of `clean`).
    static func clean(_ name: PersonName, part: (String) -> Cleaned) -> Parsed {
        let given = part(name.given ?? "")
        let family = part(name.family ?? "")
        let additional = part(name.additional ?? "")
        let others = given.letterCase.adding(additional.letterCase)
        let recase = others.adding(family.letterCase).needsRecasing
        // A family name in capitals next to given names in ordinary case (`Marie` / `DUPONT`).
        let familyRecase = recase || (family.letterCase.needsRecasing && !others.needsRecasing
                                      && !(given.words.isEmpty && additional.words.isEmpty))
        // Most names: nothing to take off and nothing to recase, so the parts stay as they are.
        if !familyRecase && given.unchanged && family.unchanged && additional.unchanged {
            return Parsed(name: PersonName(family: name.family.nonEmpty, given: name.given.nonEmpty,
                                           additional: name.additional.nonEmpty, prefixes: name.prefixes.nonEmpty,
                                           suffixes: name.suffixes.nonEmpty))
        }
        let prefixes = (name.prefixes.map { [$0] } ?? []) + given.prefixWords + family.prefixWords
        let suffixes = family.suffixWords + given.suffixWords + (name.suffixes.map { [$0] } ?? [])
        let cleaned = PersonName(family: family.words.enumerated().map { i, w in familyRecase ? properCase(w, first: i == 0 && !particles.contains(key(w))) : w }
                                    .joined(separator: " ").nonEmpty,
                                 given: recased(given.words, recase).joined(separator: " ").nonEmpty,
                                 additional: recased(additional.words, recase).joined(separator: " ").nonEmpty,
                                 prefixes: recased(prefixes, recase).joined(separator: " ").nonEmpty,
                                 suffixes: suffixes.joined(separator: " ").nonEmpty)
        return Parsed(name: cleaned, nickname: given.nickname ?? family.nickname,
                      emails: given.emails + family.emails + additional.emails)
    }

    /// The words written in capitals when the others are not (`Juan PÉREZ GARCÍA`, `DE LA CRUZ
    /// Juan`, `Sean O'NEIL`): one run of them at the start or the end, and at least one word in
    /// ordinary case. Initials (`A.`) are neither.
    static func capitalsRun(_ words: [String]) -> Range<Int>? {
        guard words.count >= 2 else { return nil }
        enum Case { case capitals, ordinary, neither }
        let cases = words.map { word -> Case in
            var upper = 0, lower = 0
            for s in word.unicodeScalars {
                if s.value < 0x80 {
                    // ASCII by its bytes: the Unicode property tables are most of the cost otherwise.
                    if s.value >= 0x41 && s.value <= 0x5A { upper += 1 } else if s.value >= 0x61 && s.value <= 0x7A { lower += 1 }
                } else if s.value >= 0xC0 && s.value <= 0xFF && s.value != 0xD7 && s.value != 0xF7 {
                    if s.value < 0xDF { upper += 1 } else { lower += 1 }   // Latin-1 letters, as in needsRecasing
                } else if s.properties.isAlphabetic {
                    if s.properties.isUppercase { upper += 1 } else if s.properties.isLowercase { lower += 1 }
                }
            }
            // Two capitals are initials (`JP`) unless they are a particle (`DE LA CRUZ`).
            if upper >= 3 && lower == 0 || upper == 2 && lower == 0 && particles.contains(key(word)) { return .capitals }
            return lower > 0 ? .ordinary : .neither
        }
        guard cases.contains(.ordinary), let first = cases.firstIndex(of: .capitals), let last = cases.lastIndex(of: .capitals) else { return nil }
        // One run, with nothing in ordinary case inside it; at the start or at the end.
        guard !cases[first...last].contains(.ordinary) else { return nil }
        let start = cases[..<first].allSatisfy { $0 != .ordinary } ? 0 : first
        let end = cases[(last + 1)...].allSatisfy { $0 != .ordinary } ? words.count : last + 1
        guard start == 0 || end == words.count, !(start == 0 && end == words.count) else { return nil }
        return start == 0 ? 0..<(last + 1) : first..<words.count
    }

    /// A generational suffix or credential (`Jr.`, `III`, `hijo`, `PhD`).
    static func isSuffix(_ word: String) -> Bool {
        let w = word.trimmed()
        return suffixes.contains(key(w)) || isRoman(w)
    }

    /// What exporters write for an empty part: `None`, `null`, `N/A`, `-`.
    public static func isPlaceholder(_ text: String) -> Bool {
        // Placeholders are short and ASCII, and start with `n`, `u`, `-`, `.` or `(` in either
        // case: other names are told by a byte or two, without lower-casing them.
        guard text.utf8.count <= 16, let first = text.utf8.first(where: { !$0.isASCIIBlank }) else { return false }
        switch first | 0x20 {
        case UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("): break
        default: return false
        }
        return !text.utf8.contains(where: { $0 >= 0x80 }) && placeholders.contains(text.trimmed().lowercased())
    }

    /// (Each starts with a byte ``isPlaceholder(_:)`` looks for first.)
    static let placeholders: Set<String> = ["none", "null", "nil", "n/a", "na", "-", "--", ".", "undefined", "unknown", "(none)"]

    /// The name with placeholder parts emptied.
    public static func withoutPlaceholders(_ name: PersonName) -> PersonName {
        func part(_ s: String?) -> String? { s.flatMap { isPlaceholder($0) ? nil : $0 } }
        return PersonName(family: part(name.family), given: part(name.given), additional: part(name.additional),
                          prefixes: part(name.prefixes), suffixes: part(name.suffixes))
    }

    /// Whether a structured name is the display name's words put in other places (an exporter's
    /// shifted `N`: `N:None;Newman;Jeff;None;;None` for `FN:Jeff Newman`): every word of it is in
    /// the display name, yet it does not read the same. The display name is then parsed instead;
    /// a name with words of its own (`Paco` on the card, `Francisco` in `N`) is kept.
    public static func contradicts(_ name: PersonName, fullName: String?) -> Bool {
        guard let fullName, let display = name.displayName else { return false }
        // The usual card: FN reads exactly as N's parts do.
        if display == fullName { return false }
        let full = fullName.split(separator: " ").map { key($0) }.filter { !$0.isEmpty }
        let mine = display.split(separator: " ").map { key($0) }.filter { !$0.isEmpty }
        guard !mine.isEmpty, mine.allSatisfy(full.contains) else { return false }
        let ordered = [name.given, name.additional, name.family].compactMap { $0 }.joined(separator: " ")
            .split(separator: " ").map { key($0) }
        return !full.joined(separator: " ").contains(ordered.joined(separator: " "))
    }

    /// Given names and family names from the words of a name in reading order.
    static func split(_ words: [String]) -> (given: [String], family: [String]) {
        guard words.count > 1 else { return (words, []) }
        let folded = words.map { key($0) }
        // The family name first, led by a particle (`de la Cruz Juan`, `Van der Berg Kimberly`, a
        // register's columns swapped): the given names known at the end are the given name.
        if particles.contains(folded[0]) {
            var trailing = 0
            while trailing < words.count - 1, !particles.contains(folded[words.count - 1 - trailing]),
                  Nicknames.isGivenName(words[words.count - 1 - trailing]) { trailing += 1 }
            if trailing > 0, folded[..<(words.count - trailing)].contains(where: { !particles.contains($0) }) {
                return (Array(words.suffix(trailing)), Array(words.dropLast(trailing)))
            }
        }
        // A compound given name with a particle ("María del Carmen").
        for compound in compoundGiven where compound[0] == folded[0] && folded.count > compound.count && Array(folded.prefix(compound.count)) == compound {
            return (Array(words.prefix(compound.count)), Array(words.dropFirst(compound.count)))
        }
        // A particle starts the family name ("Juan Carlos de la Fuente Martínez").
        if let p = folded.indices.dropFirst().first(where: { particles.contains(folded[$0]) && $0 < folded.count - 1 }) {
            // The family name may start before the particle: "Álvaro Núñez de Arce" (Núñez is no given name).
            let start = (1..<p).first { !Nicknames.isGivenName(words[$0]) } ?? p
            return (Array(words[..<start]), Array(words[start...]))
        }
        // Leading known given names (at most all but one word).
        var known = 0
        while known < words.count - 1, Nicknames.isGivenName(words[known]) { known += 1 }
        // Middle initials after them are given names too (`Daniel A. Adams`).
        while known >= 1, known < words.count - 1, isInitial(words[known]) { known += 1 }
        let spanish = looksSpanish(words)
        if spanish {
            if known >= 1 && words.count - known <= 2 { return (Array(words[..<known]), Array(words[known...])) }
            // Two surnames by default.
            let givenCount = max(1, words.count - 2)
            return (Array(words[..<givenCount]), Array(words[givenCount...]))
        }
        return (Array(words.dropLast()), [words.last!])
    }

    static let spanishLetters: Set<Unicode.Scalar> = Set("áéíóúñÁÉÍÓÚÑ".unicodeScalars)

    /// Accents, ñ, or a Spanish given name first.
    static func looksSpanish(_ words: [String]) -> Bool {
        for word in words where word.utf8.contains(where: { $0 >= 0x80 }) {
            if word.unicodeScalars.contains(where: { spanishLetters.contains($0) }) { return true }
        }
        return GivenNames.common.contains(key(words[0]))
    }

    /// The word without dots and case, for table lookups ("Dña." → "dna", "Ph.D." → "phd").
    static func key(_ word: some StringProtocol) -> String {
        TextFolding.fold(String(word), spaces: false)
    }

    /// One letter, with or without a dot (`A.`, `K`): a middle initial, never a surname.
    package static func isInitial(_ word: String) -> Bool {
        let u = word.utf8
        guard let f = u.first, (f >= 0x41 && f <= 0x5A) || (f >= 0x61 && f <= 0x7A) else { return false }
        return u.count == 1 || (u.count == 2 && u.last == UInt8(ascii: "."))
    }

    static func isRoman(_ word: String) -> Bool {
        ["II", "III", "IV"].contains(word)
    }

    /// "GARCÍA" → "García", "de" stays lower-case (unless first), "MCDONALD" → "McDonald", "O'BRIEN" → "O'Brien",
    /// "RUIZ-GIMÉNEZ" → "Ruiz-Giménez".
    static func properCase(_ word: String, first: Bool) -> String {
        let lower = word.lowercased()
        if !first && particles.contains(key(lower)) { return lower }
        return lower.split(separator: "-", omittingEmptySubsequences: false).map { part -> String in
            let p = String(part)
            if p.hasPrefix("mc") && p.count > 2 { return "Mc" + capitalized(String(p.dropFirst(2))) }
            if (p.hasPrefix("o'") || p.hasPrefix("o’")) && p.count > 2 {
                return "O" + String(p[p.index(after: p.startIndex)]) + capitalized(String(p.dropFirst(2)))
            }
            // "Mac" only for known Gaelic names: Macías, Machado and Macarena are not "MacÍas".
            if p.hasPrefix("mac"), gaelicMac.contains(String(p.dropFirst(3))) { return "Mac" + capitalized(String(p.dropFirst(3))) }
            return capitalized(p)
        }.joined(separator: "-")
    }

    static let gaelicMac: Set<String> = [
        "donald", "arthur", "kenzie", "kinnon", "leod", "gregor", "intyre", "kay", "lean", "millan", "neil", "pherson",
        "allister", "alister", "aulay", "bride", "dougall", "dowell", "ewan", "farlane", "innes", "iver", "kenna",
        "kintosh", "lachlan", "laren", "mahon", "namara", "nab", "quarrie", "queen", "rae", "tavish", "donnell",
    ]

    static func capitalized(_ word: String) -> String {
        guard let first = word.first else { return word }
        return first.uppercased() + word.dropFirst()
    }
}

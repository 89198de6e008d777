import Foundation

/// What the deduplication engine compares, computed once per contact: folded names, nickname
/// equivalents of the given name, a phonetic family-name key, e-mail and phone keys, the LinkedIn
/// slug and the organization key. Keys are lower-case ASCII after folding (`Núñez` → `nunez`).
public struct MatchingKeys: Sendable, Codable, Equatable, Hashable {
    /// The whole name, folded (`ana garcia lopez`).
    public var name: String?
    /// The given name folded, plus its formal and nickname forms (`pepe` → `jose`, `pepe`).
    public var given: [String]
    public var family: String?
    public var familyPhonetic: String?
    public var emails: [String]
    public var emailLocalParts: [String]
    /// E.164 numbers.
    public var phones: [String]
    public var linkedIn: String?
    public var organization: String?

    public init(name: String? = nil, given: [String] = [], family: String? = nil, familyPhonetic: String? = nil,
                emails: [String] = [], emailLocalParts: [String] = [], phones: [String] = [], linkedIn: String? = nil,
                organization: String? = nil) {
        self.name = name
        self.given = given
        self.family = family
        self.familyPhonetic = familyPhonetic
        self.emails = emails
        self.emailLocalParts = emailLocalParts
        self.phones = phones
        self.linkedIn = linkedIn
        self.organization = organization
    }
}

/// Unicode folding for keys: NFKD, diacritics and case removed, punctuation to spaces, spaces collapsed.
///
/// Works scalar by scalar on UTF-8 (NFKD of a string is the NFKD of its scalars for this purpose,
/// since combining marks are dropped anyway): ASCII directly, Latin letters through a table built
/// once with Foundation, anything rarer through Foundation on that scalar alone.
public enum TextFolding {
    /// What one non-ASCII scalar folds to.
    enum Folded: Sendable {
        case mark                 // dropped, no word break
        case separator            // punctuation, symbols, spaces
        case letters([UInt8])     // folded UTF-8
    }

    /// Folded forms of U+0080…U+024F (Latin-1 Supplement, Latin Extended-A and -B).
    static let latin: [Folded] = (0x80..<0x250).map { foldSlow(Unicode.Scalar($0)!) }

    static func foldSlow(_ scalar: Unicode.Scalar) -> Folded {
        if scalar.properties.generalCategory == .nonspacingMark { return .mark }
        var out: [UInt8] = []
        var sawLetter = false
        for s in String(scalar).decomposedStringWithCompatibilityMapping.unicodeScalars {
            if s.properties.generalCategory == .nonspacingMark { continue }
            if s.properties.isAlphabetic || ("0"..."9").contains(s) {
                sawLetter = true
                out.append(contentsOf: String(s).lowercased().utf8)
            }
        }
        return sawLetter ? .letters(out) : .separator
    }

    /// `spaces: false` joins the words (`"Dña."` → `dna`); `dropDots` removes dots without a word
    /// break, so abbreviations fold whole (`"S.L."` → `sl`).
    public static func fold(_ text: String, spaces: Bool = true, dropDots: Bool = false) -> String {
        // Matching folds the same words again and again: text that is already folded (ASCII
        // letters and digits, single inner spaces) comes back as it is, without a copy.
        var folded = true, ascii = true, afterSpace = true
        for b in text.utf8 {
            if b >= 0x80 { ascii = false; folded = false; break }
            if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) { afterSpace = false }
            else if b == 0x20 && spaces && !afterSpace { afterSpace = true }
            else { folded = false }
        }
        if folded && !afterSpace { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var space = false
        @inline(__always) func emit(_ b: UInt8) {
            if space && spaces && !out.isEmpty { out.append(0x20) }
            space = false
            out.append(b)
        }
        @inline(__always) func emitASCII(_ b: UInt8) {
            switch b {
            case 0x41...0x5A: emit(b | 0x20)
            case 0x61...0x7A, 0x30...0x39: emit(b)
            case 0x2E where dropDots: break
            default: space = true
            }
        }
        if ascii {   // bytes, without decoding scalars
            for b in text.utf8 { emitASCII(b) }
            return String(decoding: out, as: UTF8.self)
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 { emitASCII(UInt8(v)); continue }
            let folded = v < 0x250 ? latin[Int(v) - 0x80] : foldSlow(scalar)
            switch folded {
            case .mark: continue
            case .separator: space = true
            case .letters(let bytes):
                if space && spaces && !out.isEmpty { out.append(0x20) }
                space = false
                out.append(contentsOf: bytes)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A phonetic key for surnames that treats Spanish and English spellings alike where they sound
/// alike: b/v, c/z/s before e/i, ll/y, g/j before e/i, silent h, qu/k/c, doubled letters, final -ez/-es.
public enum PhoneticKey {
    public static func key(_ text: String) -> String {
        let s = Array(TextFolding.fold(text, spaces: false).utf8)
        var out: [UInt8] = []
        var i = 0
        func at(_ k: Int) -> UInt8 { k >= 0 && k < s.count ? s[k] : 0 }
        func isVowel(_ c: UInt8) -> Bool { c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6F || c == 0x75 }
        while i < s.count {
            let c = s[i]
            let next = at(i + 1)
            var code: UInt8?
            switch c {
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"):
                code = out.isEmpty ? UInt8(ascii: "A") : nil
            case UInt8(ascii: "b"), UInt8(ascii: "v"), UInt8(ascii: "w"): code = UInt8(ascii: "B")
            case UInt8(ascii: "c"):
                if next == UInt8(ascii: "h") { code = UInt8(ascii: "X"); i += 1 }
                else if next == UInt8(ascii: "e") || next == UInt8(ascii: "i") { code = UInt8(ascii: "S") }
                else { code = UInt8(ascii: "K") }
            case UInt8(ascii: "z"), UInt8(ascii: "s"): code = UInt8(ascii: "S")
            case UInt8(ascii: "q"): code = UInt8(ascii: "K"); if next == UInt8(ascii: "u") { i += 1 }
            case UInt8(ascii: "k"): code = UInt8(ascii: "K")
            case UInt8(ascii: "g"): code = (next == UInt8(ascii: "e") || next == UInt8(ascii: "i")) ? UInt8(ascii: "J") : UInt8(ascii: "G")
            case UInt8(ascii: "j"): code = UInt8(ascii: "J")
            case UInt8(ascii: "h"): code = nil
            case UInt8(ascii: "l"): if next == UInt8(ascii: "l") { code = UInt8(ascii: "Y"); i += 1 } else { code = UInt8(ascii: "L") }
            case UInt8(ascii: "y"): code = isVowel(next) ? UInt8(ascii: "Y") : (out.isEmpty ? UInt8(ascii: "A") : nil)
            case UInt8(ascii: "x"): code = UInt8(ascii: "X")
            case UInt8(ascii: "r"): code = UInt8(ascii: "R")
            case UInt8(ascii: "m"), UInt8(ascii: "n"): code = UInt8(ascii: "N")
            case UInt8(ascii: "p"): code = next == UInt8(ascii: "h") ? UInt8(ascii: "F") : UInt8(ascii: "P"); if next == UInt8(ascii: "h") { i += 1 }
            case UInt8(ascii: "f"): code = UInt8(ascii: "F")
            case UInt8(ascii: "d"), UInt8(ascii: "t"): code = UInt8(ascii: "T")
            default: code = nil
            }
            if let code, out.last != code { out.append(code) }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Given names and their nicknames, both ways (`Francisco` ~ `Paco`, `William` ~ `Bill`).
public enum Nicknames {
    /// Folded name → every folded name it is equivalent to (itself included).
    static let equivalents: [String: [String]] = {
        var map: [String: Set<String>] = [:]
        for table in [NicknameData.english, NicknameData.spanish] {
            for line in table.split(separator: "\n").dropFirst() {
                let parts = line.split(separator: ",", omittingEmptySubsequences: false)
                guard parts.count >= 3 else { continue }
                let a = TextFolding.fold(String(parts[0])), b = TextFolding.fold(String(parts[2]))
                guard !a.isEmpty, !b.isEmpty else { continue }
                map[a, default: [a]].insert(b)
                map[b, default: [b]].insert(a)
            }
        }
        return map.mapValues { $0.sorted() }
    }()

    /// Formal names (the tables' first column) and, for a nickname, the formal names it is short for.
    static let formalParents: (formal: Set<String>, parents: [String: [String]]) = {
        var formal: Set<String> = [], parents: [String: Set<String>] = [:]
        for table in [NicknameData.english, NicknameData.spanish] {
            for line in table.split(separator: "\n").dropFirst() {
                let parts = line.split(separator: ",", omittingEmptySubsequences: false)
                guard parts.count >= 3 else { continue }
                let a = TextFolding.fold(String(parts[0])), b = TextFolding.fold(String(parts[2]))
                guard !a.isEmpty, !b.isEmpty else { continue }
                formal.insert(a)
                parents[b, default: []].insert(a)
            }
        }
        return (formal, parents.mapValues { $0.sorted() })
    }()

    /// The formal names a folded given-name word stands for: itself when it is one (or unknown),
    /// and the names it is a nickname of (`paco` → `francisco`, `bob` → `robert`). Two names
    /// that can be one person's share at least one, which makes a narrow blocking key.
    public static func formal(_ word: String) -> [String] {
        let table = formalParents
        guard let parents = table.parents[word] else { return [word] }
        // `bob` is a nickname of `robert` and has nicknames of its own (`bobby`): both.
        return table.formal.contains(word) ? [word] + parents : parents
    }

    /// The folded forms `given` may stand for, itself first.
    public static func forms(of given: String) -> [String] {
        let folded = TextFolding.fold(given)
        guard !folded.isEmpty else { return [] }
        let first = folded.split(separator: " ").first.map(String.init) ?? folded
        var result = [folded]
        if first != folded { result.append(first) }
        for other in equivalents[first] ?? [] where !result.contains(other) { result.append(other) }
        return result
    }

    /// Whether a word is a known given name (in either language), for splitting names.
    public static func isGivenName(_ word: String) -> Bool {
        let folded = TextFolding.fold(word)
        return equivalents[folded] != nil || GivenNames.common.contains(folded)
    }
}

/// Common Spanish and Latin American given names beyond the nickname tables, folded.
enum GivenNames {
    static let common: Set<String> = [
        "maria", "jose", "juan", "carlos", "luis", "ana", "carmen", "antonio", "manuel", "francisco", "javier",
        "david", "daniel", "jesus", "miguel", "angel", "rafael", "pedro", "pablo", "alejandro", "fernando", "jorge",
        "alberto", "sergio", "ramon", "enrique", "andres", "diego", "raul", "ruben", "ivan", "oscar", "adrian",
        "alvaro", "ignacio", "inigo", "gonzalo", "jaime", "joaquin", "santiago", "sebastian", "mateo", "nicolas",
        "lucia", "laura", "marta", "elena", "cristina", "paula", "sara", "isabel", "pilar", "teresa", "rosa",
        "dolores", "mercedes", "josefa", "concepcion", "beatriz", "silvia", "patricia", "raquel", "monica", "nuria",
        "irene", "alicia", "rocio", "sonia", "sofia", "valeria", "camila", "daniela", "gabriela", "guadalupe",
        "lupita", "ines", "begona", "ainhoa", "amaia", "itziar", "nerea", "aitor", "unai", "mikel", "jon", "ander",
        "xavier", "jordi", "montserrat", "nuno", "joao", "renee", "zoe", "ayse", "mariajose", "juancarlos",
        "fernanda", "ximena", "regina", "renata", "andrea", "veronica", "lorena", "claudia", "natalia", "adriana",
        "alejandra", "carolina", "catalina", "estefania", "marisol", "yolanda", "esperanza", "consuelo", "soledad",
        "trinidad", "lourdes", "rosario", "amparo", "asuncion", "milagros", "luz", "mar", "pilar", "angeles",
        "emilio", "ernesto", "eduardo", "gustavo", "hector", "hugo", "julio", "lorenzo", "marcos", "mario",
        "martin", "mauricio", "octavio", "ricardo", "roberto", "rodrigo", "salvador", "tomas", "victor", "gaston",
        "guillermo", "gerardo", "arturo", "armando", "cesar", "felipe", "fidel", "gregorio", "horacio", "jacinto",
        "leonardo", "marcelo", "marcela", "nestor", "rogelio", "saul", "ulises", "vicente", "agustin", "benito",
    ]
}

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
public enum TextFolding {
    public static func fold(_ text: String) -> String {
        var out = ""
        var space = false
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if space && !out.isEmpty { out.append(" ") }
                space = false
                out.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else {
                space = true
            }
        }
        return out
    }
}

/// A phonetic key for surnames that treats Spanish and English spellings alike where they sound
/// alike: b/v, c/z/s before e/i, ll/y, g/j before e/i, silent h, qu/k/c, doubled letters, final -ez/-es.
public enum PhoneticKey {
    public static func key(_ text: String) -> String {
        let s = Array(TextFolding.fold(text).replacingOccurrences(of: " ", with: ""))
        var out: [Character] = []
        var i = 0
        func at(_ k: Int) -> Character? { k >= 0 && k < s.count ? s[k] : nil }
        while i < s.count {
            let c = s[i]
            let next = at(i + 1)
            var code: Character?
            switch c {
            case "a", "e", "i", "o", "u": code = out.isEmpty ? "A" : nil
            case "b", "v", "w": code = "B"
            case "c":
                if next == "h" { code = "X"; i += 1 }
                else if next == "e" || next == "i" { code = "S" }
                else { code = "K" }
            case "z", "s": code = "S"
            case "q": code = "K"; if next == "u" { i += 1 }
            case "k": code = "K"
            case "g": code = (next == "e" || next == "i") ? "J" : "G"
            case "j": code = "J"
            case "h": code = nil
            case "l": if next == "l" { code = "Y"; i += 1 } else { code = "L" }
            case "y": code = (next.map { "aeiou".contains($0) } ?? false) ? "Y" : (out.isEmpty ? "A" : nil)
            case "x": code = "X"
            case "r": code = "R"
            case "m", "n": code = "N"
            case "p": code = next == "h" ? "F" : "P"; if next == "h" { i += 1 }
            case "f": code = "F"
            case "d", "t": code = "T"
            default: code = nil
            }
            if let code, out.last != code { out.append(code) }
            i += 1
        }
        return String(out)
    }
}

/// Given names and their nicknames, both ways (`Francisco` ~ `Paco`, `William` ~ `Bill`).
public enum Nicknames {
    /// Folded name → every folded name it is equivalent to (itself included).
    static let equivalents: [String: Set<String>] = {
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
        return map
    }()

    /// The folded forms `given` may stand for, itself first.
    public static func forms(of given: String) -> [String] {
        let folded = TextFolding.fold(given)
        guard !folded.isEmpty else { return [] }
        let first = folded.split(separator: " ").first.map(String.init) ?? folded
        var result = [folded]
        if first != folded { result.append(first) }
        for other in (equivalents[first] ?? []).sorted() where !result.contains(other) { result.append(other) }
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

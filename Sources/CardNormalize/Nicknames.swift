import CardModel
import Foundation

/// Given names and their nicknames, both ways (`Francisco` ~ `Paco`, `William` ~ `Bill`).
public enum Nicknames {
    /// Folded name → every folded name it is equivalent to (itself included).
    static let equivalents: [String: [String]] = {
        var map: [String: Set<String>] = [:]
        for (a, b) in pairs {
            map[a, default: [a]].insert(b)
            map[b, default: [b]].insert(a)
        }
        return map.mapValues { $0.sorted() }
    }()

    /// The tables' rows as folded (name, nickname) pairs, read once from the package's CSV files
    /// (`Resources/nicknames_en.csv`, from carltonnorthern/nicknames under Apache-2.0, kept as
    /// published; `Resources/nicknames_es.csv`; and `Resources/nicknames_extra.csv`, the English
    /// nicknames the published table lacks). Columns: `name1,relationship,name2`. A change to
    /// any of them changes stored features: bump `RecordFeatures.encodingVersion` and add a book
    /// migration that works them out again (`BookSchema`).
    static let pairs: [(String, String)] = {
        var out: [(String, String)] = []
        for table in [PackageResources.nicknames_en_csv, PackageResources.nicknames_es_csv, PackageResources.nicknames_extra_csv] {
            for line in table.split(separator: 0x0A).dropFirst() {
                let parts = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
                guard parts.count >= 3 else { continue }
                let a = TextFolding.fold(String(decoding: parts[0], as: UTF8.self))
                let b = TextFolding.fold(String(decoding: parts[2], as: UTF8.self))
                guard !a.isEmpty, !b.isEmpty else { continue }
                out.append((a, b))
            }
        }
        return out
    }()

    /// Formal names (the tables' first column) and, for a nickname, the formal names it is short for.
    static let formalParents: (formal: Set<String>, parents: [String: [String]]) = {
        var formal: Set<String> = [], parents: [String: Set<String>] = [:]
        for (a, b) in pairs {
            formal.insert(a)
            parents[b, default: []].insert(a)
        }
        return (formal, parents.mapValues { $0.sorted() })
    }()

    /// The formal names a folded given-name word stands for: itself when it is one (or unknown),
    /// and the names it is a nickname of (`paco` → `francisco`, `bob` → `robert`). Two names
    /// that can be one person's share at least one, which makes a narrow blocking key.
    public static func formal(_ word: String) -> [String] {
        if let full = abbreviations[word] { return formal(full) }
        let table = formalParents
        guard let parents = table.parents[word] else { return [word] }
        // `bob` is a nickname of `robert` and has nicknames of its own (`bobby`): both.
        return table.formal.contains(word) ? [word] + parents : parents
    }

    /// The folded forms `given` may stand for, itself first.
    public static func forms(of given: String) -> [String] {
        let folded = TextFolding.fold(given)
        guard !folded.isEmpty else { return [] }
        var first = folded.asciiSplit(0x20).first.map(String.init) ?? folded
        var result = [folded]
        if first != folded { result.append(first) }
        // A written abbreviation (`Fco.`, `Mª`, `Wm.`) stands for its name and that name's nicknames.
        if let full = abbreviation(given, firstFolded: first) {
            if !result.contains(full) { result.append(full) }
            first = full
        }
        // The table's names are distinct: only the (at most three) forms before them can repeat one.
        let head = result.count
        for other in equivalents[first] ?? [] where !result[..<head].contains(other) { result.append(other) }
        return result
    }

    /// Abbreviations of given names as registers, forms and old records write them, folded.
    /// Only forms that are not names themselves: `Ma` alone is a name in other languages, so
    /// María's is recognised by its ordinal sign (`Mª`, `M.ª`).
    static let abbreviations: [String: String] = [
        "fco": "francisco", "fdo": "fernando", "gmo": "guillermo", "jph": "joseph",
        "wm": "william", "thos": "thomas", "jas": "james", "chas": "charles", "geo": "george",
        "robt": "robert", "saml": "samuel", "benj": "benjamin", "richd": "richard", "edw": "edward",
    ]

    static func abbreviation(_ given: String, firstFolded: String) -> String? {
        let u = given.utf8
        // `Mª`, `M.ª`, `Mª.`: M, an optional dot, then the ordinal sign U+00AA (C2 AA).
        if let m = u.first, m == 0x4D || m == 0x6D {
            var i = u.index(after: u.startIndex)
            if i < u.endIndex && u[i] == 0x2E { i = u.index(after: i) }
            if i < u.endIndex && u[i] == 0xC2 {
                let j = u.index(after: i)
                if j < u.endIndex && u[j] == 0xAA { return "maria" }
            }
        }
        return abbreviations[firstFolded]
    }

    /// Whether a word is a known given name (in either language), for splitting names.
    public static func isGivenName(_ word: String) -> Bool {
        let folded = TextFolding.fold(word)
        return equivalents[folded] != nil || GivenNames.common.contains(folded) || GivenNames.english.contains(folded)
    }
}

import CardModel
import Foundation

/// The organization key: no legal suffixes, `&`/`y`/`and`, punctuation or case.
public enum OrganizationNormalizer {
    static let legal: Set<String> = [
        "sl", "slu", "sa", "sas", "sll", "slp", "sc", "scp", "sa de cv", "de cv", "cv", "ltda", "inc", "llc", "ltd",
        "limited", "gmbh", "sarl", "bv", "corp", "corporation", "co", "plc", "ag", "nv", "spa", "srl", "lp", "llp", "sapi",
    ]
    static let connectors: Set<String> = ["y", "and", "e", "und", "et"]

    /// Legal suffixes as word lists, longest first, so "s a de c v" is tried before "c v".
    static let legalWords: [[String]] = legal.map { $0.split(separator: " ").map(String.init) }
        .sorted { $0.count > $1.count }
    static let legalLastWords: Set<String> = Set(legalWords.compactMap(\.last))

    /// The matching key of an organization name: `Moreno & Asociados S.L.` → `moreno asociados`.
    public static func key(_ organization: String) -> String {
        // Folded, dots inside abbreviations dropped ("S.L." → "sl"), "&" a word break.
        let folded = TextFolding.fold(organization, dropDots: true)
        var words = folded.asciiSplit(0x20).map(String.init)
        words.removeAll { connectors.contains($0) }
        // Legal suffixes at the end, one or several words ("sa de cv"); most names end in none.
        suffixes: while words.count > 1, legalLastWords.contains(words[words.count - 1]) {
            for suffix in legalWords where words.count > suffix.count && words.suffix(suffix.count).elementsEqual(suffix) {
                words.removeLast(suffix.count)
                continue suffixes
            }
            break
        }
        return words.joined(separator: " ")
    }
}

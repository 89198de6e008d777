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

    /// The matching key of an organization name: `Moreno & Asociados S.L.` → `moreno asociados`.
    public static func key(_ organization: String) -> String {
        // Folded, dots inside abbreviations dropped ("S.L." → "sl"), "&" a word break.
        var folded = TextFolding.fold(organization, dropDots: true)
        // The words as byte ranges of the folded text (single spaces, none at the ends).
        return folded.withUTF8 { p -> String? in
            var words: [Range<Int>] = []
            words.reserveCapacity(8)
            var start = 0
            for i in 0...p.count where i == p.count || p[i] == 0x20 {
                if i > start { words.append(start..<i) }
                start = i + 1
            }
            func equal(_ r: Range<Int>, _ word: [UInt8]) -> Bool {
                guard r.count == word.count else { return false }
                for (k, b) in word.enumerated() where p[r.lowerBound + k] != b { return false }
                return true
            }
            let count = words.count
            words.removeAll { r in r.count <= 3 && isConnector(UnsafeBufferPointer(rebasing: p[r])) }
            // Legal suffixes at the end, one or several words ("sa de cv"); most names end in none,
            // which their hash tells without comparing the word with each suffix.
            // The suffixes tried are those ending in the name's last word, longest first.
            suffixes: while words.count > 1,
                            let candidates = legalByLastWord[hash(UnsafeBufferPointer(rebasing: p[words[words.count - 1]]))] {
                for suffix in candidates where words.count > suffix.count {
                    var all = true
                    for k in 0..<suffix.count where !equal(words[words.count - suffix.count + k], suffix[k]) { all = false; break }
                    if all {
                        words.removeLast(suffix.count)
                        continue suffixes
                    }
                }
                break
            }
            if words.count == count { return nil }   // nothing taken off: the folded text is the key
            var out: [UInt8] = []
            out.reserveCapacity(p.count)
            for (k, r) in words.enumerated() {
                if k > 0 { out.append(0x20) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[r]))
            }
            return String(decoding: out, as: UTF8.self)
        } ?? folded
    }

    /// `y`, `e`, `et`, `and`, `und` (``connectors``), by their bytes.
    @inline(__always)
    static func isConnector(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
        switch w.count {
        case 1: return w[0] == UInt8(ascii: "y") || w[0] == UInt8(ascii: "e")
        case 2: return w[0] == UInt8(ascii: "e") && w[1] == UInt8(ascii: "t")
        case 3: return (w[0] == UInt8(ascii: "a") || w[0] == UInt8(ascii: "u")) && w[1] == UInt8(ascii: "n") && w[2] == UInt8(ascii: "d")
        default: return false
        }
    }

    /// FNV-1a of a word's bytes.
    @inline(__always)
    static func hash(_ w: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in w { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    /// The legal suffixes (as words of bytes, longest first) by the hash of their last word.
    static let legalByLastWord: [UInt64: [[[UInt8]]]] = Dictionary(grouping: legalBytes) {
        $0[$0.count - 1].withUnsafeBufferPointer(hash)
    }

    /// The tables as bytes, for comparing with the words of a folded name without making strings.
    static let legalBytes: [[[UInt8]]] = legalWords.map { $0.map { Array($0.utf8) } }
}

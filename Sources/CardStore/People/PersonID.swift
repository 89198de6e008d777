/// Person ids: `p` and a number in lower-case Crockford base 32 (`p1`, `pz`, `p10`, `p2zzz`), short
/// enough to type and copy, without letters that read as digits (no i, l, o, u). Records are
/// `r` and their decimal number, imports `#` and theirs.
enum PersonID {
    static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")

    /// The id of the `n`-th person ever created (n ≥ 1).
    static func make(_ n: Int64) -> String {
        var digits: [Character] = []
        var v = n
        repeat {
            digits.append(alphabet[Int(v % 32)])
            v /= 32
        } while v > 0
        return "p" + String(digits.reversed())
    }

    /// The number behind an id (`p10` → 32).
    static func seq(_ id: String) -> Int64? {
        guard looksLikeID(id) else { return nil }
        var n: Int64 = 0
        for ch in id.dropFirst() { n = n * 32 + Int64(alphabet.firstIndex(of: ch)!) }
        return n
    }

    /// Whether `text` has the shape of a person id.
    static func looksLikeID(_ text: String) -> Bool {
        text.count >= 2 && text.first == "p" && text.dropFirst().allSatisfy { alphabet.contains($0) }
    }

    /// `r12` → 12.
    static func recordNumber(_ text: String) -> Int64? {
        guard text.first == "r" || text.first == "R" else { return Int64(text) }
        return Int64(text.dropFirst())
    }

    /// 12 → `r12`.
    static func recordID(_ n: Int64) -> String { "r\(n)" }
}

import CardModel

/// Jaro–Winkler similarity on folded ASCII bytes: the usual string measure for names in record
/// linkage, since it forgives transpositions and rewards a shared start (`Gonzalez` ~ `Gonzales`).
public enum JaroWinkler {
    /// The Jaro–Winkler similarity of two folded strings: 1 when equal, 0 when nothing is shared.
    public static func similarity(_ a: String, _ b: String) -> Double {
        if a == b { return a.isEmpty ? 0 : 1 }
        return compute(a, b)
    }

    /// Whether the similarity reaches `threshold`, skipping the computation when the lengths
    /// alone rule it out (the Jaro score cannot exceed (s/l + 2) / 3 for lengths s ≤ l).
    public static func atLeast(_ threshold: Double, _ a: String, _ b: String) -> Bool {
        let n = a.utf8.count, m = b.utf8.count
        if n == 0 || m == 0 { return false }
        let bound = (Double(min(n, m)) / Double(max(n, m)) + 2) / 3
        if bound + 0.4 * (1 - bound) < threshold { return false }
        return similarity(a, b) >= threshold
    }

    static func compute(_ a: String, _ b: String) -> Double {
        var a = a, b = b
        return a.withUTF8 { pa in b.withUTF8 { pb in similarity(pa, pb) } }
    }

    static func similarity(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
        let n = a.count, m = b.count
        if n == 0 || m == 0 { return 0 }
        if n > 64 || m > 64 { return a.elementsEqual(b) ? 1 : 0 }
        let range = max(0, max(n, m) / 2 - 1)
        var matchedA: UInt64 = 0, matchedB: UInt64 = 0
        var matches = 0
        for i in 0..<n {
            let lo = max(0, i - range), hi = min(m - 1, i + range)
            if lo > hi { continue }
            for j in lo...hi where matchedB & (1 << UInt64(j)) == 0 && a[i] == b[j] {
                matchedA |= 1 << UInt64(i)
                matchedB |= 1 << UInt64(j)
                matches += 1
                break
            }
        }
        if matches == 0 { return 0 }
        var transpositions = 0
        var j = 0
        for i in 0..<n where matchedA & (1 << UInt64(i)) != 0 {
            while matchedB & (1 << UInt64(j)) == 0 { j += 1 }
            if a[i] != b[j] { transpositions += 1 }
            j += 1
        }
        let mm = Double(matches)
        let jaro = (mm / Double(n) + mm / Double(m) + (mm - Double(transpositions / 2)) / mm) / 3
        var prefix = 0
        while prefix < min(4, min(n, m)) && a[prefix] == b[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }
}

import CardModel

/// Jaro–Winkler similarity on folded ASCII bytes: the usual string measure for names in record
/// linkage, since it forgives transpositions and rewards a shared start (`Gonzalez` ~ `Gonzales`).
public enum JaroWinkler {
    /// The Jaro–Winkler similarity of two folded strings: 1 when equal, 0 when nothing is shared.
    public static func similarity(_ a: String, _ b: String) -> Double {
        if a == b { return a.isEmpty ? 0 : 1 }
        return compute(a, b, floor: 0)
    }

    /// The similarity when it may reach `floor`; otherwise some value under `floor` (a bound),
    /// for callers that only compare the result with `floor` or more.
    public static func similarity(_ a: String, _ b: String, floor: Double) -> Double {
        if a == b { return a.isEmpty ? 0 : 1 }
        return compute(a, b, floor: floor)
    }

    /// Whether the similarity reaches `threshold`, skipping the computation when the lengths
    /// alone rule it out (the Jaro score cannot exceed (s/l + 2) / 3 for lengths s ≤ l).
    public static func atLeast(_ threshold: Double, _ a: String, _ b: String) -> Bool {
        let n = a.utf8.count, m = b.utf8.count
        if n == 0 || m == 0 { return false }
        let bound = (Double(min(n, m)) / Double(max(n, m)) + 2) / 3
        if bound + 0.4 * (1 - bound) < threshold { return false }
        return similarity(a, b, floor: threshold) >= threshold
    }

    static func compute(_ a: String, _ b: String, floor: Double) -> Double {
        func score(_ pa: UnsafeBufferPointer<UInt8>, _ pb: UnsafeBufferPointer<UInt8>) -> Double {
            if floor > 0 {
                let most = upperBound(pa, pb)
                if most < floor { return most }
            }
            return similarity(pa, pb)
        }
        // Borrowed in place (native strings): `withUTF8` needs a mutable copy, which retains
        // each string and writes to its storage, shared by both cores in the pair loop.
        if let result = a.utf8.withContiguousStorageIfAvailable({ pa in
            b.utf8.withContiguousStorageIfAvailable { pb in score(pa, pb) }
        }), let result { return result }
        var a = a, b = b
        return a.withUTF8 { pa in b.withUTF8 { pb in score(pa, pb) } }
    }

    /// At least the similarity, from which bytes occur in the other string at all: a byte of one
    /// that the other lacks (by its low five bits, so possibly more) can match nothing. Most
    /// names compared are unrelated, and this rules them out for a fraction of the full score.
    static func upperBound(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
        let n = a.count, m = b.count
        if n == 0 || m == 0 { return 0 }
        if n > 64 || m > 64 { return 1 }
        var inA: UInt32 = 0, inB: UInt32 = 0
        for y in b { inB |= 1 &<< UInt32(y & 31) }
        // Counted without branches: whether a byte occurs in the other name is a coin toss that
        // a branch would mispredict half the time, and these loops run for most pairs compared.
        var fromA = 0, fromB = 0
        for x in a {
            let shift = UInt32(x & 31)
            inA |= 1 &<< shift
            fromA &+= Int(truncatingIfNeeded: (inB &>> shift) & 1)
        }
        for y in b { fromB &+= Int(truncatingIfNeeded: (inA &>> UInt32(y & 31)) & 1) }
        let matches = min(fromA, fromB)
        if matches == 0 { return 0 }
        // The score's formula with that many matches and no transpositions.
        let mm = Double(matches)
        let jaro = (mm / Double(n) + mm / Double(m) + mm / mm) / 3
        var prefix = 0
        while prefix < min(4, min(n, m)) && a[prefix] == b[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }

    /// Bit-parallel: `b`'s positions of each byte (by its low five bits, checked) are one mask,
    /// so each byte of `a` finds its first unmatched partner in the window with a few bit
    /// operations instead of a scan. Names are short; up to 64 bytes are compared this way.
    static func similarity(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
        let n = a.count, m = b.count
        if n == 0 || m == 0 { return 0 }
        if n > 64 || m > 64 { return a.elementsEqual(b) ? 1 : 0 }
        let range = max(0, max(n, m) / 2 - 1)
        var matchedA: UInt64 = 0, matchedB: UInt64 = 0
        var matches = 0
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 32) { positions in
            positions.initialize(repeating: 0)
            for j in 0..<m { positions[Int(b[j] & 31)] |= 1 &<< UInt64(j) }
            for i in 0..<n {
                let lo = max(0, i - range), hi = min(m - 1, i + range)
                if lo > hi { continue }
                let width = hi - lo + 1
                let window = (width >= 64 ? ~UInt64(0) : (1 &<< UInt64(width)) &- 1) &<< UInt64(lo)
                var candidates = positions[Int(a[i] & 31)] & window & ~matchedB
                while candidates != 0 {
                    let j = candidates.trailingZeroBitCount
                    if b[j] == a[i] {
                        matchedA |= 1 &<< UInt64(i)
                        matchedB |= 1 &<< UInt64(j)
                        matches += 1
                        break
                    }
                    candidates &= candidates &- 1
                }
            }
        }
        if matches == 0 { return 0 }
        // Matched bytes in order on both sides: each pair that differs is half a transposition.
        var transpositions = 0
        var restA = matchedA, restB = matchedB
        while restA != 0 {
            if a[restA.trailingZeroBitCount] != b[restB.trailingZeroBitCount] { transpositions += 1 }
            restA &= restA &- 1
            restB &= restB &- 1
        }
        let mm = Double(matches)
        let jaro = (mm / Double(n) + mm / Double(m) + (mm - Double(transpositions / 2)) / mm) / 3
        var prefix = 0
        while prefix < min(4, min(n, m)) && a[prefix] == b[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }
}

import Foundation

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

    /// The same table packed for the byte loop: 0 a mark, 1 a separator, else the folded bytes
    /// (one to three) in the low 24 bits, first byte lowest, and their count in the top byte;
    /// `UInt32.max` for a form longer than three bytes (left to the scalar loop).
    static let latinPacked: [UInt32] = latin.map { folded in
        switch folded {
        case .mark: return 0
        case .separator: return 1
        case .letters(let bytes):
            guard (1...3).contains(bytes.count) else { return .max }
            var packed = UInt32(bytes.count) << 24
            for (i, b) in bytes.enumerated() { packed |= UInt32(b) << (8 * UInt32(i)) }
            return packed
        }
    }

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
        var w = Writer(spaces: spaces, dropDots: dropDots, capacity: text.utf8.count)
        if ascii {   // bytes, without decoding scalars
            for b in text.utf8 { w.ascii(b) }
            return w.string
        }
        // Latin text by its bytes: ASCII as above, two-byte sequences (U+0080…U+07FF) through the
        // packed table when below U+0250; the first other byte hands the rest to the scalar loop.
        let table = latinPacked
        let handled: Int = text.utf8.withContiguousStorageIfAvailable { p -> Int in
            var i = 0
            let n = p.count
            while i < n {
                let b = p[i]
                if b < 0x80 { w.ascii(b); i += 1; continue }
                guard b >= 0xC2 && b <= 0xC9, i + 1 < n else { return i }
                let v = Int(b & 0x1F) << 6 | Int(p[i + 1] & 0x3F)
                guard v < 0x250 else { return i }
                let packed = table[v - 0x80]
                if packed == .max { return i }
                i += 2
                w.packed(packed)
            }
            return n
        } ?? 0
        if handled >= text.utf8.count { return w.string }
        let rest = text.utf8.index(text.utf8.startIndex, offsetBy: handled)
        for scalar in text.unicodeScalars[rest...] {
            let v = scalar.value
            if v < 0x80 { w.ascii(UInt8(v)); continue }
            switch v < 0x250 ? latin[Int(v) - 0x80] : foldSlow(scalar) {
            case .mark: continue
            case .separator: w.space = true
            case .letters(let bytes): w.letters(bytes)
            }
        }
        return w.string
    }

    /// The folded bytes being written: a struct of its own, so that the loops above change it
    /// without closures capturing variables (which Swift checks for exclusive access at run
    /// time, on every byte).
    struct Writer {
        let spaces: Bool
        let dropDots: Bool
        var out: [UInt8] = []
        var space = false

        init(spaces: Bool, dropDots: Bool, capacity: Int) {
            self.spaces = spaces
            self.dropDots = dropDots
            out.reserveCapacity(capacity)
        }

        var string: String { String(decoding: out, as: UTF8.self) }

        @inline(__always) mutating func breakBefore() {
            if space && spaces && !out.isEmpty { out.append(0x20) }
            space = false
        }

        @inline(__always) mutating func ascii(_ b: UInt8) {
            switch b {
            case 0x41...0x5A: breakBefore(); out.append(b | 0x20)
            case 0x61...0x7A, 0x30...0x39: breakBefore(); out.append(b)
            case 0x2E where dropDots: break
            default: space = true
            }
        }

        /// One entry of ``latinPacked`` (not `UInt32.max`).
        @inline(__always) mutating func packed(_ packed: UInt32) {
            if packed == 0 { return }
            if packed == 1 { space = true; return }
            breakBefore()
            let count = Int(packed >> 24)
            out.append(UInt8(truncatingIfNeeded: packed))
            if count > 1 { out.append(UInt8(truncatingIfNeeded: packed >> 8)) }
            if count > 2 { out.append(UInt8(truncatingIfNeeded: packed >> 16)) }
        }

        mutating func letters(_ bytes: [UInt8]) {
            breakBefore()
            out.append(contentsOf: bytes)
        }
    }
}

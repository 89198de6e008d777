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

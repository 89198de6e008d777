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
        // Native strings (all but a few bridged ones) by their bytes, in one pass; a scalar
        // beyond the Latin table starts again on the scalar path.
        let fast = text.utf8.withContiguousStorageIfAvailable { foldLatin($0, spaces: spaces, dropDots: dropDots) }
        switch fast {
        case .unchanged?: return text
        case .folded(let folded)?: return folded
        case .notLatin?, nil: return foldScalars(text, spaces: spaces, dropDots: dropDots)
        }
    }

    enum LatinFold {
        /// Already folded (ASCII letters and digits, single inner spaces): the text itself, no copy.
        case unchanged
        case folded(String)
        /// A scalar the Latin table does not cover.
        case notLatin
    }

    /// ASCII and two-byte sequences below U+0250 (through ``latinPacked``), written into a
    /// buffer on the stack: no array to grow and free for each of the millions of names folded.
    static func foldLatin(_ p: UnsafeBufferPointer<UInt8>, spaces: Bool, dropDots: Bool) -> LatinFold {
        // Matching folds the same words again and again: text that is already folded comes back as it is.
        var afterSpace = true, folded = true
        for b in p {
            if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) { afterSpace = false }
            else if b == 0x20 && spaces && !afterSpace { afterSpace = true }
            else { folded = false; break }
        }
        if folded && !afterSpace { return .unchanged }
        // At most four bytes out for three in (a separator, then a letter folding to three bytes
        // after a space): twice the input is room enough.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * p.count + 1) { buffer -> LatinFold in
            var w = Writer(spaces: spaces, dropDots: dropDots, sink: BufferSink(base: buffer.baseAddress!))
            let table = latinPacked
            var i = 0
            let n = p.count
            while i < n {
                let b = p[i]
                if b < 0x80 { w.ascii(b); i += 1; continue }
                guard b >= 0xC2 && b <= 0xC9, i + 1 < n else { return .notLatin }
                let v = Int(b & 0x1F) << 6 | Int(p[i + 1] & 0x3F)
                guard v < 0x250 else { return .notLatin }
                let packed = table[v - 0x80]
                if packed == .max { return .notLatin }
                i += 2
                w.packed(packed)
            }
            return .folded(String(decoding: UnsafeBufferPointer(start: buffer.baseAddress, count: w.sink.count), as: UTF8.self))
        }
    }

    /// Any text, scalar by scalar: ASCII and Latin through the tables, anything rarer through
    /// Foundation on that scalar alone.
    static func foldScalars(_ text: String, spaces: Bool, dropDots: Bool) -> String {
        var w = Writer(spaces: spaces, dropDots: dropDots, sink: [UInt8]())
        w.sink.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 { w.ascii(UInt8(v)); continue }
            switch v < 0x250 ? latin[Int(v) - 0x80] : foldSlow(scalar) {
            case .mark: continue
            case .separator: w.space = true
            case .letters(let bytes): w.letters(bytes)
            }
        }
        return String(decoding: w.sink, as: UTF8.self)
    }

    /// Where folded bytes go: an array when their count is not known beforehand, else a buffer.
    protocol Sink {
        mutating func append(_ b: UInt8)
        var isEmpty: Bool { get }
    }

    /// Bytes written to memory the caller sized.
    struct BufferSink: Sink {
        let base: UnsafeMutablePointer<UInt8>
        var count = 0
        @inline(__always) mutating func append(_ b: UInt8) { base[count] = b; count += 1 }
        var isEmpty: Bool { count == 0 }
    }

    /// The folded bytes being written: a struct of its own, so that the loops above change it
    /// without closures capturing variables (which Swift checks for exclusive access at run
    /// time, on every byte).
    struct Writer<S: Sink> {
        let spaces: Bool
        let dropDots: Bool
        var sink: S
        var space = false

        init(spaces: Bool, dropDots: Bool, sink: S) {
            self.spaces = spaces
            self.dropDots = dropDots
            self.sink = sink
        }

        @inline(__always) mutating func breakBefore() {
            if space && spaces && !sink.isEmpty { sink.append(0x20) }
            space = false
        }

        @inline(__always) mutating func ascii(_ b: UInt8) {
            switch b {
            case 0x41...0x5A: breakBefore(); sink.append(b | 0x20)
            case 0x61...0x7A, 0x30...0x39: breakBefore(); sink.append(b)
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
            sink.append(UInt8(truncatingIfNeeded: packed))
            if count > 1 { sink.append(UInt8(truncatingIfNeeded: packed >> 8)) }
            if count > 2 { sink.append(UInt8(truncatingIfNeeded: packed >> 16)) }
        }

        mutating func letters(_ bytes: [UInt8]) {
            breakBefore()
            for b in bytes { sink.append(b) }
        }
    }
}

extension Array<UInt8>: TextFolding.Sink {}
